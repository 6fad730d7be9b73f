import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, scorer } from "../../workers/fraud/score-click";
import { generateTraffic } from "../../scripts/fraud/taxonomy";
import { createBrand, createCampaign, createCreator, mintLink, signIn } from "../factories";
import { api, postJson, uniqueEmail } from "./helpers";
import { clickEvent, deliver } from "./pg-helpers";

describe("fraud sensitivity what-if", () => {
  it("applying a threshold to stored scores equals re-running the scorer at that threshold", () => {
    const clicks = generateTraffic({ days: 1, seed: 99 });
    const stored = (() => {
      const s = scorer(DEFAULT_OPTIONS);
      return clicks.map((c) => s(c).score);
    })();
    for (const threshold of [0.3, 0.75]) {
      const rerun = scorer({ ...DEFAULT_OPTIONS, threshold });
      const real = clicks.map((c) => rerun(c).fraud);
      const whatIf = stored.map((score) => score >= threshold);
      expect(whatIf).toEqual(real);
    }
  });

  it("previews, then saves, a campaign's sensitivity; the report lists flagged traffic by reason and creator", async () => {
    const owner = (await signIn(api, uniqueEmail("fc-owner"))).cookie;
    const domain = `fc-${Math.random().toString(36).slice(2, 8)}.example`;
    const brandId = (await createBrand(api, owner, { name: "Fraud Co", website: `https://${domain}`, industry: "tech", companySize: "1-10", country: "GB" })).id;
    const cr = await signIn(api, uniqueEmail("fc-creator"));
    const handle = `fc_${Date.now().toString(36)}`;
    const creatorId = (await createCreator(api, cr.cookie, { handle, displayName: "F", niches: ["tech"] })).id;
    const campaign = await createCampaign(api, owner, { name: "Fraud", currency: "GBP", fallbackUrl: `https://${domain}/`, pricingModel: "cpc", rateMinor: 10, totalBudgetMinor: 100_000 });
    const link = await mintLink(api, owner, { campaignId: campaign.id, creatorId, destination: `https://${domain}/x` });
    const linkId = ((await (await api(`/api/v1/links/${link.code}`, { headers: { cookie: owner } })).json()) as { id: string }).id;
    const base = { brandId, campaignId: campaign.id, linkId, creatorId };
    const scored = (score: number, reasons: string[]) => clickEvent({ ...base, props: { fraud: score >= 0.5, score, reasons, unique: true } });
    await deliver([scored(0, []), scored(0.6, ["velocity_spike"]), scored(0.7, ["datacenter_asn"]), scored(0.95, ["headless_client"])]);

    const preview = await api(`/api/v1/campaigns/${campaign.id}/fraud/preview?threshold=0.8`, { headers: { cookie: owner } });
    expect(await preview.json()).toEqual({ current: { threshold: 0.5, invalid: 3 }, proposed: { threshold: 0.8, invalid: 1 }, clicks: 4, newlyInvalid: 0, newlyValid: 2, days: 7 });
    expect((await api(`/api/v1/campaigns/${campaign.id}/fraud/preview?threshold=2`, { headers: { cookie: owner } })).status).toBe(422);

    const saved = await postJson(`/api/v1/campaigns/${campaign.id}`, { fraudThreshold: 0.8 }, { cookie: owner }, "PATCH");
    expect(((await saved.json()) as { fraudThreshold: number }).fraudThreshold).toBe(0.8);

    const report = (await (await api(`/api/v1/campaigns/${campaign.id}/fraud`, { headers: { cookie: owner } })).json()) as { threshold: number; invalid: number; reasons: { reason: string; clicks: number }[]; byLink: { handle: string; invalid: number; topReasons: string[] }[] };
    expect(report.threshold).toBe(0.8);
    expect(report.invalid).toBe(3);
    expect(report.reasons.map((r) => r.reason).sort()).toEqual(["datacenter_asn", "headless_client", "velocity_spike"]);
    expect(report.byLink).toEqual([expect.objectContaining({ handle, invalid: 3 })]);
    expect(report.byLink[0]!.topReasons).toHaveLength(3);

    const rival = (await signIn(api, uniqueEmail("fc-rival"))).cookie;
    expect((await api(`/api/v1/campaigns/${campaign.id}/fraud`, { headers: { cookie: rival } })).status).toBe(404);
  });
});
