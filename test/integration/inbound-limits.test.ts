import { describe, expect, it } from "vitest";
import type { ClickInput } from "../../durable-objects/link-counter";
import { clampText, clampUtm, INBOUND_LIMITS } from "../../workers/lib/inbound-limits";
import { countClick } from "../../workers/links/count-click";
import type { LinkTarget } from "../../workers/links/link-cache";
import { createCreator, signIn } from "../factories";
import { api, uniqueEmail } from "./helpers";
import { eventually, query } from "./pg-helpers";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const long = (n: number, ch = "x") => ch.repeat(n);

describe("clamping helpers", () => {
  it("cuts text to length without splitting a surrogate pair", () => {
    expect(clampText("abc", 5)).toBe("abc");
    expect(clampText("abcdef", 3)).toBe("abc");
    expect(clampText("ab😀", 3)).toBe("ab");
  });

  it("keeps the first utm_* names, each name and value within its limit, and nothing else", () => {
    const pairs: [string, string][] = [["ref", "bio"], ["utm_source", long(5000)], ["utm_source", "second"], [`utm_${long(100)}`, "x"]];
    for (let i = 0; i < 30; i++) pairs.push([`utm_k${i}`, "v"]);
    const utm = clampUtm(pairs);
    expect(utm.utm_source).toHaveLength(INBOUND_LIMITS.utmValue);
    expect(Object.keys(utm)).toHaveLength(INBOUND_LIMITS.utmParams);
    expect(Object.keys(utm).every((k) => k.startsWith("utm_") && k.length <= INBOUND_LIMITS.utmKey)).toBe(true);
    expect(utm).not.toHaveProperty("ref");
  });
});

describe("a click event carries no field longer than its limit", () => {
  it("clamps the visitor's utm values, referer, user agent, language and forwarded address", async () => {
    const seen: ClickInput[] = [];
    const env = { LINK_COUNTER: { idFromName: (n: string) => n, get: () => ({ record: async (input: ClickInput) => void seen.push(input) }) } } as unknown as Env;
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const target: LinkTarget = { linkId: "lnk_x", code: "AbCdEfGh", brandId: "brd_x", campaignId: "cmp_x", creatorId: "cr_x", destination: "https://shop.example/", campaign: null };
    const req = new Request("https://l.example/l/AbCdEfGh", {
      headers: { "user-agent": `${IPHONE} ${long(20_000)}`, referer: `https://l.instagram.com/?q=${long(50_000)}`, "accept-language": long(10_000, "e"), "x-real-ip": long(3000, "1") },
    });
    const utm = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`utm_p${i}`, long(10_000)]));
    await countClick(env, log, req, target, "clk_x", utm);
    const input = seen[0]!;
    expect(input.ua.length).toBe(INBOUND_LIMITS.userAgent);
    expect(input.referer!.length).toBe(INBOUND_LIMITS.referer);
    expect(input.acceptLanguage!.length).toBe(INBOUND_LIMITS.acceptLanguage);
    expect(input.ip.length).toBeLessThanOrEqual(INBOUND_LIMITS.ip);
    expect(Object.keys(input.utm)).toHaveLength(INBOUND_LIMITS.utmParams);
    expect(Object.values(input.utm).every((v) => v.length === INBOUND_LIMITS.utmValue)).toBe(true);
    expect(JSON.stringify(input).length).toBeLessThan(8_000);
  });
});

describe("a storefront view event carries no field longer than its limit", () => {
  it("clamps the page path and the utm_* pairs it takes from the Referer", async () => {
    const cookie = (await signIn(api, uniqueEmail("clamp-creator"))).cookie;
    const creator = await createCreator(api, cookie, { handle: `clamp_${Date.now().toString(36)}`, displayName: "Clamp", niches: ["beauty"] });
    const utm = Array.from({ length: 30 }, (_, i) => `utm_k${i}=${long(2000)}`).join("&");
    const referer = `https://app.example/@${creator.handle}/${long(4000, "p")}?${utm}`;
    const res = await api(`/api/v1/storefronts/${creator.handle}/px`, { headers: { "user-agent": IPHONE, referer } });
    expect(res.status).toBe(200);
    type Row = { utm: Record<string, string>; props: { path: string } };
    const rows = await eventually(() => query<Row>("select utm, props from events where creator_id = $1 and type = 'storefront.view'", [creator.id]), (r) => r.length >= 1);
    expect(rows).toHaveLength(1);
    const { utm: got, props } = rows[0]!;
    expect(props.path.length).toBeLessThanOrEqual(INBOUND_LIMITS.path);
    expect(props.path.startsWith(`/@${creator.handle}/ppp`)).toBe(true);
    expect(Object.keys(got)).toHaveLength(INBOUND_LIMITS.utmParams);
    expect(Object.values(got).every((v) => v.length === INBOUND_LIMITS.utmValue)).toBe(true);
  });
});
