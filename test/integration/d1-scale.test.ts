import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createBrand, createCampaign, createCreator, signIn } from "../factories";
import { api, postJson, uniqueEmail } from "./helpers";
import { query } from "./pg-helpers";

/**
 * Production D1 takes at most 100 bound parameters per statement (setup.ts makes local D1 refuse
 * more too). These are the reads that look up one row per creator, member or campaign: with 150
 * of them on one campaign they must still answer 200 with every row counted.
 */
const N = 150;
const tag = Math.random().toString(36).slice(2, 8);

/** People (and their creator profiles) straight into D1, one small statement each, in one batch. */
async function seedPeople(label: string, withCreator: boolean) {
  const now = Date.now();
  const people = Array.from({ length: N }, (_, i) => ({ userId: `usr_${label}${tag}${i}`, email: `${label}-${tag}-${i}@test.example`, creatorId: `cr_${label}${tag}${i}`, handle: `${label}${tag}${i}` }));
  const stmts = people.flatMap((p) => [
    env.DB.prepare("insert into users (id, email, created_at) values (?, ?, ?)").bind(p.userId, p.email, now),
    ...(withCreator ? [env.DB.prepare("insert into creators (id, user_id, handle, display_name, niches, created_at, updated_at) values (?, ?, ?, ?, '[]', ?, ?)").bind(p.creatorId, p.userId, p.handle, `Creator ${p.handle}`, now, now)] : []),
  ]);
  await env.DB.batch(stmts);
  return people;
}

describe(`D1 reads with ${N} creators on one campaign`, () => {
  let owner: string, brandId: string, campaignId: string, domain: string;
  let creators: Awaited<ReturnType<typeof seedPeople>>;

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("scale-owner"))).cookie;
    domain = `scale-${tag}.example`;
    brandId = (await createBrand(api, owner, { name: "Scale Co", website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" })).id;
    campaignId = (await createCampaign(api, owner, { name: "Scale", currency: "GBP", totalBudgetMinor: 1_000_000, fallbackUrl: `https://${domain}/`, pricingModel: "cpc", rateMinor: 50, openToMarketplace: true, landingUrls: [`https://${domain}/a`] })).id;
    creators = await seedPeople("sc", true);
    const minute = new Date(Date.now() - 60_000);
    const ids = creators.map((c) => c.creatorId);
    // One rollup row and one click per creator; every other click flagged.
    await query(
      "insert into link_minutes (link_id, minute, brand_id, campaign_id, creator_id, clicks, valid_clicks) select 'lnk_' || c, $1, $2, $3, c, o::int, o::int from unnest($4::text[]) with ordinality as t(c, o)",
      [minute, brandId, campaignId, ids],
    );
    await query(
      "insert into events (id, type, at, brand_id, campaign_id, link_id, creator_id, fraud, reasons, props, utm) select 'evt_' || c, 'click', $1, $2, $3, 'lnk_' || c, c, o % 2 = 1, case when o % 2 = 1 then array['velocity'] else '{}'::text[] end, '{}'::jsonb, '{}'::jsonb from unnest($4::text[]) with ordinality as t(c, o)",
      [minute, brandId, campaignId, ids],
    );
  });

  it("campaign stats name every creator", async () => {
    const res = await api(`/api/v1/campaigns/${campaignId}/stats`, { headers: { cookie: owner } });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as { validClicks: number; byCreator: { creatorId: string; handle: string | null }[] };
    expect(stats.byCreator).toHaveLength(N);
    expect(stats.validClicks).toBe((N * (N + 1)) / 2);
    expect(stats.byCreator.every((c) => c.handle === creators.find((x) => x.creatorId === c.creatorId)?.handle)).toBe(true);
  });

  it("the fraud report names every creator's link", async () => {
    const res = await api(`/api/v1/campaigns/${campaignId}/fraud`, { headers: { cookie: owner } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { clicks: number; invalid: number; byLink: { creatorId: string; handle: string | null }[] };
    expect(report).toMatchObject({ clicks: N, invalid: N / 2 });
    expect(report.byLink).toHaveLength(N);
    expect(report.byLink.every((l) => l.handle === creators.find((x) => x.creatorId === l.creatorId)?.handle)).toBe(true);
  });

  describe(`a brand with ${N} admins`, () => {
    let admins: Awaited<ReturnType<typeof seedPeople>>;
    beforeAll(async () => {
      admins = await seedPeople("ad", false);
      await query("insert into brand_members (id, brand_id, user_id, role) select 'mem_' || u, $1, u, 'admin' from unnest($2::text[]) as t(u)", [brandId, admins.map((a) => a.userId)]);
    });

    it("lists every member with their email", async () => {
      const res = await api(`/api/v1/brands/${brandId}/members`, { headers: { cookie: owner } });
      expect(res.status).toBe(200);
      const team = (await res.json()) as { items: { email: string; role: string }[] };
      expect(team.items).toHaveLength(N + 1);
      expect(team.items.filter((m) => m.role === "admin").map((m) => m.email).sort()).toEqual(admins.map((a) => a.email).sort());
    });

    it("tells every manager when a creator joins", async () => {
      const s = await signIn(api, uniqueEmail("scale-joiner"));
      await createCreator(api, s.cookie, { handle: `join${tag}`, displayName: "Joiner", niches: ["beauty"] });
      expect((await postJson(`/api/v1/campaigns/${campaignId}/accept`, {}, { cookie: s.cookie })).status).toBe(200);
      const told = await env.DB.prepare("select count(distinct user_id) as n from notifications where link = ? and title like ?").bind(`/brand/campaigns/${campaignId}`, `@join${tag}%`).first<{ n: number }>();
      expect(told?.n).toBe(N + 1);
      const admin = await signIn(api, admins[N - 1]!.email);
      const mine = await api("/api/v1/notifications", { headers: { cookie: admin.cookie } });
      expect(mine.status).toBe(200);
      expect(JSON.stringify(await mine.json())).toContain(`@join${tag}`);
    });
  });

  it(`a creator in ${N} campaigns sees every campaign's earnings and links`, async () => {
    const s = await signIn(api, uniqueEmail("scale-busy"));
    const creator = await createCreator(api, s.cookie, { handle: `busy${tag}`, displayName: "Busy", niches: ["beauty"] });
    const ids = Array.from({ length: N }, (_, i) => `cmp_busy${tag}${i}`);
    await query(
      "insert into campaigns select (jsonb_populate_record(null::campaigns, to_jsonb(c) || jsonb_build_object('id', 'cmp_busy' || $2 || g, 'name', c.name || ' ' || g))).* from campaigns c, generate_series(0, $3::int - 1) g where c.id = $1",
      [campaignId, tag, N],
    );
    await query("insert into collaborations (id, campaign_id, brand_id, creator_id, status) select 'col_' || c, c, $1, $2, 'accepted' from unnest($3::text[]) as t(c)", [brandId, creator.id, ids]);
    await env.DB.batch(ids.map((id, i) => env.DB.prepare("insert into links (id, code, brand_id, campaign_id, creator_id, target_key, destination, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)").bind(`lnk_${id}`, `b${tag}${i}`, brandId, id, creator.id, `url:https://${domain}/a`, `https://${domain}/a`, Date.now())));
    const res = await api("/api/v1/earnings", { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    const earnings = (await res.json()) as { campaigns: { campaignId: string; links: { code: string }[] }[] };
    expect(earnings.campaigns).toHaveLength(N);
    expect(earnings.campaigns.every((c) => c.links.length === 1 && c.links[0]!.code === `b${tag}${ids.indexOf(c.campaignId)}`)).toBe(true);
  });
});
