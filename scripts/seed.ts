import fs from "node:fs";
import path from "node:path";
import { createApiKey, createBrand, createCampaign, createCreator, me, publishDnsWith, signIn, verifyDomain, type Fetcher } from "../test/factories";
import { publishToZone } from "./lib/local-doh";
import { seedCommunity } from "./seed-community";
import { seedShop } from "./seed-shop";
import { seedStorefront } from "./seed-storefront";

/** Keys in `.data/demo.json`. Later features add keys; existing ones stay stable. */
export interface Demo {
  appUrl: string;
  gatewayUrl: string;
  brandEmail: string;
  brandId: string;
  brandApiKey: string;
  brandSessionCookie: string;
  rivalBrandEmail: string;
  rivalBrandId: string;
  rivalBrandApiKey: string;
  creatorEmail: string;
  creatorId: string;
  creatorHandle: string;
  creatorSessionCookie: string;
  campaignId: string;
  openCampaignId: string;
  linkCode: string;
  /** A product the demo creator sells themselves (a download) on the demo storefront. */
  creatorProductId: string;
  /** A paid tier of the demo community (opens its "Plus lounge" room). */
  paidTierId: string;
  [key: string]: unknown;
}

const BRAND = { email: "demo-brand@tandem.test", name: "Lumen Skincare", website: "https://lumen-skincare.example", industry: "beauty", companySize: "11-50", country: "GB" };
const RIVAL = { email: "rival-brand@tandem.test", name: "Rival Goods", website: "https://rival-goods.example", industry: "home", companySize: "51-200", country: "US" };
const CREATOR = { email: "demo-creator@tandem.test", handle: "mia", displayName: "Mia Rivera", niches: ["beauty", "wellness", "fashion"] };

async function session(f: Fetcher, email: string, existing?: string) {
  if (existing && (await me(f, existing))) return existing;
  return (await signIn(f, email)).cookie;
}

async function keyStillWorks(f: Fetcher, key: string | undefined, brandId: string) {
  if (!key) return false;
  const res = await f(`/api/v1/brands/${brandId}`, { headers: { authorization: `Bearer ${key}` } });
  return res.ok;
}

async function brandFor(f: Fetcher, cookie: string, spec: typeof BRAND) {
  const current = await me(f, cookie);
  const existing = current?.brands[0];
  const { email: _email, ...company } = spec;
  const id = existing?.id ?? (await createBrand(f, cookie, company, "sales")).id;
  // The website's domain is verified as a brand verifies it (idempotent; brands seeded before verification existed catch up).
  await verifyDomain(f, cookie, id, new URL(spec.website).hostname.replace(/^www\./, ""));
  return id;
}

