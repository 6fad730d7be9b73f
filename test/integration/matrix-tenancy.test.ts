import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./helpers";
import { ACTORS, fillPath, headersFor, inPool, ownerOf, readers, refusedActors, type Actor } from "./matrix-routes";
import { opName, readOperations, type Operation } from "./openapi-ops";
import { buildWorld, type World } from "./world";

/**
 * Generated from the OpenAPI document: every route × (brand A's owner, key and teammate, brand B's
 * owner and key, the creator, a community member, anonymous). What is not yours is 401/403/404
 * problem+json, reads of your own are 2xx, nobody's secrets appear in anybody else's answers, and
 * nothing a refused caller tried changed anything.
 */
let world: World;
let ops: Operation[];
const leaks: string[] = [];
function leaked(op: Operation, actor: Actor, text: string) {
  for (const secret of secretsNotFor(actor, op)) if (text.includes(secret)) leaks.push(`${opName(op)} as ${actor} shows ${secret}`);
}

const call = (op: Operation, url: string, actor: Actor) =>
  api(url, {
    method: op.method,
    headers: { ...headersFor(world, actor), ...(op.method === "GET" || op.method === "DELETE" ? {} : { "content-type": "application/json" }), "idempotency-key": `mx-${op.method}-${url}-${actor}` },
    body: op.method === "GET" || op.method === "DELETE" ? undefined : "{}",
    redirect: "manual",
  });

/** What only their owners may ever see. */
function secretsNotFor(actor: Actor, op: Operation): string[] {
  const a = world.a;
  const mine: Partial<Record<Actor, string[]>> = {
    ownerA: [a.key.id, a.owner.email, a.teammate.email],
    keyA: [a.key.id],
    teammateA: [a.owner.email, a.teammate.email],
    // A buyer's email goes to the seller of their order, and only there (the checkout says so): services and goods are delivered to someone.
    creator: op.path.startsWith("/api/v1/orders") ? [world.creator.email, world.member.email] : [world.creator.email],
    member: [world.member.email],
  };
  const all = [a.key.id, a.owner.email, a.teammate.email, world.creator.email, world.member.email];
  return all.filter((s) => !(mine[actor] ?? []).includes(s));
}

/** Brand A's and the creator's data as their owners read it, to prove refused writes changed nothing. */
async function snapshot() {
  // An API key's last use is bookkeeping, not data: a refused call may still have been made with it.
  const get = async (path: string, actor: Actor) => (await (await api(path, { headers: headersFor(world, actor) })).text()).replace(/"lastUsedAt":(null|"[^"]*")/g, '"lastUsedAt":"…"');
  const a = world.a;
  return Promise.all([
    get(`/api/v1/brands/${a.id}`, "ownerA"),
    get(`/api/v1/brands/${a.id}/api-keys`, "ownerA"),
    get(`/api/v1/brands/${a.id}/members`, "ownerA"),
    get(`/api/v1/brands/${a.id}/domains`, "ownerA"),
    get(`/api/v1/campaigns/${a.campaignId}`, "ownerA"),
    get(`/api/v1/catalog/products/${a.productId}?brandId=${a.id}`, "ownerA"),
    get(`/api/v1/catalog/categories?brandId=${a.id}`, "ownerA"),
    get(`/api/v1/creators/${world.creator.id}`, "creator"),
    get(`/api/v1/communities/${world.community.slug}`, "creator"),
    get(`/api/v1/courses/${world.community.courseId}`, "creator"),
    get(`/api/v1/storefronts/mine`, "creator"),
  ]);
}

beforeAll(async () => {
  world = await buildWorld();
  ops = await readOperations();
}, 120_000);

describe("tenancy matrix (generated from the OpenAPI document)", () => {
  it("every route says whose data it serves", () => {
    const unclassified = ops.filter((op) => !ownerOf(op)).map(opName);
    expect(unclassified).toEqual([]);
  });

  it("refuses everyone but the owner, on every route, with real ids of someone else's data", async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    let calls = 0;
    const cases = ops.flatMap((op) => refusedActors(ownerOf(op)!).map((actor) => ({ op, actor })));
    await inPool(cases, 8, async ({ op, actor }) => {
      const { url } = fillPath(op, world, "a");
      const res = await call(op, url, actor);
      calls++;
      // A write is validated before it is authorised, so a refused caller's empty body may be a 422:
      // it never reaches the handler (and the snapshot below proves nothing changed).
      const allowed = op.method === "GET" || op.method === "DELETE" ? [401, 403, 404] : [401, 403, 404, 422];
      if (actor === "anonymous" && !(op.method === "GET" || op.method === "DELETE" ? [401, 404] : [401, 404, 422]).includes(res.status)) wrong.push(`${opName(op)} as anonymous: ${res.status} (expected 401 or 404)`);
      else if (!allowed.includes(res.status)) wrong.push(`${opName(op)} as ${actor}: ${res.status}`);
      else if (!(res.headers.get("content-type") ?? "").includes("problem+json")) wrong.push(`${opName(op)} as ${actor}: ${res.status} without problem+json`);
      leaked(op, actor, await res.text());
    });
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(300);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it("the owner, their keys and teammates read their own data on every GET route", async () => {
    const wrong: string[] = [];
    const cases = ops.filter((o) => o.method === "GET" && fillPath(o, world).real).flatMap((op) => readers(ownerOf(op)!).map((actor) => ({ op, actor })));
    await inPool(cases, 8, async ({ op, actor }) => {
      if (actor === "keyA" && !/^\/api\/v1\/(catalog|campaigns|links)/.test(op.path)) return;
      if (actor === "teammateA" && op.path.endsWith("/api-keys")) return;
      const res = await call(op, fillPath(op, world).url, actor);
      const text = await res.text();
      if (res.status < 200 || res.status > 299) wrong.push(`${opName(op)} as ${actor}: ${res.status} ${text.slice(0, 160)}`);
      leaked(op, actor, text);
    });
    expect(wrong).toEqual([]);
  }, 120_000);

  it("a brand's ids in the other brand's hands are 403/404 on every route of brand data", async () => {
    const wrong: string[] = [];
    const cases = ops.filter((o) => ownerOf(o) === "brandA").flatMap((op) => (["ownerA", "keyA", "teammateA"] as Actor[]).map((actor) => ({ op, actor })));
    await inPool(cases, 8, async ({ op, actor }) => {
      const res = await call(op, fillPath(op, world, "b").url, actor);
      const allowed = op.method === "GET" || op.method === "DELETE" ? [403, 404] : [403, 404, 422];
      if (!allowed.includes(res.status)) wrong.push(`${opName(op)} as ${actor} on brand B's ids: ${res.status}`);
      await res.body?.cancel();
    });
    expect(wrong).toEqual([]);
  }, 120_000);

  it("no answer carries another tenant's secrets (API key ids, people's email addresses)", async () => {
    // The refusals and the owners' reads above were checked as they came; here the routes anyone
    // may call (public and caller-scoped ones) are read by everyone.
    const cases = ops.filter((o) => o.method === "GET" && ["public", "self"].includes(ownerOf(o)!)).flatMap((op) => ACTORS.map((actor) => ({ op, actor })));
    await inPool(cases, 8, async ({ op, actor }) => leaked(op, actor, await (await call(op, fillPath(op, world).url, actor)).text()));
    expect(cases.length).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  }, 120_000);
});
