import fs from "node:fs";
import path from "node:path";
import { createApiKey, createBrand, createCampaign, createCreator, me, mintLink, signIn, type Fetcher } from "../test/factories";

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
  linkCode: string;
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
  if (existing) return existing.id;
  const { email: _email, ...company } = spec;
  return (await createBrand(f, cookie, company, "sales")).id;
}

/** Seeds the demo through the public API (idempotent: reuses whatever still works). */
export async function seed(gatewayUrl: string, appUrl: string, demoPath: string): Promise<Demo> {
  const f: Fetcher = (p, init) => fetch(`${gatewayUrl}${p}`, init);
  const prev: Partial<Demo> = fs.existsSync(demoPath) ? JSON.parse(fs.readFileSync(demoPath, "utf8")) : {};

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

  // A launched CPC campaign with a link for the demo creator.
  let campaignId = prev.campaignId;
  if (!campaignId || !(await f(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: brandSessionCookie } })).ok) {
    campaignId = (
      await createCampaign(f, brandSessionCookie, {
        brandId,
        name: "Spring Glow Serum",
        pricingModel: "cpc",
        rateMinor: 45,
        currency: "GBP",
        totalBudgetMinor: 500_000,
        dailyBudgetMinor: 50_000,
        targetCountries: ["GB", "IE"],
        fallbackUrl: `${BRAND.website}/shop`,
        utmCampaign: "spring-glow",
      })
    ).id;
  }
  const link = await mintLink(f, brandSessionCookie, { campaignId, creatorId: creator.id, destination: `${BRAND.website}/products/glow-serum` });

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
    linkCode: link.code,
  };
  fs.mkdirSync(path.dirname(demoPath), { recursive: true });
  fs.writeFileSync(demoPath, `${JSON.stringify(demo, null, 2)}\n`);
  return demo;
}
