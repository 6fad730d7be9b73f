import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createBrand, createCreator, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";

const company = (name: string) => ({ name, website: "https://example.com", industry: "fashion", companySize: "11-50", country: "GB" });
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const patch = (path: string, body: unknown, headers: Record<string, string>) => postJson(path, body, headers, "PATCH");

describe("brand tenancy", () => {
  let ownerA: string, ownerB: string, brandA: { id: string }, brandB: { id: string }, keyA: string, keyB: string;

  beforeAll(async () => {
    ownerA = (await signIn(api, uniqueEmail("owner-a"))).cookie;
    ownerB = (await signIn(api, uniqueEmail("owner-b"))).cookie;
    brandA = await createBrand(api, ownerA, company("Alpha Apparel"));
    brandB = await createBrand(api, ownerB, company("Beta Beauty"));
    keyA = (await createApiKey(api, ownerA, brandA.id)).secret;
    keyB = (await createApiKey(api, ownerB, brandB.id)).secret;
  });

  it("an owner reads and edits their own brand", async () => {
    const res = await api(`/api/v1/brands/${brandA.id}`, { headers: { cookie: ownerA } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: brandA.id, name: "Alpha Apparel", role: "owner", onboardingStep: "complete", goal: "sales" });
    const upd = await patch(`/api/v1/brands/${brandA.id}`, { name: "Alpha Apparel Co" }, { cookie: ownerA });
    expect(upd.status).toBe(200);
    expect(((await upd.json()) as { name: string }).name).toBe("Alpha Apparel Co");
  });

  it("matrix: neither a session nor a key of brand B can read or change brand A", async () => {
    for (const headers of [{ cookie: ownerB }, bearer(keyB)]) {
      const read = await api(`/api/v1/brands/${brandA.id}`, { headers });
      expect(read.status).toBe(404);
      expect((await problem(read)).code).toBe("not_found");
      const write = await patch(`/api/v1/brands/${brandA.id}`, { name: "Hijacked" }, headers);
      expect(write.status).toBe(404);
      const keys = await api(`/api/v1/brands/${brandA.id}/api-keys`, { headers });
      expect([403, 404]).toContain(keys.status);
    }
    const after = await api(`/api/v1/brands/${brandA.id}`, { headers: { cookie: ownerA } });
    expect(((await after.json()) as { name: string }).name).not.toBe("Hijacked");
  });

  it("an API key is scoped to its brand: reads and edits it, never another", async () => {
    const own = await api(`/api/v1/brands/${brandA.id}`, { headers: bearer(keyA) });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { role: string }).role).toBe("admin");
    expect((await patch(`/api/v1/brands/${brandA.id}`, { country: "FR" }, bearer(keyA))).status).toBe(200);
    expect((await api(`/api/v1/brands/${brandB.id}`, { headers: bearer(keyA) })).status).toBe(404);
    const me = await api("/api/v1/me", { headers: bearer(keyA) });
    expect(await me.json()).toMatchObject({ kind: "apiKey", apiKey: { brandId: brandA.id } });
  });

  it("an API key cannot mint or list keys, and cannot create brands", async () => {
    expect((await postJson(`/api/v1/brands/${brandA.id}/api-keys`, { name: "x" }, bearer(keyA))).status).toBe(403);
    expect((await api(`/api/v1/brands/${brandA.id}/api-keys`, { headers: bearer(keyA) })).status).toBe(403);
    expect((await postJson("/api/v1/brands", company("Key Co"), bearer(keyA))).status).toBe(403);
  });

  it("keys are shown once, stored hashed, listed without secrets, and stop working when revoked", async () => {
    const created = await createApiKey(api, ownerA, brandA.id, "CI");
    expect(created.secret).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    const list = await api(`/api/v1/brands/${brandA.id}/api-keys`, { headers: { cookie: ownerA } });
    const body = JSON.stringify(await list.json());
    expect(body).toContain(created.id);
    expect(body).not.toContain(created.secret);
    expect((await api("/api/v1/me", { headers: bearer(created.secret) })).status).toBe(200);
    // Brand B cannot revoke brand A's key.
    expect((await api(`/api/v1/brands/${brandB.id}/api-keys/${created.id}`, { method: "DELETE", headers: { cookie: ownerB } })).status).toBe(404);
    expect((await api(`/api/v1/brands/${brandA.id}/api-keys/${created.id}`, { method: "DELETE", headers: { cookie: ownerA } })).status).toBe(204);
    const after = await api("/api/v1/me", { headers: bearer(created.secret) });
    expect(after.status).toBe(401);
    expect((await problem(after)).code).toBe("unauthenticated");
  });

  it("an unknown bearer key is refused outright", async () => {
    const res = await api(`/api/v1/brands/${brandA.id}`, { headers: bearer("tdm_not-a-real-key") });
    expect(res.status).toBe(401);
  });

  it("anonymous callers are asked to sign in", async () => {
    const res = await api(`/api/v1/brands/${brandA.id}`);
    expect(res.status).toBe(401);
    expect((await problem(res)).detail).toMatch(/Sign in/);
  });
});

describe("creator tenancy", () => {
  it("a creator cannot read or edit another creator's profile", async () => {
    const a = await signIn(api, uniqueEmail("cr-a"));
    const b = await signIn(api, uniqueEmail("cr-b"));
    const handleA = `ada_${Date.now().toString(36)}`;
    const creatorA = await createCreator(api, a.cookie, { handle: handleA, displayName: "Ada", niches: ["fashion"] });
    await createCreator(api, b.cookie, { handle: `bo_${Date.now().toString(36)}`, displayName: "Bo", niches: ["tech"] });

    expect((await api(`/api/v1/creators/${creatorA.id}`, { headers: { cookie: b.cookie } })).status).toBe(404);
    const hijack = await patch(`/api/v1/creators/${creatorA.id}`, { displayName: "Hijacked" }, { cookie: b.cookie });
    expect(hijack.status).toBe(404);
    const social = await postJson(`/api/v1/creators/${creatorA.id}/social`, { platform: "instagram", handle: "evil" }, { cookie: b.cookie });
    expect(social.status).toBe(404);

    const own = await api(`/api/v1/creators/${creatorA.id}`, { headers: { cookie: a.cookie } });
    expect(await own.json()).toMatchObject({ handle: handleA, displayName: "Ada", socialAccounts: [] });
  });
});
