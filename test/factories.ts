import type { z } from "zod";
import type { ImportJobSchema } from "../workers/catalog/schemas";

/**
 * Factories that drive the public API, shared by the seed (real HTTP against the running
 * gateway) and the integration tests (the worker in-process). One way to make demo data.
 */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export interface SignedIn {
  cookie: string;
  userId: string;
}

async function expectOk(res: Response, what: string) {
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return res;
}

const json = (body: unknown, cookie?: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
  body: JSON.stringify(body),
});

/** The latest sign-in code mailed to `email`, read from the development outbox. */
export async function latestCode(fetcher: Fetcher, email: string): Promise<string> {
  const res = await expectOk(await fetcher("/dev/outbox", { headers: { accept: "application/json" } }), "outbox");
  const mail = (await res.json()) as { to: string; subject: string }[];
  const msg = mail.find((m) => m.to === email.toLowerCase());
  const code = msg && /(\d{6})/.exec(msg.subject)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

/** Signs in with an emailed code; returns the header-ready session cookie. */
export async function signIn(fetcher: Fetcher, email: string): Promise<SignedIn> {
  await expectOk(await fetcher("/api/v1/auth/otp/start", json({ email })), "otp start");
  const code = await latestCode(fetcher, email);
  const res = await expectOk(await fetcher("/api/v1/auth/otp/verify", json({ email, code })), "otp verify");
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = /tandem_session=[^;]+/.exec(setCookie)?.[0];
  if (!cookie) throw new Error("no session cookie");
  const body = (await res.json()) as { user: { id: string } };
  return { cookie, userId: body.user.id };
}

export interface BrandInput {
  name: string;
  website: string;
  industry: string;
  companySize: string;
  country: string;
}

/** Puts a TXT record where the gateway's DNS-over-HTTPS lookups find it (the brand's DNS host, for a real brand). */
export type DnsPublisher = (name: string, value: string) => void | Promise<void>;
let dnsPublisher: DnsPublisher | null = null;
/** Tests publish to their stand-in resolver, the seed to the local stack's; with none, brands stay unverified. */
export function publishDnsWith(publisher: DnsPublisher | null) {
  dnsPublisher = publisher;
}

interface Domain {
  id: string;
  domain: string;
  verified: boolean;
  verification: { type: "TXT"; name: string; value: string };
}

/** Verifies a registered domain the way a brand does: publish the TXT record it asks for, then press Verify. */
export async function verifyDomain(fetcher: Fetcher, cookie: string, brandId: string, domain: string, publish: DnsPublisher | null = dnsPublisher) {
  if (!publish) throw new Error("no DNS publisher: call publishDnsWith first");
  const list = (await (await expectOk(await fetcher(`/api/v1/brands/${brandId}/domains`, { headers: { cookie } }), "list domains")).json()) as { items: Domain[] };
  const d = list.items.find((x) => x.domain === domain);
  if (!d) throw new Error(`${domain} is not registered for ${brandId}`);
  if (d.verified) return d;
  await publish(d.verification.name, d.verification.value);
  return (await (await expectOk(await fetcher(`/api/v1/brands/${brandId}/domains/${d.id}/verify`, json({}, cookie)), "verify domain")).json()) as Domain;
}

/** Creates a brand; with a DNS publisher set, its website's domain is verified too (`verify: false` leaves it unverified). */
export async function createBrand(fetcher: Fetcher, cookie: string, input: BrandInput, goal = "sales", opts: { verify?: boolean } = {}) {
  const res = await expectOk(await fetcher("/api/v1/brands", json(input, cookie)), "create brand");
  const brand = (await res.json()) as { id: string };
  await expectOk(
    await fetcher(`/api/v1/brands/${brand.id}`, { ...json({ goal }, cookie), method: "PATCH" }),
    "set goal",
  );
  if (dnsPublisher && opts.verify !== false) {
    await verifyDomain(fetcher, cookie, brand.id, new URL(input.website).hostname.toLowerCase().replace(/^www\./, ""));
  }
  return brand;
}

export async function createApiKey(fetcher: Fetcher, cookie: string, brandId: string, name = "Demo key") {
  const res = await expectOk(await fetcher(`/api/v1/brands/${brandId}/api-keys`, json({ name }, cookie)), "create key");
  return (await res.json()) as { id: string; secret: string };
}

export async function createCreator(
  fetcher: Fetcher,
  cookie: string,
  input: { handle: string; displayName: string; niches: string[] },
) {
  const res = await expectOk(await fetcher("/api/v1/creators", json(input, cookie)), "create creator");
  return (await res.json()) as { id: string; handle: string };
}

export async function me(fetcher: Fetcher, cookie: string) {
  const res = await fetcher("/api/v1/me", { headers: { cookie } });
  return res.ok ? ((await res.json()) as { kind: "user"; user: { id: string; email: string }; brands: { id: string; role: string }[]; creator: { id: string; handle: string } | null }) : null;
}

/**
 * Pays `amountMinor` into a brand's wallet through the test-mode checkout (no Stripe), as a brand
 * owner would on the Wallet page. A top-up is at least 500 minor units.
 */
export async function fundWallet(fetcher: Fetcher, cookie: string, brandId: string, amountMinor: number, currency = "GBP") {
  const res = await expectOk(await fetcher(`/api/v1/brands/${brandId}/wallet/top-ups`, json({ amountMinor: Math.max(500, amountMinor), currency }, cookie)), "start top-up");
  const { url } = (await res.json()) as { url: string };
  await payTestCheckout(fetcher, url);
}

/** Pays a test-mode checkout (its page's pay button), with a shipping address when it asks for one. */
export async function payTestCheckout(fetcher: Fetcher, url: string, body: { shipping?: Record<string, unknown> } = {}) {
  await expectOk(await fetcher(`/api/v1/checkout/test/${new URL(url).pathname.split("/").pop()}/pay`, json(body)), "pay test checkout");
}

/** Adds a product a creator sells themselves; a digital one gets `file` uploaded before it goes on sale. */
export async function createCreatorProduct(fetcher: Fetcher, cookie: string, body: Record<string, unknown>, file?: { name: string; bytes: Uint8Array; type?: string }) {
  const wantsActive = body.status === "active";
  const res = await expectOk(await fetcher("/api/v1/shop/products", json(file && wantsActive ? { ...body, status: "draft" } : body, cookie)), "create creator product");
  let product = (await res.json()) as { id: string; slug: string; status: string };
  if (file) {
    await expectOk(
      await fetcher(`/api/v1/shop/products/${product.id}/file`, { method: "PUT", headers: { cookie, "content-type": file.type ?? "application/pdf", "x-file-name": encodeURIComponent(file.name) }, body: new Blob([new Uint8Array(file.bytes)]) }),
      "upload product file",
    );
    if (wantsActive) {
      const patched = await fetcher(`/api/v1/shop/products/${product.id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ status: "active" }) });
      product = (await (await expectOk(patched, "put product on sale")).json()) as typeof product;
    }
  }
  return product;
}

/** Opens an order for creator products: `{orderId, url}` (pay at url). */
export async function buy(fetcher: Fetcher, cookie: string, items: { productId: string; quantity: number }[]) {
  const res = await expectOk(await fetcher("/api/v1/checkout", json({ items }, cookie)), "checkout");
  return (await res.json()) as { orderId: string; url: string };
}

export async function createCampaign(fetcher: Fetcher, cookie: string, body: Record<string, unknown>, launch = true) {
  const res = await expectOk(await fetcher("/api/v1/campaigns", json(body, cookie)), "create campaign");
  const campaign = (await res.json()) as { id: string; brandId: string; totalBudgetMinor: number; currency: string };
  if (launch) {
    // Launch commits the whole budget from the wallet (ADR 017): fund it first.
    await fundWallet(fetcher, cookie, campaign.brandId, campaign.totalBudgetMinor, campaign.currency);
    await expectOk(await fetcher(`/api/v1/campaigns/${campaign.id}/status`, json({ action: "launch" }, cookie)), "launch campaign");
  }
  return campaign;
}

export async function mintLink(fetcher: Fetcher, cookie: string, body: { campaignId: string; creatorId: string; destination: string; productId?: string }) {
  const res = await expectOk(await fetcher("/api/v1/links", json(body, cookie)), "mint link");
  return (await res.json()) as { code: string; url: string };
}

export async function createCategory(fetcher: Fetcher, cookie: string, body: { name: string; parentId?: string | null; slug?: string }) {
  const res = await expectOk(await fetcher("/api/v1/catalog/categories", json(body, cookie)), "create category");
  return (await res.json()) as { id: string; slug: string };
}

export async function createProduct(fetcher: Fetcher, cookie: string, body: Record<string, unknown>) {
  const res = await expectOk(await fetcher("/api/v1/catalog/products", json(body, cookie)), "create product");
  return (await res.json()) as { id: string; handle: string; variants: { id: string; sku: string | null; priceMinor: number }[] };
}

export type ImportJob = z.infer<typeof ImportJobSchema>;

/** Uploads a CSV and waits for the queued import to finish. */
export async function importCatalog(fetcher: Fetcher, auth: Record<string, string>, csv: string, query: string, timeoutMs = 60_000): Promise<ImportJob> {
  const res = await fetcher(`/api/v1/catalog/imports?${query}`, { method: "POST", headers: { "content-type": "text/csv", ...auth }, body: csv });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as ImportJob;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await fetcher(`/api/v1/catalog/imports/${id}`, { headers: auth })).json()) as ImportJob;
    if (job.status === "completed" || job.status === "failed") return job;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
