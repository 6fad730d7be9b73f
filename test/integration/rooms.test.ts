import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { parseClientFrame } from "../../durable-objects/community-room.protocol";
import type { CommunityRoom } from "../../durable-objects/community-room";
import { createBrand, createCampaign, createCreator, createProduct, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { deliver, eventually, query } from "./pg-helpers";
import { connect, type Frame } from "./room-client";

const send = (ws: WebSocket | null, frame: unknown) => ws!.send(JSON.stringify(frame));
const room = (roomId: string) => env.COMMUNITY_ROOM.get(env.COMMUNITY_ROOM.idFromName(roomId));

describe("room protocol: replies, reactions, polls, moderation", () => {
  it("names the bad field of every new frame", () => {
    expect(parseClientFrame(JSON.stringify({ type: "reply.create", parentId: "nope", body: "hi" }))).toMatchObject({ ok: false, error: { path: "parentId" } });
    expect(parseClientFrame(JSON.stringify({ type: "reaction.toggle", postId: `pst_${"0".repeat(26)}`, emoji: "💩" }))).toMatchObject({ ok: false, error: { path: "emoji" } });
    expect(parseClientFrame(JSON.stringify({ type: "poll.create", question: "Q?", options: ["only one"], closesAt: Date.now() + 60_000 }))).toMatchObject({ ok: false, error: { path: "options" } });
    expect(parseClientFrame(JSON.stringify({ type: "poll.vote", pollId: `pol_${"0".repeat(26)}`, choices: [] }))).toMatchObject({ ok: false, error: { path: "choices" } });
    expect(parseClientFrame(JSON.stringify({ type: "member.mute", userId: "usr_x", minutes: 0 }))).toMatchObject({ ok: false, error: { path: "minutes" } });
    expect(parseClientFrame(JSON.stringify({ type: "post.create", body: "look", media: [{ kind: "image", url: "javascript:alert(1)" }] }))).toMatchObject({ ok: false, error: { path: "media.0.url" } });
    expect(parseClientFrame(JSON.stringify({ type: "post.create", body: "look", media: [{ kind: "image", url: "/media/a.png" }] }))).toMatchObject({ ok: true });
  });
});

describe("live rooms: posts, polls, drops, moderation", () => {
  let owner: string, a: string, b: string, c: string, aId: string, bId: string, cId: string;
  let slug: string, roomId: string, communityId: string, handle: string;

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("room-owner"))).cookie;
    handle = `rooms_${Date.now().toString(36)}`;
    await createCreator(api, owner, { handle, displayName: "Rhea Rooms", niches: ["beauty"] });
    const signed = await Promise.all(["room-a", "room-b", "room-c"].map((l) => signIn(api, uniqueEmail(l))));
    [a, b, c] = signed.map((s) => s.cookie) as [string, string, string];
    [aId, bId, cId] = signed.map((s) => s.userId) as [string, string, string];
    slug = `rooms-${Date.now().toString(36)}`;
    const created = (await (await postJson("/api/v1/communities", { slug, name: "Rooms Club" }, { cookie: owner })).json()) as { id: string; rooms: { id: string }[] };
    roomId = created.rooms[0]!.id;
    communityId = created.id;
    for (const cookie of [a, b, c]) expect((await postJson(`/api/v1/communities/${slug}/join`, {}, { cookie })).status).toBe(200);
  });

  it("replies thread under a post, reactions toggle with live counts, authors and owners remove posts", async () => {
    const sa = await connect(roomId, a);
    const sb = await connect(roomId, b);
    await sa.next("hello");
    await sb.next("hello");
    send(sa.ws, { type: "post.create", body: "New serum day", media: [{ kind: "link", url: "https://example.com/serum" }] });
    const post = (await sb.next("post.created")).post as { id: string; media: unknown[] };
    expect(post.media).toHaveLength(1);
    send(sb.ws, { type: "reply.create", parentId: post.id, body: "Which one?" });
    await sa.next("post.created"); // its own post comes back to the author too
    const reply = (await sa.next("post.created")).post as { id: string; parentId: string };
    expect(reply.parentId).toBe(post.id);

    send(sb.ws, { type: "reaction.toggle", postId: post.id, emoji: "🔥" });
    expect(await sa.next("reaction.updated")).toMatchObject({ postId: post.id, emoji: "🔥", count: 1, userId: bId, on: true });
    send(sa.ws, { type: "reaction.toggle", postId: post.id, emoji: "🔥" });
    expect(await sa.next("reaction.updated")).toMatchObject({ count: 2, userId: aId });
    send(sb.ws, { type: "reaction.toggle", postId: post.id, emoji: "🔥" });
    expect(await sa.next("reaction.updated")).toMatchObject({ count: 1, on: false });

    // B cannot remove A's post; A can; the owner can remove anyone's.
    send(sb.ws, { type: "post.delete", postId: post.id });
    expect(await sb.next("error")).toMatchObject({ code: "forbidden" });
    send(sb.ws, { type: "post.delete", postId: reply.id });
    expect((await sa.next("post.deleted")).postId).toBe(reply.id);
    const so = await connect(roomId, owner);
    const hello = await so.next("hello");
    expect((hello.history as { id: string; reactions: Record<string, number> }[]).find((p) => p.id === post.id)?.reactions).toEqual({ "🔥": 1 });
    expect((hello.mine as { reactions: string[] }).reactions).toEqual([]);
    send(so.ws, { type: "post.delete", postId: post.id });
    await sa.next("post.deleted");
    const page = (await (await api(`/api/v1/rooms/${roomId}/posts`, { headers: { cookie: a } })).json()) as { items: { id: string }[] };
    expect(page.items.map((p) => p.id)).not.toContain(post.id);
    send(sb.ws, { type: "reaction.toggle", postId: post.id, emoji: "❤️" });
    expect(await sb.next("error")).toMatchObject({ code: "not_found", path: "postId" });

    // Removal reaches the D1 mirror through the events queue.
    const mirrored = await eventually(
      () => env.DB.prepare("SELECT id, deleted_at FROM community_posts WHERE id IN (?, ?)").bind(post.id, reply.id).all<{ id: string; deleted_at: number | null }>(),
      (r) => r.results.length === 2 && r.results.every((x) => x.deleted_at !== null),
    );
    expect(mirrored.results).toHaveLength(2);
    for (const s of [sa, sb, so]) s.ws!.close(1000, "done");
  });

  it("only owners start polls; one vote per member even when sent at once from several tabs; votes change until the alarm closes the poll", async () => {
    const so = await connect(roomId, owner);
    const tabs = await Promise.all([connect(roomId, a), connect(roomId, a), connect(roomId, a), connect(roomId, b)]);
    for (const t of [so, ...tabs]) await t.next("hello");
    send(tabs[0]!.ws, { type: "poll.create", question: "Next live?", options: ["Mon", "Wed"], closesAt: Date.now() + 3_600_000 });
    expect(await tabs[0]!.next("error")).toMatchObject({ code: "forbidden" });
    send(so.ws, { type: "poll.create", question: "Next live?", options: ["Mon", "Wed"], closesAt: Date.now() + 5_000 });
    expect(await so.next("error")).toMatchObject({ path: "closesAt" });
    const viaRest = await postJson(`/api/v1/rooms/${roomId}/polls`, { question: "Next live?", options: ["Mon", "Wed", "Fri"], closesAt: Date.now() + 3_600_000 }, { cookie: owner });
    expect(viaRest.status).toBe(201);
    const pollId = ((await viaRest.json()) as { id: string }).id;
    expect((await postJson(`/api/v1/rooms/${roomId}/polls`, { question: "Mine?", options: ["x", "y"], closesAt: Date.now() + 3_600_000 }, { cookie: a })).status).toBe(403);
    expect((await problem(await postJson(`/api/v1/rooms/${roomId}/polls`, { question: "", options: ["x", "y"], closesAt: 1 }, { cookie: owner }))).errors?.[0]?.path).toBe("body.question");

    // Three tabs of one member vote at the same moment, twenty times over.
    for (let i = 0; i < 20; i++) for (const t of tabs.slice(0, 3)) send(t.ws, { type: "poll.vote", pollId, choices: [i % 3] });
    send(tabs[3]!.ws, { type: "poll.vote", pollId, choices: [0, 1] });
    expect(await tabs[3]!.next("error")).toMatchObject({ path: "choices", message: "Pick one option" });
    send(tabs[3]!.ws, { type: "poll.vote", pollId, choices: [1] });
    const last = await eventually(
      async () => {
        await new Promise((r) => setTimeout(r, 100));
        return [...so.frames].reverse().find((f) => f.type === "poll.updated" && (f.poll as { id: string }).id === pollId) as Frame | undefined;
      },
      (f) => (f?.poll as { voters: number } | undefined)?.voters === 2 && (f?.poll as { options: { votes: number }[] }).options.reduce((n, o) => n + o.votes, 0) === 2,
    );
    expect((last!.poll as { voters: number }).voters).toBe(2);

    // Voting closes at closesAt: the alarm closes it and tells the room; later votes are refused.
    await runInDurableObject(room(roomId), (_o: CommunityRoom, state) => {
      state.storage.sql.exec("UPDATE polls SET closes_at = ? WHERE id = ?", Date.now() - 1, pollId);
    });
    expect(await runDurableObjectAlarm(room(roomId))).toBe(true);
    const closed = await eventually(
      async () => so.frames.find((f) => f.type === "poll.updated" && (f.poll as { id: string; closed: boolean }).id === pollId && (f.poll as { closed: boolean }).closed),
      (f) => !!f,
    );
    expect(closed).toBeTruthy();
    send(tabs[3]!.ws, { type: "poll.vote", pollId, choices: [0] });
    expect(await tabs[3]!.next("error")).toMatchObject({ code: "closed" });
    for (const t of [so, ...tabs]) t.ws!.close(1000, "done");
  });

  it("drops: owner-only, validated, closed until release, one per member, a repeat returns the same claim, sold out at the quantity, reservations once", async () => {
    expect((await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "Serum", perk: "Sample", quantity: 3, releaseAt: Date.now() }, { cookie: a })).status).toBe(403);
    const bad = await problem(await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "", quantity: 0, releaseAt: 0 }, { cookie: owner }));
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(["body.perk", "body.quantity", "body.releaseAt", "body.title"]);
    expect((await problem(await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "X", productId: "prd_nope", quantity: 1, releaseAt: Date.now() }, { cookie: owner }))).errors?.[0]?.path).toBe("body.productId");

    // A product drop links to the owner's storefront product page, attributed to the community;
    // only products the creator may show (brands whose campaigns they joined) can be dropped.
    const brandOwner = (await signIn(api, uniqueEmail("drop-brand"))).cookie;
    const domain = `drop-${Date.now().toString(36)}.example`;
    await createBrand(api, brandOwner, { name: "Drop Brand", website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" });
    const product = await createProduct(api, brandOwner, { handle: "glow-balm", title: "Glow balm", status: "active", currency: "GBP", variants: [{ priceMinor: 1800 }] });
    const notJoined = await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "Balm", productId: product.id, quantity: 3, releaseAt: Date.now() + 60_000 }, { cookie: owner });
    expect((await problem(notJoined)).errors?.[0]).toMatchObject({ path: "body.productId" });
    const campaign = await createCampaign(api, brandOwner, { name: "Balm season", currency: "GBP", totalBudgetMinor: 100_000, fallbackUrl: `https://${domain}/`, pricingModel: "cpc", rateMinor: 50, openToMarketplace: true, niches: ["beauty"], landingUrls: [`https://${domain}/balm`] });
    expect((await api(`/api/v1/campaigns/${campaign.id}/accept`, { method: "POST", headers: { cookie: owner } })).status).toBe(200);
    const productDrop = await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "Balm", productId: product.id, quantity: 3, releaseAt: Date.now() + 60_000 }, { cookie: owner });
    expect(productDrop.status).toBe(201);
    expect(((await productDrop.json()) as { productUrl: string }).productUrl).toBe(`/@${handle}/p/glow-balm?utm_source=community&utm_medium=drop&utm_campaign=${slug}`);

    const later = (await (await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "Tomorrow", perk: "Early access", quantity: 5, releaseAt: Date.now() + 86_400_000 }, { cookie: owner })).json()) as { id: string; status: string };
    expect(later.status).toBe("scheduled");
    const early = await api(`/api/v1/drops/${later.id}/claim`, { method: "POST", headers: { cookie: a } });
    expect(early.status).toBe(409);
    expect((await problem(early)).code).toBe("not_released");

    const watcher = await connect(roomId, c);
    await watcher.next("hello");
    const res = await postJson(`/api/v1/rooms/${roomId}/drops`, { title: "Glow serum", description: "Two left in the studio", perk: "A full-size serum", quantity: 2, releaseAt: Date.now() }, { cookie: owner });
    expect(res.status).toBe(201);
    const drop = (await res.json()) as { id: string; quantity: number; claimed: number; status: string };
    expect(drop).toMatchObject({ quantity: 2, claimed: 0, status: "live" });
    expect((await watcher.next("drop.created")).drop).toMatchObject({ id: drop.id, quantity: 2 });

    const first = await api(`/api/v1/drops/${drop.id}/claim`, { method: "POST", headers: { cookie: a } });
    expect(first.status).toBe(201);
    const claim = (await first.json()) as { claimId: string; claimed: number };
    expect(claim.claimed).toBe(1);
    expect(await watcher.next("drop.claimed")).toMatchObject({ dropId: drop.id, claimed: 1, userId: aId });
    const again = await api(`/api/v1/drops/${drop.id}/claim`, { method: "POST", headers: { cookie: a } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { claimId: string }).claimId).toBe(claim.claimId);
    expect((await api(`/api/v1/drops/${drop.id}/claim`, { method: "POST", headers: { cookie: b } })).status).toBe(201);
    const soldOut = await api(`/api/v1/drops/${drop.id}/claim`, { method: "POST", headers: { cookie: c } });
    expect(soldOut.status).toBe(409);
    expect((await problem(soldOut)).code).toBe("sold_out");
    const view = (await (await api(`/api/v1/drops/${drop.id}`, { headers: { cookie: a } })).json()) as { claimed: number; status: string; myClaim: { claimId: string } };
    expect(view).toMatchObject({ claimed: 2, status: "sold_out", myClaim: { claimId: claim.claimId } });
    expect((await api(`/api/v1/drops/${drop.id}`)).status).toBe(401);

    // Each claim became one reservation attributed to the community's creator, and D1 mirrors the count.
    const rows = await eventually(() => query<{ id: string; user_id: string; creator_id: string; community_id: string }>("select id, user_id, creator_id, community_id from drop_reservations where drop_id = $1", [drop.id]), (r) => r.length === 2);
    expect(rows.map((r) => r.user_id).sort()).toEqual([aId, bId].sort());
    expect(rows.every((r) => r.creator_id?.startsWith("cr_") && r.community_id === communityId)).toBe(true);
    const events = await query<{ id: string; type: string; at: Date; creator_id: string; props: Record<string, unknown> }>("select id, type, at, creator_id, props from events where props->>'dropId' = $1", [drop.id]);
    expect(events).toHaveLength(2);
    // Redelivering the same events changes nothing.
    const again2 = events.map((e) => ({ id: e.id, type: e.type, at: new Date(e.at).getTime(), brandId: null, campaignId: null, linkId: null, creatorId: e.creator_id, clickId: null, visitorHash: null, props: e.props, utm: {} }));
    await deliver(again2);
    await deliver(again2);
    expect(await query("select id from drop_reservations where drop_id = $1", [drop.id])).toHaveLength(2);
    const d1 = await eventually(() => env.DB.prepare("SELECT claimed FROM community_drops WHERE id = ?").bind(drop.id).first<{ claimed: number }>(), (r) => r?.claimed === 2);
    expect(d1?.claimed).toBe(2);

    // The owner sees who claimed, in order, to fulfil; nobody else does.
    const claims = (await (await api(`/api/v1/communities/${slug}/drops/${drop.id}/claims`, { headers: { cookie: owner } })).json()) as { drop: { claimed: number }; items: { userId: string; name: string; status: string }[] };
    expect(claims.items.map((x) => x.userId)).toEqual([aId, bId]);
    // Members without a chosen name are named neutrally, never after their email (room-a-…@…).
    expect(claims.items.every((x) => x.status === "reserved" && /^Member [0-9A-Z]{6}$/.test(x.name))).toBe(true);
    expect((await api(`/api/v1/communities/${slug}/drops/${drop.id}/claims`, { headers: { cookie: a } })).status).toBe(403);
    const list = (await (await api(`/api/v1/communities/${slug}/drops`, { headers: { cookie: owner } })).json()) as { items: { id: string; claimed: number }[] };
    expect(list.items.find((x) => x.id === drop.id)?.claimed).toBe(2);
    expect((await api(`/api/v1/communities/${slug}/drops/drp_nope/claims`, { headers: { cookie: owner } })).status).toBe(404);
    watcher.ws!.close(1000, "done");
  });

  it("never oversells under 1,000 concurrent claims, and never gives one member two", async () => {
    const ctx = { roomId, communityId, communitySlug: slug, creatorId: null };
    const stub = room(roomId);
    const id = `drp_${Date.now().toString(36).padStart(26, "0")}`;
    await stub.createDrop(ctx, { id, title: "Rush", description: "", productId: null, productUrl: null, perk: "Sticker", quantity: 25, releaseAt: Date.now() });
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => stub.claimDrop(ctx, id, `usr_rush_${i}`)));
    expect(results.filter((r) => r.ok && r.fresh)).toHaveLength(25);
    expect(results.filter((r) => !r.ok && r.code === "sold_out")).toHaveLength(975);
    const id2 = `drp_${(Date.now() + 1).toString(36).padStart(26, "1")}`;
    await stub.createDrop(ctx, { id: id2, title: "Solo", description: "", productId: null, productUrl: null, perk: "Sticker", quantity: 25, releaseAt: Date.now() });
    const same = await Promise.all(Array.from({ length: 1000 }, () => stub.claimDrop(ctx, id2, "usr_greedy")));
    expect(same.filter((r) => r.ok && r.fresh)).toHaveLength(1);
    expect(new Set(same.map((r) => (r.ok ? r.claimId : r.code))).size).toBe(1);
    const state = await runInDurableObject(stub, (_o: CommunityRoom, s) => ({
      rush: s.storage.sql.exec("SELECT claimed FROM drops WHERE id = ?", id).one().claimed,
      rushClaims: s.storage.sql.exec("SELECT count(*) AS n FROM drop_claims WHERE drop_id = ?", id).one().n,
      solo: s.storage.sql.exec("SELECT count(*) AS n FROM drop_claims WHERE drop_id = ?", id2).one().n,
    }));
    expect(state).toEqual({ rush: 25, rushClaims: 25, solo: 1 });
  });

  it("mutes stop a member posting; a ban closes their sockets and refuses them until lifted", async () => {
    const so = await connect(roomId, owner);
    const sc = await connect(roomId, c);
    await so.next("hello");
    await sc.next("hello");
    send(sc.ws, { type: "member.mute", userId: aId, minutes: 5 });
    expect(await sc.next("error")).toMatchObject({ code: "forbidden" });
    send(so.ws, { type: "member.mute", userId: cId, minutes: 5 });
    expect(await sc.next("member.muted")).toMatchObject({ userId: cId });
    send(sc.ws, { type: "post.create", body: "can I talk?" });
    expect(await sc.next("error")).toMatchObject({ code: "muted" });

    expect((await postJson(`/api/v1/communities/${slug}/bans`, { userId: cId }, { cookie: a })).status).toBe(403);
    expect((await problem(await postJson(`/api/v1/communities/${slug}/bans`, { userId: "usr_nobody" }, { cookie: owner }))).errors?.[0]?.path).toBe("body.userId");
    const banned = await postJson(`/api/v1/communities/${slug}/bans`, { userId: cId }, { cookie: owner });
    expect(((await banned.json()) as { status: string }).status).toBe("banned");
    expect((await sc.closed).code).toBe(4003);
    expect((await connect(roomId, c)).res.status).toBe(403);
    expect((await api(`/api/v1/communities/${slug}/bans/${cId}`, { method: "DELETE", headers: { cookie: owner } })).status).toBe(200);
    const back = await connect(roomId, c);
    expect(back.res.status).toBe(101);
    back.ws!.close(1000, "done");
    so.ws!.close(1000, "done");
  });

  it("keeps posts, polls, votes and drops when the object is evicted", async () => {
    const { outbox: _, ...before } = await room(roomId).counts();
    expect(before.polls).toBeGreaterThan(0);
    expect(before.claims).toBeGreaterThan(0);
    await abortAllDurableObjects();
    const { outbox: __, ...after } = await room(roomId).counts();
    expect(after).toEqual(before);
    const s = await connect(roomId, a);
    const hello = await s.next("hello");
    expect((hello.polls as unknown[]).length).toBeGreaterThan(0);
    expect((hello.drops as unknown[]).length).toBeGreaterThan(0);
    expect((hello.mine as { claims: string[] }).claims.length).toBeGreaterThan(0);
    s.ws!.close(1000, "done");
  });

  it("members attach uploaded images to posts, and search the mirrored posts of the rooms they may enter", async () => {
    const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwyhDABf8gX7f2ux8wAAAABJRU5ErkJggg=="), (ch) => ch.charCodeAt(0));
    const outsider = (await signIn(api, uniqueEmail("room-outsider"))).cookie;
    expect((await api(`/api/v1/rooms/${roomId}/media`, { method: "POST", headers: { cookie: outsider, "content-type": "image/png" }, body: PNG })).status).toBe(403);
    const notImage = await api(`/api/v1/rooms/${roomId}/media`, { method: "POST", headers: { cookie: a, "content-type": "image/png" }, body: "hello" });
    expect((await problem(notImage)).errors?.[0]?.path).toBe("body");
    const up = await api(`/api/v1/rooms/${roomId}/media`, { method: "POST", headers: { cookie: a, "content-type": "application/octet-stream" }, body: PNG });
    expect(up.status).toBe(201);
    const image = (await up.json()) as { url: string; contentType: string };
    expect(image).toMatchObject({ contentType: "image/png", width: 2, height: 1 });
    expect((await api(image.url)).headers.get("content-type")).toBe("image/png");

    const s = await connect(roomId, a);
    await s.next("hello");
    send(s.ws, { type: "post.create", body: "Shelfie with the unicorn toner", media: [{ kind: "image", url: image.url }] });
    expect(((await s.next("post.created")).post as { media: unknown[] }).media).toEqual([{ kind: "image", url: image.url }]);
    s.ws!.close(1000, "done");

    const found = await eventually(
      async () => (await (await api(`/api/v1/communities/${slug}/search?q=${encodeURIComponent("UNICORN toner")}`, { headers: { cookie: b } })).json()) as { items: { body: string; roomName: string }[] },
      (r) => r.items.length === 1,
    );
    expect(found.items[0]).toMatchObject({ body: "Shelfie with the unicorn toner", roomName: "General" });
    expect(((await (await api(`/api/v1/communities/${slug}/search?q=${encodeURIComponent("unicorn%_")}`, { headers: { cookie: b } })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await problem(await api(`/api/v1/communities/${slug}/search?q=u`, { headers: { cookie: b } }))).errors?.[0]?.path).toBe("query.q");
    expect((await api(`/api/v1/communities/${slug}/search?q=unicorn`, { headers: { cookie: outsider } })).status).toBe(403);
  });

  it("gives the owner (and only the owner) the community's numbers from the same events", async () => {
    expect((await api(`/api/v1/communities/${slug}/analytics`, { headers: { cookie: a } })).status).toBe(403);
    // A course counts as completed by a member once every lesson is done and every assessment passed.
    const created = await postJson(
      `/api/v1/communities/${slug}/courses`,
      { title: "Basics", status: "published", modules: [{ title: "One", lessons: [{ title: "Read me", body: "<p>Hi</p>", videoUrl: null, downloads: [] }], assessment: { title: "Check", passMarkPct: 100, maxAttempts: 3, questions: [{ kind: "single", prompt: "Pick b", options: ["a", "b"], correct: 1 }] } }] },
      { cookie: owner },
    );
    expect(created.status).toBe(201);
    const course = (await created.json()) as { id: string; modules: { lessons: { id: string }[]; assessment: { id: string; questions: { id: string }[] } }[] };
    const [mod] = course.modules;
    for (const cookie of [a, b]) expect((await postJson(`/api/v1/courses/${course.id}/lessons/${mod!.lessons[0]!.id}/complete`, {}, { cookie })).status).toBe(201);
    const answer = (choice: number, cookie: string) => postJson(`/api/v1/courses/${course.id}/assessments/${mod!.assessment.id}/attempts`, { answers: { [mod!.assessment.questions[0]!.id]: choice } }, { cookie });
    expect(((await (await answer(0, a)).json()) as { passed: boolean }).passed).toBe(false);
    expect(((await (await answer(1, a)).json()) as { passed: boolean }).passed).toBe(true);
    type Numbers = { members: number; activeMembers: number; posts: number; polls: { count: number; voters: number; participation: number }; drops: { claimed: number; quantity: number; sellThrough: number }; courses: { started: number; completed: number; completionRate: number }; daily: { posts: number }[] };
    const n = await eventually(
      async () => (await (await api(`/api/v1/communities/${slug}/analytics`, { headers: { cookie: owner } })).json()) as Numbers,
      (x) => x.posts >= 3 && x.polls.voters === 2 && x.drops.claimed === 2,
    );
    expect(n).toMatchObject({ members: 4, posts: 3, polls: { count: 1, voters: 2, participation: 0.5 }, drops: { claimed: 2, quantity: 2, sellThrough: 1 }, courses: { started: 2, completed: 1, completionRate: 0.5 } });
    expect(n.activeMembers).toBeGreaterThanOrEqual(2);
    expect(n.daily.reduce((t, d) => t + d.posts, 0)).toBe(3);
  });

  it("a revoked or changed tier closes the member's sockets in exactly the rooms it no longer opens; everyone else stays connected", async () => {
    const tier = async (name: string) => ((await (await postJson(`/api/v1/communities/${slug}/tiers`, { name, kind: "paid", priceMinor: 500, currency: "USD" }, { cookie: owner })).json()) as { id: string }).id;
    const [gold, silver] = [await tier("Gold"), await tier("Silver")];
    const vip = ((await (await postJson(`/api/v1/communities/${slug}/rooms`, { name: "Gold lounge", tierIds: [gold] }, { cookie: owner })).json()) as { id: string }).id;
    const both = ((await (await postJson(`/api/v1/communities/${slug}/rooms`, { name: "Gold and silver", tierIds: [gold, silver] }, { cookie: owner })).json()) as { id: string }).id;
    for (const userId of [aId, bId]) expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId, tierId: gold }, { cookie: owner })).status).toBe(200);
    const [aVip, aBoth, aGeneral, bVip] = [await connect(vip, a), await connect(both, a), await connect(roomId, a), await connect(vip, b)];
    for (const s of [aVip, aBoth, aGeneral, bVip]) await s.next("hello");

    // Gold → Silver: the Gold lounge closes for A; the room Silver still opens and General stay open.
    expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId: aId, tierId: silver }, { cookie: owner })).status).toBe(200);
    expect(await aVip.closed).toMatchObject({ code: 4003 });
    expect((await connect(vip, a)).res.status).toBe(403);
    send(aBoth.ws, { type: "post.create", body: "still in the silver room" });
    expect(((await aBoth.next("post.created")).post as { body: string }).body).toBe("still in the silver room");
    send(aGeneral.ws, { type: "post.create", body: "still in general" });
    expect(((await aGeneral.next("post.created")).post as { body: string }).body).toBe("still in general");

    // Revoking the grant (back to Free) closes the room Silver opened; General stays; B never noticed.
    expect((await api(`/api/v1/communities/${slug}/grants/${aId}`, { method: "DELETE", headers: { cookie: owner } })).status).toBe(200);
    expect(await aBoth.closed).toMatchObject({ code: 4003 });
    send(aGeneral.ws, { type: "reaction.toggle", postId: ((aGeneral.frames.find((f) => f.type === "post.created")!.post) as { id: string }).id, emoji: "🔥" });
    expect(await aGeneral.next("reaction.updated")).toMatchObject({ userId: aId, on: true });
    send(bVip.ws, { type: "post.create", body: "gold talk" });
    expect(((await bVip.next("post.created")).post as { body: string }).body).toBe("gold talk");
    expect(aVip.frames.some((f) => f.type === "post.created" && (f.post as { body: string }).body === "gold talk")).toBe(false);
    for (const s of [aGeneral, bVip]) s.ws!.close(1000, "done");
  });

  it("a socket opened on a check made before a revocation, and frames sent after it, are refused by the room", async () => {
    const tier = ((await (await postJson(`/api/v1/communities/${slug}/tiers`, { name: "Bronze", kind: "paid", priceMinor: 100, currency: "USD" }, { cookie: owner })).json()) as { id: string }).id;
    const bronze = ((await (await postJson(`/api/v1/communities/${slug}/rooms`, { name: "Bronze room", tierIds: [tier] }, { cookie: owner })).json()) as { id: string }).id;
    expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId: bId, tierId: tier }, { cookie: owner })).status).toBe(200);
    const sb = await connect(bronze, b);
    await sb.next("hello");
    // The room learns of a later membership of B's that does not open it while B's socket is
    // still open (a revocation racing a frame or a connect): its frames are refused and the socket
    // closes, and a connect checked against the older membership is closed before it hears anything.
    await runInDurableObject(room(bronze), (_: CommunityRoom, state) => {
      state.storage.sql.exec("INSERT OR REPLACE INTO member_access (user_id, version, allowed) VALUES (?, ?, 0)", bId, Date.now() + 60_000);
    });
    send(sb.ws, { type: "post.create", body: "sneaking one in" });
    expect(await sb.closed).toMatchObject({ code: 4003 });
    const late = await connect(bronze, b);
    expect(late.res.status).toBe(101);
    expect(await late.closed).toMatchObject({ code: 4003 });
    expect(late.frames.filter((f) => f.type === "hello")).toEqual([]);
    const posts = await room(bronze).listPosts(undefined, 10);
    expect(posts.map((p) => p.body)).not.toContain("sneaking one in");
  });
});
