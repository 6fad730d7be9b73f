import { and, eq } from "drizzle-orm";
import { campaigns, collaborations } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { mintLink } from "../links/mint-link";
import { transition, type CollaborationStatus } from "./collaboration-state";
import { creatorAudience, eligibility } from "./eligibility";
import { brandManagers, creatorPerson, notify } from "./notify";

/**
 * A creator joins a campaign: open campaigns can be accepted by anyone, others only on
 * invitation. Accepting mints the creator's scoped link for every page the campaign promotes
 * (idempotent, so accepting twice returns the same links).
 */
export async function acceptCampaign(deps: Deps, creatorId: string, campaignId: string, linkOrigin: string) {
  const pg = await deps.pg();
  const [c] = await pg.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const [existing] = c ? await pg.select().from(collaborations).where(and(eq(collaborations.campaignId, campaignId), eq(collaborations.creatorId, creatorId))) : [];
  // A campaign you were not invited to and that is not open does not exist for you.
  if (!c || (!c.openToMarketplace && !existing)) throw new AppError("not_found", `No campaign ${campaignId} open to you.`);
  if (c.status !== "active") throw new AppError("conflict", `This campaign is ${c.status}; it is not taking creators now.`);
  const current = (existing?.status ?? null) as CollaborationStatus | null;
  // Joining uninvited is for creators the campaign targets; an invitation is the brand's own choice.
  if (current === null) {
    const fit = eligibility(c, await creatorAudience(deps, creatorId));
    if (!fit.eligible) throw new AppError("conflict", `${fit.reason}; this campaign is not open to your audience.`);
  }
  if (current !== "accepted") {
    const next = transition(current, "accept");
    await pg
      .insert(collaborations)
      .values({ id: newId("collaboration"), campaignId, brandId: c.brandId, creatorId, status: next })
      .onConflictDoUpdate({ target: [collaborations.campaignId, collaborations.creatorId], set: { status: next, updatedAt: new Date(deps.now()) } });
    const who = await creatorPerson(deps, creatorId);
    for (const m of await brandManagers(deps, c.brandId)) {
      await notify(deps, m, { title: `@${who?.handle ?? "a creator"} joined “${c.name}”`, body: `${who?.displayName ?? "A creator"} accepted your campaign “${c.name}” and has their links.`, link: `/brand/campaigns/${c.id}` });
    }
  }
  if (c.landingUrls.length === 0) throw new AppError("conflict", "This campaign has no pages to promote yet.");
  // Minting acts for the brand, which made the campaign open (or invited this creator).
  const onBehalfOfBrand: BrandTenant = { brandId: c.brandId, role: "admin", via: "apiKey" };
  const links = [];
  for (const destination of c.landingUrls) {
    const { link } = await mintLink(deps, onBehalfOfBrand, { campaignId, creatorId, destination }, linkOrigin);
    links.push({ code: link.code, url: link.url, productId: link.productId, destination: link.destination });
  }
  return { links };
}
