import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createBrand, createCreator, signIn } from "../factories";
import { api, ORIGIN, postJson, problem, uniqueEmail } from "./helpers";

const EVIL = "https://evil.example";

describe("state-changing requests from a foreign origin are refused on the gateway", () => {
  let cookie: string, apiKey: string;
  beforeAll(async () => {
    cookie = (await signIn(api, uniqueEmail("xsite"))).cookie;
    const brand = await createBrand(api, cookie, { name: "Cross Site Co", website: "https://xsite.example", industry: "tech", companySize: "1-10", country: "IE" });
    apiKey = (await createApiKey(api, cookie, brand.id)).secret;
  });

  it("refuses an anonymous sign-in start from another site (login CSRF), with 403 problem+json naming the header", async () => {
    const res = await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("victim") }, { origin: EVIL });
    expect(res.status).toBe(403);
    const body = await problem(res);
    expect(body.code).toBe("forbidden");
    expect(body.errors?.[0]?.path).toBe("headers.origin");
  });

  it("refuses Origin: null, and a cross-site or same-site request that left Origin out", async () => {
    for (const headers of [{ origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }] as Record<string, string>[]) {
      const res = await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("victim") }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
  });

  it("refuses a signed-in write and an API-key write from another site alike", async () => {
    const body = { name: "Evil", website: "https://evil.example", industry: "tech", companySize: "1-10", country: "US" };
    expect((await postJson("/api/v1/brands", body, { cookie, origin: EVIL })).status).toBe(403);
    expect((await postJson("/api/v1/auth/signout", {}, { cookie, origin: EVIL })).status).toBe(403);
    expect((await postJson("/api/v1/links", {}, { authorization: `Bearer ${apiKey}`, origin: EVIL })).status).toBe(403);
  });

  it("lets our own pages, same-origin fetches and non-browser clients through", async () => {
    expect((await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("own") }, { origin: ORIGIN })).status).toBe(202);
    expect((await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("own") }, { "sec-fetch-site": "same-origin" })).status).toBe(202);
    expect((await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("curl") })).status).toBe(202);
  });

  it("refuses a live-room WebSocket upgrade from another site before it reaches the room", async () => {
    const owner = (await signIn(api, uniqueEmail("xsite-owner"))).cookie;
    await createCreator(api, owner, { handle: `xs_${Date.now().toString(36)}`, displayName: "Xena Site", niches: ["beauty"] });
    const created = (await (await postJson("/api/v1/communities", { slug: `xs-${Date.now().toString(36)}`, name: "XS Club" }, { cookie: owner })).json()) as { rooms: { id: string }[] };
    const roomId = created.rooms[0]!.id;
    const foreign = await api(`/api/v1/rooms/${roomId}/live`, { headers: { upgrade: "websocket", cookie: owner, origin: EVIL } });
    expect(foreign.status).toBe(403);
    expect((await problem(foreign)).code).toBe("forbidden");
    const own = await api(`/api/v1/rooms/${roomId}/live`, { headers: { upgrade: "websocket", cookie: owner, origin: ORIGIN } });
    expect(own.status).toBe(101);
    own.webSocket!.accept();
    own.webSocket!.close(1000, "done");
  });
});
