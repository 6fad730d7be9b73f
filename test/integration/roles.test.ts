import { beforeAll, describe, expect, it } from "vitest";
import { createBrand, createCampaign, latestCode, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";

const company = { name: "Roles & Co", website: "https://roles.example", industry: "tech", companySize: "1-10", country: "DE" };

describe("brand roles", () => {
  let owner: string, brandId: string;
  let admin: { cookie: string; memberId: string }, member: { cookie: string; memberId: string };

  async function join(role: "admin" | "member") {
    const email = uniqueEmail(role);
    const res = await postJson(`/api/v1/brands/${brandId}/members`, { email: email.toUpperCase(), role }, { cookie: owner });
    expect(res.status).toBe(201);
    const m = (await res.json()) as { id: string; email: string; joined: boolean };
    expect(m).toMatchObject({ email, joined: false });
    // The invitee is told by email, then signs in with a code and lands in the brand.
    const outbox = (await (await api("/dev/outbox", { headers: { accept: "application/json" } })).json()) as { to: string; subject: string }[];
    expect(outbox.find((x) => x.to === email)?.subject).toBe("You have been added to Roles & Co on Tandem");
    const { cookie } = await signIn(api, email);
    return { cookie, memberId: m.id };
  }

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("owner"))).cookie;
    brandId = (await createBrand(api, owner, company)).id;
    admin = await join("admin");
    member = await join("member");
  });

  it("an invited person sees the brand with their role after signing in", async () => {
    const me = (await (await api("/api/v1/me", { headers: { cookie: member.cookie } })).json()) as { brands: { id: string; role: string }[] };
    expect(me.brands).toEqual([expect.objectContaining({ id: brandId, role: "member" })]);
  });

  it("members read the brand but cannot edit it or manage keys and team", async () => {
    expect((await api(`/api/v1/brands/${brandId}`, { headers: { cookie: member.cookie } })).status).toBe(200);
    const edit = await postJson(`/api/v1/brands/${brandId}`, { name: "Mine now" }, { cookie: member.cookie }, "PATCH");
    expect(edit.status).toBe(403);
    expect((await problem(edit)).code).toBe("forbidden");
    expect((await api(`/api/v1/brands/${brandId}/api-keys`, { headers: { cookie: member.cookie } })).status).toBe(403);
    expect((await postJson(`/api/v1/brands/${brandId}/members`, { email: uniqueEmail("x"), role: "member" }, { cookie: member.cookie })).status).toBe(403);
    const team = await api(`/api/v1/brands/${brandId}/members`, { headers: { cookie: member.cookie } });
    expect(((await team.json()) as { items: unknown[] }).items).toHaveLength(3);
  });

  it("members read campaigns and the catalog, but cannot create or change them", async () => {
    const campaign = await createCampaign(api, owner, { brandId, name: "Read me", currency: "EUR", totalBudgetMinor: 10_000, fallbackUrl: "https://roles.example/", pricingModel: "cpc", rateMinor: 40 }, false);
    const asMember = { cookie: member.cookie };
    const list = await api(`/api/v1/campaigns?brandId=${brandId}`, { headers: asMember });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toContain(campaign.id);
    expect((await api(`/api/v1/campaigns`, { headers: asMember })).status).toBe(200);
    for (const path of ["categories", "products", "imports"]) {
      expect((await api(`/api/v1/catalog/${path}?brandId=${brandId}`, { headers: asMember })).status, path).toBe(200);
    }
    const create = await postJson("/api/v1/campaigns", { brandId, name: "Mine", currency: "EUR", totalBudgetMinor: 10_000, fallbackUrl: "https://roles.example/", pricingModel: "cpc", rateMinor: 40 }, asMember);
    expect(create.status).toBe(403);
    expect((await problem(create)).code).toBe("forbidden");
    expect((await postJson(`/api/v1/campaigns/${campaign.id}/status`, { action: "launch" }, asMember)).status).toBe(403);
    expect((await postJson(`/api/v1/catalog/categories?brandId=${brandId}`, { name: "Nope" }, asMember)).status).toBe(403);
    expect((await postJson(`/api/v1/catalog/products?brandId=${brandId}`, { handle: "nope", title: "Nope", variants: [{ priceMinor: 100 }] }, asMember)).status).toBe(403);
  });

  it("admins edit the brand and add members, but cannot create or touch owners", async () => {
    expect((await postJson(`/api/v1/brands/${brandId}`, { country: "AT" }, { cookie: admin.cookie }, "PATCH")).status).toBe(200);
    expect((await postJson(`/api/v1/brands/${brandId}/members`, { email: uniqueEmail("extra"), role: "member" }, { cookie: admin.cookie })).status).toBe(201);
    expect((await postJson(`/api/v1/brands/${brandId}/members`, { email: uniqueEmail("own"), role: "owner" }, { cookie: admin.cookie })).status).toBe(403);
    expect((await postJson(`/api/v1/brands/${brandId}/members/${member.memberId}`, { role: "owner" }, { cookie: admin.cookie }, "PATCH")).status).toBe(403);
    const team = (await (await api(`/api/v1/brands/${brandId}/members`, { headers: { cookie: owner } })).json()) as { items: { id: string; role: string }[] };
    const ownerRow = team.items.find((m) => m.role === "owner")!;
    expect((await api(`/api/v1/brands/${brandId}/members/${ownerRow.id}`, { method: "DELETE", headers: { cookie: admin.cookie } })).status).toBe(403);
  });

  it("a brand always keeps one owner", async () => {
    const team = (await (await api(`/api/v1/brands/${brandId}/members`, { headers: { cookie: owner } })).json()) as { items: { id: string; role: string }[] };
    const ownerRow = team.items.find((m) => m.role === "owner")!;
    const demote = await postJson(`/api/v1/brands/${brandId}/members/${ownerRow.id}`, { role: "admin" }, { cookie: owner }, "PATCH");
    expect(demote.status).toBe(409);
    expect((await api(`/api/v1/brands/${brandId}/members/${ownerRow.id}`, { method: "DELETE", headers: { cookie: owner } })).status).toBe(409);
    // With a second owner, the first may step down.
    expect((await postJson(`/api/v1/brands/${brandId}/members/${admin.memberId}`, { role: "owner" }, { cookie: owner }, "PATCH")).status).toBe(200);
    expect((await postJson(`/api/v1/brands/${brandId}/members/${ownerRow.id}`, { role: "admin" }, { cookie: owner }, "PATCH")).status).toBe(200);
  });

  it("adding someone twice is a conflict naming the field", async () => {
    const email = uniqueEmail("twice");
    expect((await postJson(`/api/v1/brands/${brandId}/members`, { email, role: "member" }, { cookie: admin.cookie })).status).toBe(201);
    const again = await postJson(`/api/v1/brands/${brandId}/members`, { email, role: "admin" }, { cookie: admin.cookie });
    expect(again.status).toBe(409);
    expect((await problem(again)).errors?.[0]?.path).toBe("body.email");
  });

  it("removed members lose access at once; other brands cannot see or change this team", async () => {
    const outsider = (await signIn(api, uniqueEmail("outsider"))).cookie;
    await createBrand(api, outsider, { ...company, name: "Outsider Ltd" });
    expect((await api(`/api/v1/brands/${brandId}/members`, { headers: { cookie: outsider } })).status).toBe(404);
    expect((await api(`/api/v1/brands/${brandId}/members/${member.memberId}`, { method: "DELETE", headers: { cookie: outsider } })).status).toBe(404);

    expect((await api(`/api/v1/brands/${brandId}/members/${member.memberId}`, { method: "DELETE", headers: { cookie: admin.cookie } })).status).toBe(204);
    expect((await api(`/api/v1/brands/${brandId}`, { headers: { cookie: member.cookie } })).status).toBe(404);
  });

  it("an invitation does not sign anyone in: the invitee still proves the email with a code", async () => {
    const email = uniqueEmail("proof");
    await postJson(`/api/v1/brands/${brandId}/members`, { email, role: "member" }, { cookie: owner });
    await postJson("/api/v1/auth/otp/start", { email });
    const wrongCode = (await latestCode(api, email)) === "123456" ? "654321" : "123456";
    expect((await postJson("/api/v1/auth/otp/verify", { email, code: wrongCode })).status).toBe(400);
  });
});
