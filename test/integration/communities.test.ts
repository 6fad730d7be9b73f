import { beforeAll, describe, expect, it } from "vitest";
import { parseClientFrame } from "../../durable-objects/community-room.protocol";
import { createCreator, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { connect } from "./room-client";

describe("room protocol", () => {
  it("turns anything that is not a valid frame into an error frame naming the field", () => {
    expect(parseClientFrame("not json")).toMatchObject({ ok: false, error: { type: "error", code: "invalid_frame" } });
    expect(parseClientFrame(JSON.stringify({ type: "nope" }))).toMatchObject({ ok: false, error: { path: "type" } });
    expect(parseClientFrame(JSON.stringify({ type: "post.create", body: "   " }))).toMatchObject({ ok: false, error: { path: "body", message: "Write something first" } });
    expect(parseClientFrame(JSON.stringify({ type: "post.create", body: "x".repeat(2001) }))).toMatchObject({ ok: false, error: { path: "body" } });
    expect(parseClientFrame(JSON.stringify({ type: "post.create", body: "hi", extra: 1 }))).toMatchObject({ ok: false });
    expect(parseClientFrame(JSON.stringify({ type: "post.create", body: " hello " }))).toEqual({ ok: true, frame: { type: "post.create", body: "hello", media: [] } });
  });
});

describe("communities: access and live rooms", () => {
  let owner: string, member: string, other: string, outsider: string, memberId: string, otherId: string;
  let slug: string, general: string, vip: string, vipTier: string;

  beforeAll(async () => {
    const o = await signIn(api, uniqueEmail("com-owner"));
    owner = o.cookie;
    await createCreator(api, owner, { handle: `host_${Date.now().toString(36)}`, displayName: "Hana Host", niches: ["wellness"] });
    const m = await signIn(api, uniqueEmail("com-member"));
    member = m.cookie;
    memberId = m.userId;
    const x = await signIn(api, uniqueEmail("com-other"));
    other = x.cookie;
    otherId = x.userId;
    outsider = (await signIn(api, uniqueEmail("com-outsider"))).cookie;
    slug = `glow-club-${Date.now().toString(36)}`;
    const created = await postJson("/api/v1/communities", { slug, name: "Glow Club", description: "Skincare, slowly." }, { cookie: owner });
    expect(created.status).toBe(201);
    const c = (await created.json()) as { rooms: { id: string; name: string }[]; membership: { role: string } };
    expect(c.membership.role).toBe("owner");
    general = c.rooms.find((r) => r.name === "General")!.id;
    vipTier = ((await (await postJson(`/api/v1/communities/${slug}/tiers`, { name: "Inner circle", kind: "paid", priceMinor: 900, currency: "GBP" }, { cookie: owner })).json()) as { id: string }).id;
    vip = ((await (await postJson(`/api/v1/communities/${slug}/rooms`, { name: "Inner circle", tierIds: [vipTier] }, { cookie: owner })).json()) as { id: string }).id;
    for (const cookie of [member, other]) expect((await postJson(`/api/v1/communities/${slug}/join`, {}, { cookie })).status).toBe(200);
  });

  it("validates community input and keeps tier management to the owner", async () => {
    const bad = await postJson("/api/v1/communities", { slug: "No Spaces", name: "" }, { cookie: owner });
    expect((await problem(bad)).errors!.map((e) => e.path).sort()).toEqual(["body.name", "body.slug"]);
    expect((await postJson("/api/v1/communities", { slug, name: "Again" }, { cookie: owner })).status).toBe(409);
    const free = await postJson(`/api/v1/communities/${slug}/tiers`, { name: "Paid but free", kind: "paid", priceMinor: 0 }, { cookie: owner });
    expect((await problem(free)).errors?.[0]?.path).toBe("body.priceMinor");
    expect((await postJson(`/api/v1/communities/${slug}/tiers`, { name: "Mine", kind: "free" }, { cookie: member })).status).toBe(403);
    expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId: memberId, tierId: vipTier }, { cookie: outsider })).status).toBe(404);
  });

  it("refuses the socket before the upgrade without a session, without membership, or without the room's tier", async () => {
    const anon = await connect(general);
    expect(anon.res.status).toBe(401);
    expect((await problem(anon.res)).code).toBe("unauthenticated");
    expect((await connect(general, outsider)).res.status).toBe(403);
    expect((await connect(vip, member)).res.status).toBe(403);
    expect((await api(`/api/v1/rooms/${vip}/posts`, { headers: { cookie: member } })).status).toBe(403);
    const view = (await (await api(`/api/v1/communities/${slug}`, { headers: { cookie: member } })).json()) as { rooms: { id: string; canEnter: boolean }[] };
    expect(view.rooms.map((r) => r.canEnter)).toEqual([true, false]);
    // Granting the tier opens the room; revoking closes it again.
    expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId: memberId, tierId: vipTier }, { cookie: owner })).status).toBe(200);
    const inside = await connect(vip, member);
    expect(inside.res.status).toBe(101);
    inside.ws!.close(1000, "done");
    expect((await api(`/api/v1/communities/${slug}/grants/${memberId}`, { method: "DELETE", headers: { cookie: owner } })).status).toBe(200);
    expect((await connect(vip, member)).res.status).toBe(403);
    expect((await api(`/api/v1/rooms/${vip}/live`, { headers: { cookie: owner } })).status).toBe(400); // no upgrade header
  });

  it("two members see each other's posts live; bad frames get error frames; history and pagination on join", async () => {
    const a = await connect(general, member);
    const b = await connect(general, other);
    expect(a.res.status).toBe(101);
    expect((await a.next("hello")).you).toMatchObject({ userId: memberId, role: "member" });
    await b.next("hello");
    a.ws!.send(JSON.stringify({ type: "post.create", body: "Morning, everyone" }));
    const seen = await b.next("post.created");
    expect(seen.post).toMatchObject({ authorId: memberId, body: "Morning, everyone" });
    expect((await a.next("post.created")).post).toMatchObject({ body: "Morning, everyone" }); // the author sees it too
    b.ws!.send("{not json");
    expect(await b.next("error")).toMatchObject({ code: "invalid_frame" });
    b.ws!.send(JSON.stringify({ type: "post.create", body: "" }));
    expect(await b.next("error")).toMatchObject({ path: "body" });
    b.ws!.send(JSON.stringify({ type: "post.create", body: "Hi from B" }));
    expect((await a.next("post.created")).post).toMatchObject({ authorId: otherId, body: "Hi from B" });

    const c = await connect(general, owner);
    const hello = await c.next("hello");
    expect((hello.history as { body: string }[]).map((p) => p.body).slice(-2)).toEqual(["Morning, everyone", "Hi from B"]);
    const page1 = (await (await api(`/api/v1/rooms/${general}/posts?limit=1`, { headers: { cookie: member } })).json()) as { items: { body: string }[]; nextBefore: string };
    expect(page1.items.map((p) => p.body)).toEqual(["Hi from B"]);
    const page2 = (await (await api(`/api/v1/rooms/${general}/posts?limit=1&before=${page1.nextBefore}`, { headers: { cookie: member } })).json()) as { items: { body: string }[] };
    expect(page2.items.map((p) => p.body)).toEqual(["Morning, everyone"]);
    for (const s of [a, b, c]) s.ws!.close(1000, "done");
  });

  it("finds a creator's community by handle in the same session (the storefront's deep link)", async () => {
    const handle = ((await (await api("/api/v1/me", { headers: { cookie: owner } })).json()) as { creator: { handle: string } }).creator.handle;
    const res = await api(`/api/v1/communities/by-creator/${handle}`, { headers: { cookie: member } });
    expect(res.status).toBe(200);
    const c = (await res.json()) as { slug: string; membership: { role: string } | null };
    expect(c.slug).toBe(slug);
    expect(c.membership?.role).toBe("member"); // no second sign-in: the session that browsed the storefront is the member
    expect((await api("/api/v1/communities/by-creator/nobody_here")).status).toBe(404);
  });

  it("lists members to the owner only, by name, a page at a time", async () => {
    type Page = { items: { userId: string; name: string; role: string; status: string; tierId: string }[]; nextAfter: string | null };
    const all = (await (await api(`/api/v1/communities/${slug}/members`, { headers: { cookie: owner } })).json()) as Page;
    expect(all.items.map((m) => m.role)).toEqual(["owner", "member", "member"]);
    expect(all.items[0]!.name).toBe("Hana Host");
    expect(all.items.every((m) => !m.name.includes("@"))).toBe(true); // names, never email addresses
    const first = (await (await api(`/api/v1/communities/${slug}/members?limit=2`, { headers: { cookie: owner } })).json()) as Page;
    expect(first.items).toHaveLength(2);
    const rest = (await (await api(`/api/v1/communities/${slug}/members?limit=2&after=${first.nextAfter}`, { headers: { cookie: owner } })).json()) as Page;
    expect([...first.items, ...rest.items].map((m) => m.userId)).toEqual(all.items.map((m) => m.userId));
    expect(rest.nextAfter).toBeNull();
    const otherName = all.items.find((m) => m.userId === otherId)!.name;
    const named = (await (await api(`/api/v1/communities/${slug}/members?q=${encodeURIComponent(otherName.slice(-6).toLowerCase())}`, { headers: { cookie: owner } })).json()) as Page;
    expect(named.items.map((m) => m.userId)).toEqual([otherId]);
    // The filter matches names only: an email's local part finds nobody.
    expect(((await (await api(`/api/v1/communities/${slug}/members?q=com-other`, { headers: { cookie: owner } })).json()) as Page).items).toEqual([]);
    expect((await problem(await api(`/api/v1/communities/${slug}/members?after=bogus`, { headers: { cookie: owner } }))).errors?.[0]?.path).toBe("query.after");
    expect((await api(`/api/v1/communities/${slug}/members`, { headers: { cookie: member } })).status).toBe(403);
    expect((await api(`/api/v1/communities/${slug}/members`, { headers: { cookie: outsider } })).status).toBe(404);
  });

  it("the community home shows a drop's title and perk only to visitors who may enter its room; others see that a drop exists", async () => {
    const drop = async (roomId: string, title: string, perk: string) => {
      const res = await postJson(`/api/v1/rooms/${roomId}/drops`, { title, perk, quantity: 5, releaseAt: Date.now() + 3_600_000 }, { cookie: owner });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const secret = await drop(vip, "Inner circle serum", "Signed jar for the inner circle");
    const open = await drop(general, "General giveaway", "Sample sachet");
    type View = { drops: { id: string; roomId: string; title: string | null; perk: string | null; locked: boolean; quantity: number; releaseAt: number }[] };
    const view = async (cookie?: string) => {
      const res = await api(`/api/v1/communities/${slug}`, cookie ? { headers: { cookie } } : {});
      const text = await res.text();
      return { text, drops: new Map((JSON.parse(text) as View).drops.map((d) => [d.id, d])) };
    };
    const asMember = await view(member);
    expect(asMember.drops.get(open)).toMatchObject({ title: "General giveaway", perk: "Sample sachet", locked: false });
    expect(asMember.drops.get(secret)).toMatchObject({ roomId: vip, title: null, perk: null, locked: true, quantity: 5 });
    expect(asMember.text).not.toContain("Inner circle serum");
    expect(asMember.text).not.toContain("Signed jar");
    for (const who of [outsider, undefined]) {
      const v = await view(who);
      expect([...v.drops.values()].every((d) => d.locked && d.title === null && d.perk === null)).toBe(true);
      expect(v.text).not.toMatch(/Inner circle serum|Signed jar|General giveaway|Sample sachet/);
    }
    expect((await view(owner)).drops.get(secret)).toMatchObject({ title: "Inner circle serum", locked: false });
  });

  it("a member without a chosen name is called by a neutral generated name, never by their email, in rooms, posts and the owner's list", async () => {
    const s = await connect(general, member);
    const you = (await s.next("hello")).you as { name: string };
    expect(you.name).toMatch(/^Member [0-9A-Z]{6}$/);
    s.ws!.send(JSON.stringify({ type: "post.create", body: "What do you call me?" }));
    const post = (await s.next("post.created")).post as { id: string; authorName: string };
    expect(post.authorName).toBe(you.name);
    s.ws!.close(1000, "done");
    const again = await connect(general, member);
    expect(((await again.next("hello")).you as { name: string }).name).toBe(you.name); // stable per member
    again.ws!.close(1000, "done");
    const page = await (await api(`/api/v1/rooms/${general}/posts`, { headers: { cookie: other } })).text();
    expect(page).not.toMatch(/com-member|com-other|com-owner/);
    const members = await (await api(`/api/v1/communities/${slug}/members`, { headers: { cookie: owner } })).text();
    expect(members).not.toMatch(/com-member|com-other|@/);
    const items = (JSON.parse(members) as { items: { userId: string; name: string }[] }).items;
    expect(items.find((m) => m.userId === memberId)!.name).toBe(you.name);
    expect(items.find((m) => m.userId === otherId)!.name).not.toBe(you.name);

    // A chosen name replaces the generated one; an email address is not a name.
    expect((await problem(await postJson("/api/v1/me", { name: "me@example.com" }, { cookie: member }, "PATCH"))).errors?.[0]?.path).toBe("body.name");
    expect((await postJson("/api/v1/me", { name: "  Mina Member " }, { cookie: member }, "PATCH")).status).toBe(200);
    const named = await connect(general, member);
    expect(((await named.next("hello")).you as { name: string }).name).toBe("Mina Member");
    named.ws!.close(1000, "done");
    expect((await postJson("/api/v1/me", { name: null }, { cookie: member }, "PATCH")).status).toBe(200);
    const cleared = (await (await api(`/api/v1/communities/${slug}/members`, { headers: { cookie: owner } })).json()) as { items: { userId: string; name: string }[] };
    expect(cleared.items.find((m) => m.userId === memberId)!.name).toBe(you.name);
  });

  it("limits how fast one member can post", async () => {
    const s = await connect(general, other);
    await s.next("hello");
    for (let i = 0; i < 6; i++) s.ws!.send(JSON.stringify({ type: "post.create", body: `burst ${i}` }));
    expect(await s.next("error")).toMatchObject({ code: "rate_limited" });
    s.ws!.close(1000, "done");
  });
});
