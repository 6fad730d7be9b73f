import { describe, expect, it } from "vitest";
import { createBrand, createCampaign, createCreator, signIn } from "../factories";
import { api, postJson, uniqueEmail } from "./helpers";

describe("invitations and the collaboration thread", () => {
  it("a brand invites a creator with a brief; the creator is notified, talks back, and accepts", async () => {
    const owner = (await signIn(api, uniqueEmail("inv-owner"))).cookie;
    const domain = `inv-${Math.random().toString(36).slice(2, 8)}.example`;
    await createBrand(api, owner, { name: "Invite Co", website: `https://${domain}`, industry: "fashion", companySize: "1-10", country: "GB" });
    const campaign = await createCampaign(api, owner, { name: "Private drop", currency: "GBP", pricingModel: "cpc", rateMinor: 70, totalBudgetMinor: 50_000, fallbackUrl: `https://${domain}/`, brief: "Style the linen set two ways.", landingUrls: [`https://${domain}/linen`] });
    const creatorEmail = uniqueEmail("inv-creator");
    const cr = await signIn(api, creatorEmail);
    const handle = `inv_${Date.now().toString(36)}`;
    await createCreator(api, cr.cookie, { handle, displayName: "Ivy", niches: ["fashion"] });
    const outsider = await signIn(api, uniqueEmail("inv-outsider"));
    await createCreator(api, outsider.cookie, { handle: `out_${Date.now().toString(36)}`, displayName: "Out", niches: ["fashion"] });

    // Not open to the marketplace: uninvited creators cannot join.
    expect((await postJson(`/api/v1/campaigns/${campaign.id}/accept`, {}, { cookie: cr.cookie })).status).toBe(404);

    const inv = await postJson(`/api/v1/campaigns/${campaign.id}/invites`, { handle: `@${handle}`, note: "We loved your autumn edit!" }, { cookie: owner });
    expect(inv.status).toBe(201);
    const { id: collaborationId } = (await inv.json()) as { id: string };
    expect((await postJson(`/api/v1/campaigns/${campaign.id}/invites`, { handle }, { cookie: owner })).status).toBe(409);
    expect((await postJson(`/api/v1/campaigns/${campaign.id}/invites`, { handle: "nobody_here_at_all" }, { cookie: owner })).status).toBe(422);

    const invites = (await (await api("/api/v1/invites", { headers: { cookie: cr.cookie } })).json()) as { items: { campaignId: string; brief: string; brandName: string }[] };
    expect(invites.items).toEqual([expect.objectContaining({ campaignId: campaign.id, brief: "Style the linen set two ways.", brandName: "Invite Co" })]);
    const bell = (await (await api("/api/v1/notifications", { headers: { cookie: cr.cookie } })).json()) as { items: { title: string }[] };
    expect(bell.items[0]!.title).toBe("Invite Co invited you to “Private drop”");
    const mail = (await (await api("/dev/outbox", { headers: { accept: "application/json" } })).json()) as { to: string; subject: string }[];
    expect(mail.some((m) => m.to === creatorEmail && m.subject.includes("invited you"))).toBe(true);

    // The thread: both sides read and write; nobody else can.
    expect((await postJson(`/api/v1/collaborations/${collaborationId}/notes`, { body: "Happy to! Can I keep the set?" }, { cookie: cr.cookie })).status).toBe(201);
    const notes = (await (await api(`/api/v1/collaborations/${collaborationId}/notes`, { headers: { cookie: owner } })).json()) as { items: { author: string; body: string }[] };
    expect(notes.items.map((n) => [n.author, n.body])).toEqual([["brand", "We loved your autumn edit!"], ["creator", "Happy to! Can I keep the set?"]]);
    expect((await api(`/api/v1/collaborations/${collaborationId}/notes`, { headers: { cookie: outsider.cookie } })).status).toBe(404);

    // Only the creator declines, only the brand removes; accepting moves invited → accepted and mints the link.
    expect((await postJson(`/api/v1/collaborations/${collaborationId}/decline`, {}, { cookie: owner })).status).toBe(403);
    const accepted = await postJson(`/api/v1/campaigns/${campaign.id}/accept`, {}, { cookie: cr.cookie });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { links: unknown[] }).links).toHaveLength(1);
    expect((await postJson(`/api/v1/collaborations/${collaborationId}/decline`, {}, { cookie: cr.cookie })).status).toBe(409);
    const ownerBell = (await (await api("/api/v1/notifications", { headers: { cookie: owner } })).json()) as { items: { title: string }[] };
    expect(ownerBell.items[0]!.title).toBe(`@${handle} joined “Private drop”`);
    const removed = await postJson(`/api/v1/collaborations/${collaborationId}/remove`, {}, { cookie: owner });
    expect(await removed.json()).toEqual({ id: collaborationId, status: "removed" });
    expect((await postJson(`/api/v1/campaigns/${campaign.id}/accept`, {}, { cookie: cr.cookie })).status).toBe(409);
    const creatorBell = (await (await api("/api/v1/notifications", { headers: { cookie: cr.cookie } })).json()) as { items: { title: string }[] };
    expect(creatorBell.items[0]!.title).toBe("You were removed from “Private drop”");
  });
});
