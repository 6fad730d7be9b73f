import { createApiKey, createBrand, createCampaign, createCreator, mintLink, signIn } from "../factories";
import { api, uniqueEmail } from "./helpers";
import { query } from "./pg-helpers";

/** A brand (owner session, API key, domain) and a creator, for billing tests. */
export interface BillingSetup { owner: string; key: string; brandId: string; creatorId: string; creatorCookie: string; domain: string }

export async function billingSetup(label: string): Promise<BillingSetup> {
  const owner = (await signIn(api, uniqueEmail(`${label}-owner`))).cookie;
  const domain = `${label}-${Math.random().toString(36).slice(2, 8)}.example`;
  const brandId = (await createBrand(api, owner, { name: `${label} Brand`, website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" })).id;
  const key = (await createApiKey(api, owner, brandId)).secret;
  const cr = await signIn(api, uniqueEmail(`${label}-creator`));
  const creatorId = (await createCreator(api, cr.cookie, { handle: `${label}_${Date.now().toString(36)}`, displayName: "C", niches: ["beauty"] })).id;
  return { owner, key, brandId, creatorId, creatorCookie: cr.cookie, domain };
}

/** A campaign (the body overrides the defaults) with one link for the setup's creator. */
export async function campaignWithLink(s: BillingSetup, body: Record<string, unknown>) {
  const campaign = await createCampaign(api, s.owner, { name: "Billing", currency: "GBP", fallbackUrl: `https://${s.domain}/`, ...body });
  const link = await mintLink(api, s.owner, { campaignId: campaign.id, creatorId: s.creatorId, destination: `https://${s.domain}/p` });
  const linkId = ((await (await api(`/api/v1/links/${link.code}`, { headers: { cookie: s.owner } })).json()) as { id: string }).id;
  return { campaignId: campaign.id, linkId, code: link.code, base: { brandId: s.brandId, campaignId: campaign.id, linkId, creatorId: s.creatorId } };
}

/** A campaign's ledger balance per account kind (budget, creator, platform). */
export const balances = (campaignId: string) =>
  query<{ kind: string; balance: string }>(
    `select a.kind, sum(l.amount_minor)::text as balance from ledger_lines l join ledger_accounts a on a.id = l.account_id
     join ledger_entries e on e.id = l.entry_id where e.campaign_id = $1 group by a.kind order by a.kind`,
    [campaignId],
  );
