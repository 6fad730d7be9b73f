import { beforeAll, describe, expect, it } from "vitest";
import { createCreator, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { query } from "./pg-helpers";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
let octet = Math.floor(Math.random() * 200);
/** A fresh client address per test, so tests never share a limiter bucket. */
const freshIp = () => `100.${70 + (octet++ % 50)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/**
 * The limiters count in fixed one-minute windows. From a fresh address the first `limit`
 * requests always pass; of the next `limit + 1`, at least one shares a window with `limit`
 * others, whenever the window boundary falls. Requests go out in small concurrent batches.
 */
async function overTheLimit(limit: number, send: () => Promise<Response>) {
  const batch = async (n: number) => {
    const out: Response[] = [];
    for (let i = 0; i < n; i += 20) out.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, send))));
    return out;
  };
  const within = await batch(limit);
  expect(within.filter((r) => r.status === 429)).toHaveLength(0);
  const beyond = await batch(limit + 1);
  const limited = beyond.find((r) => r.status === 429);
  expect(limited, "some request over the limit is refused").toBeDefined();
  const p = await problem(limited!);
  expect(p.code).toBe("rate_limited");
  expect(limited!.headers.get("retry-after")).toBe("60");
  return { within, beyond };
}

describe("per-client limits on anonymous writes", () => {
  let handle: string;
  let creatorId: string;

  beforeAll(async () => {
    const s = await signIn(api, uniqueEmail("limits"));
    handle = `lim_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.slice(0, 30);
    creatorId = (await createCreator(api, s.cookie, { handle, displayName: "Lim", niches: ["fitness"] })).id;
    const started = await postJson("/api/v1/storefronts/mine", { template: "fashion" }, { cookie: s.cookie });
    expect(started.status).toBe(201);
    const sf = (await started.json()) as { draft: { blocks: unknown[] }; draftRevision: number };
    sf.draft.blocks.push({ id: "form00001", type: "contactForm", props: { kind: "contact" } });
    expect((await postJson("/api/v1/storefronts/mine/draft", { doc: sf.draft, revision: sf.draftRevision }, { cookie: s.cookie }, "PUT")).status).toBe(200);
    expect((await postJson("/api/v1/storefronts/mine/publish", {}, { cookie: s.cookie })).status).toBe(200);
  });

  it("the storefront contact form takes 5 messages a minute from one client, and stores only those it accepted", async () => {
    const ip = freshIp();
    const msg = { name: "Ana", email: "ana@example.com", message: `Hello from ${ip}` };
    const { within, beyond } = await overTheLimit(5, () => postJson(`/api/v1/storefronts/${handle}/messages`, msg, { "cf-connecting-ip": ip }));
    const accepted = [...within, ...beyond].filter((r) => r.status === 201).length;
    expect([...within, ...beyond].every((r) => r.status === 201 || r.status === 429)).toBe(true);
    const rows = await query<{ n: string }>("select count(*) as n from storefront_messages where creator_id = $1 and message = $2", [creatorId, msg.message]);
    expect(Number(rows[0]!.n)).toBe(accepted);
    // Someone else can still write.
    expect((await postJson(`/api/v1/storefronts/${handle}/messages`, msg, { "cf-connecting-ip": freshIp() })).status).toBe(201);
  });

  it("view pixels: 120 a minute from one client, link and storefront pixels together", async () => {
    // Fill the client's bucket with link pixels, then see storefront pixels refused from the same
    // bucket. A fixed window can roll over once in between (then only the 121st would be refused,
    // as in a bucket of its own), so a second try from a fresh address settles it.
    let refused = 0;
    for (let attempt = 0; attempt < 2 && refused < 2; attempt++) {
      const headers = { "cf-connecting-ip": freshIp(), "user-agent": IPHONE };
      await overTheLimit(120, () => api("/api/v1/px?l=AbCdEfG1&i=item", { headers }));
      const storefront = await Promise.all(Array.from({ length: 10 }, () => api(`/api/v1/storefronts/${handle}/px`, { headers })));
      refused = storefront.filter((r) => r.status === 429).length;
    }
    expect(refused).toBeGreaterThanOrEqual(2);
    expect((await api(`/api/v1/storefronts/${handle}/px`, { headers: { "cf-connecting-ip": freshIp(), "user-agent": IPHONE } })).status).toBe(200);
  }, 120_000);

  it("conversions: 120 a minute from one client, counted before the API key is looked up", async () => {
    const ip = freshIp();
    const send = () =>
      postJson("/api/v1/conversions", { type: "lead", clickId: "nope" }, { "cf-connecting-ip": ip, authorization: "Bearer tdm_not_a_key", "idempotency-key": "k" });
    const { within } = await overTheLimit(120, send);
    expect(within.every((r) => r.status === 401)).toBe(true);
  }, 120_000);
});
