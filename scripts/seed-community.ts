import { signIn, type Fetcher } from "../test/factories";

const MEMBERS = 40;

/**
 * The demo creator's community: "Glow Club" with its General room, a few posts, and 40 members
 * signed in (their session cookies go to .data/demo.json for tools and benchmarks). Idempotent.
 */
export async function seedCommunity(f: Fetcher, creatorCookie: string, prevMembers: string[] | undefined) {
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
  return { communitySlug: slug, roomId, memberSessionCookies: cookies };
}
