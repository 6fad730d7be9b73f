import { describe, expect, it } from "vitest";
import { createCreator, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";

const handle = (p: string) => `${p}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

describe("creator onboarding", () => {
  it("claims a unique handle, refusing taken and reserved ones", async () => {
    const a = await signIn(api, uniqueEmail("claim-a"));
    const b = await signIn(api, uniqueEmail("claim-b"));
    const h = handle("mia");
    const created = await createCreator(api, a.cookie, { handle: h.toUpperCase(), displayName: "Mia", niches: ["beauty", "fashion"] });
    expect(created.handle).toBe(h);

    const taken = await postJson("/api/v1/creators", { handle: h, displayName: "Copy", niches: ["tech"] }, { cookie: b.cookie });
    expect(taken.status).toBe(409);
    expect((await problem(taken)).errors?.[0]?.path).toBe("body.handle");

    const reserved = await postJson("/api/v1/creators", { handle: "admin", displayName: "X", niches: ["tech"] }, { cookie: b.cookie });
    expect(reserved.status).toBe(422);
    expect((await problem(reserved)).errors).toContainEqual({ path: "body.handle", message: "That handle is reserved" });

    const avail = await api(`/api/v1/creators/handles/${h}`);
    expect(await avail.json()).toEqual({ handle: h, available: false, reason: "That handle is taken" });
    const free = await api(`/api/v1/creators/handles/${handle("free")}`);
    expect(((await free.json()) as { available: boolean }).available).toBe(true);
    const bad = await api(`/api/v1/creators/handles/a`);
    expect(((await bad.json()) as { reason: string }).reason).toBe("At least 3 characters");

    const twice = await postJson("/api/v1/creators", { handle: handle("two"), displayName: "Two", niches: ["tech"] }, { cookie: a.cookie });
    expect(twice.status).toBe(409);
  });

  it("records a manual social handle as unverified", async () => {
    const a = await signIn(api, uniqueEmail("manual"));
    const c = await createCreator(api, a.cookie, { handle: handle("ivy"), displayName: "Ivy", niches: ["food"] });
    const res = await postJson(`/api/v1/creators/${c.id}/social`, { platform: "instagram", handle: "@ivy.eats", followers: 12000 }, { cookie: a.cookie });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ platform: "instagram", handle: "ivy.eats", followers: 12000, verified: false });
    const me = (await (await api("/api/v1/me", { headers: { cookie: a.cookie } })).json()) as { creator: { socialAccounts: { verified: boolean }[] } };
    expect(me.creator.socialAccounts).toHaveLength(1);
    expect(me.creator.socialAccounts[0]!.verified).toBe(false);
  });

  it("edits niches and bio with validation", async () => {
    const a = await signIn(api, uniqueEmail("edit"));
    const c = await createCreator(api, a.cookie, { handle: handle("leo"), displayName: "Leo", niches: ["travel"] });
    const ok = await postJson(`/api/v1/creators/${c.id}`, { bio: "Slow travel, fast trains.", niches: ["travel", "food"] }, { cookie: a.cookie }, "PATCH");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ bio: "Slow travel, fast trains.", niches: ["travel", "food"] });
    const bad = await postJson(`/api/v1/creators/${c.id}`, { niches: ["underwater-basket-weaving"] }, { cookie: a.cookie }, "PATCH");
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors?.[0]?.path).toBe("body.niches.0");
  });
});
