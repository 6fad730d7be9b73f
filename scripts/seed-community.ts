import { signIn, type Fetcher } from "../test/factories";

const MEMBERS = 40;

/**
 * The demo creator's community: "Glow Club" with its General room, 40 members signed in (their
 * session cookies go to .data/demo.json for tools and benchmarks), an open poll and a scheduled
 * drop of 25. Idempotent.
 */
export async function seedCommunity(f: Fetcher, creatorCookie: string, prev: { memberSessionCookies?: string[]; dropId?: string }, productId: string) {
  const prevMembers = prev.memberSessionCookies;
  const slug = "glow-club";
  const json = (cookie: string, body: unknown, method = "POST") => ({ method, headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
  let res = await f(`/api/v1/communities/${slug}`, { headers: { cookie: creatorCookie } });
  if (res.status === 404) {
    res = await f("/api/v1/communities", json(creatorCookie, { slug, name: "Glow Club", description: "Skincare without the twelve steps: live Q&As, early drops and honest reviews from @mia." }));
  }
  if (!res.ok) throw new Error(`seed community: ${res.status} ${await res.text()}`);
  const community = (await res.json()) as { rooms: { id: string; name: string }[] };
  const roomId = community.rooms.find((r) => r.name === "General")!.id;

  // Members: reuse sessions that still work, sign in the rest.
  const cookies: string[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const prev = prevMembers?.[i];
    if (prev && (await f("/api/v1/me", { headers: { cookie: prev } })).ok) {
      cookies.push(prev);
      continue;
    }
    cookies.push((await signIn(f, `member${String(i + 1).padStart(2, "0")}@glow-club.test`)).cookie);
  }
  for (const cookie of cookies) {
    const joined = await f(`/api/v1/communities/${slug}/join`, json(cookie, {}));
    if (!joined.ok) throw new Error(`seed join: ${joined.status} ${await joined.text()}`);
  }
  const pollId = await seedPoll(f, roomId, creatorCookie);
  const dropId = await seedDrop(f, roomId, creatorCookie, prev.dropId, productId);
  return { communitySlug: slug, roomId, pollId, dropId, memberSessionCookies: cookies };
}

const json = (cookie: string, body: unknown) => ({ method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });

/** An open poll in the General room (a new one only when none is open). */
async function seedPoll(f: Fetcher, roomId: string, cookie: string) {
  const polls = (await (await f(`/api/v1/rooms/${roomId}/polls`, { headers: { cookie } })).json()) as { items: { id: string; closed: boolean }[] };
  const open = polls.items.find((p) => !p.closed);
  if (open) return open.id;
  const res = await f(`/api/v1/rooms/${roomId}/polls`, json(cookie, { question: "What should the next live Q&A cover?", options: ["Morning routine", "Sensitive skin", "SPF myths", "Budget swaps"], multi: false, closesAt: Date.now() + 7 * 86_400_000 }));
  if (!res.ok) throw new Error(`seed poll: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A scheduled drop of 25 Glow Serums (kept while it is still upcoming; a new one once it has opened). */
async function seedDrop(f: Fetcher, roomId: string, cookie: string, prevId: string | undefined, productId: string) {
  if (prevId) {
    const res = await f(`/api/v1/drops/${prevId}`, { headers: { cookie } });
    if (res.ok && ((await res.json()) as { status: string }).status === "scheduled") return prevId;
  }
  const res = await f(`/api/v1/rooms/${roomId}/drops`, json(cookie, { title: "Glow Serum, members first", description: "25 full-size bottles before the restock goes public. One per member.", productId, quantity: 25, releaseAt: Date.now() + 2 * 3_600_000 }));
  if (!res.ok) throw new Error(`seed drop: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