/** Seeds the demo through the public API (idempotent: reuses whatever still works). */
export async function seed(gatewayUrl: string, appUrl: string, demoPath: string): Promise<Demo> {
  const f: Fetcher = (p, init) => fetch(`${gatewayUrl}${p}`, init);
  const prev: Partial<Demo> = fs.existsSync(demoPath) ? JSON.parse(fs.readFileSync(demoPath, "utf8")) : {};
  // Domain verification records go to the local resolver's zone file (scripts/lib/local-doh.ts), beside demo.json.
  const zoneFile = path.join(path.dirname(demoPath), "dns-zone.json");
  publishDnsWith((name, value) => publishToZone(zoneFile, name, value));

  const brandSessionCookie = await session(f, BRAND.email, prev.brandSessionCookie);
  const brandId = await brandFor(f, brandSessionCookie, BRAND);
  const brandApiKey = (await keyStillWorks(f, prev.brandApiKey, brandId)) ? prev.brandApiKey! : (await createApiKey(f, brandSessionCookie, brandId, "Demo store")).secret;

  const rivalCookie = await session(f, RIVAL.email, prev.rivalBrandSessionCookie as string | undefined);
  const rivalBrandId = await brandFor(f, rivalCookie, RIVAL);
  const rivalBrandApiKey = (await keyStillWorks(f, prev.rivalBrandApiKey, rivalBrandId)) ? prev.rivalBrandApiKey! : (await createApiKey(f, rivalCookie, rivalBrandId, "Rival key")).secret;

  const creatorSessionCookie = await session(f, CREATOR.email, prev.creatorSessionCookie);
  let creator = (await me(f, creatorSessionCookie))?.creator ?? null;
  if (!creator) creator = await createCreator(f, creatorSessionCookie, { handle: CREATOR.handle, displayName: CREATOR.displayName, niches: CREATOR.niches });
  const profile = (await me(f, creatorSessionCookie)) as unknown as { creator: { socialAccounts: unknown[] } };
  if (profile.creator.socialAccounts.length === 0) {
    for (const s of [
      { platform: "instagram", handle: "mia.rivera", followers: 48200 },
      { platform: "tiktok", handle: "miarivera", followers: 126000 },
    ]) {
      const res = await f(`/api/v1/creators/${creator.id}/social`, { method: "POST", headers: { "content-type": "application/json", cookie: creatorSessionCookie }, body: JSON.stringify(s) });
      if (!res.ok) throw new Error(`seed social: ${res.status} ${await res.text()}`);
    }
  }

  // A launched CPC campaign the demo creator has joined (their link comes from accepting it),
  // and a second open campaign they have not joined yet.
  const ensureCampaign = async (prevId: string | undefined, body: Record<string, unknown>) => {
    if (prevId) {
      const res = await f(`/api/v1/campaigns/${prevId}`, { headers: { cookie: brandSessionCookie } });
      if (res.ok) {
        const existing = (await res.json()) as { landingUrls: string[] };
        if (!existing.landingUrls.length) {
          await f(`/api/v1/campaigns/${prevId}`, { method: "PATCH", headers: { "content-type": "application/json", cookie: brandSessionCookie }, body: JSON.stringify({ openToMarketplace: true, niches: body.niches, brief: body.brief, landingUrls: body.landingUrls }) });
        }
        return prevId;
      }
    }
    return (await createCampaign(f, brandSessionCookie, { brandId, ...body })).id;
  };
  const campaignId = await ensureCampaign(prev.campaignId, {
    name: "Spring Glow Serum",
    pricingModel: "cpc",
    rateMinor: 45,
    currency: "GBP",
    totalBudgetMinor: 500_000,
    dailyBudgetMinor: 50_000,
    targetCountries: [],
    fallbackUrl: `${BRAND.website}/shop`,
    utmCampaign: "spring-glow",
    openToMarketplace: true,
    niches: ["beauty", "wellness"],
    brief: "Show Glow Serum in your morning routine: before and after, natural light, no filters. Mention the 30-day glow promise.",
    landingUrls: [`${BRAND.website}/products/glow-serum`],
  });
  const openCampaignId = await ensureCampaign(prev.openCampaignId as string | undefined, {
    name: "Night Repair Mask",
    pricingModel: "cpp",
    cppMode: "percent",
    rateBps: 1200,
    currency: "GBP",
    totalBudgetMinor: 300_000,
    fallbackUrl: `${BRAND.website}/shop`,
    utmCampaign: "night-repair",
    openToMarketplace: true,
    niches: ["beauty", "fashion"],
    brief: "A night-time routine with the Repair Mask. Creators earn 12 % of every sale their link brings in.",
    landingUrls: [`${BRAND.website}/products/night-repair-mask`, `${BRAND.website}/collections/night`],
  });
  const accepted = await f(`/api/v1/campaigns/${campaignId}/accept`, { method: "POST", headers: { cookie: creatorSessionCookie } });
  if (!accepted.ok) throw new Error(`seed accept: ${accepted.status} ${await accepted.text()}`);
  const link = ((await accepted.json()) as { links: { code: string }[] }).links[0]!;
  const { glowSerumId } = await seedStorefront(f, brandSessionCookie, brandApiKey, creatorSessionCookie);
  const { creatorProductId } = await seedShop(f, creatorSessionCookie);
  const community = await seedCommunity(f, creatorSessionCookie, prev as { memberSessionCookies?: string[]; dropId?: string }, glowSerumId);

  const demo: Demo = {
    ...prev,
    appUrl,
    gatewayUrl,
    brandEmail: BRAND.email,
    brandId,
    brandApiKey,
    brandSessionCookie,
    rivalBrandEmail: RIVAL.email,
    rivalBrandId,
    rivalBrandApiKey,
    rivalBrandSessionCookie: rivalCookie,
    creatorEmail: CREATOR.email,
    creatorId: creator.id,
    creatorHandle: creator.handle,
    creatorSessionCookie,
    campaignId,
    openCampaignId,
    linkCode: link.code,
    storefrontUrl: `${appUrl}/@${creator.handle}`,
    creatorProductId,
    ...community,
  };
  fs.mkdirSync(path.dirname(demoPath), { recursive: true });
  fs.writeFileSync(demoPath, `${JSON.stringify(demo, null, 2)}\n`);
  return demo;
}
