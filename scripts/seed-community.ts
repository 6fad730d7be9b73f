import { signIn, type Fetcher } from "../test/factories";

const MEMBERS = 40;

/**
 * The demo creator's community: "Glow Club" with its General room, 40 members named member01…40
 * and signed in (their session cookies go to .data/demo.json for tools and benchmarks), an open poll and a scheduled
 * drop of 25, and a published course ("Skincare basics") with a quiz. Idempotent.
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
  const community = (await res.json()) as { rooms: { id: string; name: string }[]; tiers: { id: string; name: string; kind: string }[] };
  const roomId = community.rooms.find((r) => r.name === "General")!.id;
  // A paid tier (Stripe Billing prices, or the test-mode checkout) and the room it opens.
  const paidTierId =
    community.tiers.find((t) => t.kind === "paid" && t.name === "Glow Club Plus")?.id ??
    ((await (await f(`/api/v1/communities/${slug}/tiers`, json(creatorCookie, { name: "Glow Club Plus", kind: "paid", priceMinor: 500, annualPriceMinor: 5_000, currency: "GBP" }))).json()) as { id: string }).id;
  if (!community.rooms.some((r) => r.name === "Plus lounge")) {
    const lounge = await f(`/api/v1/communities/${slug}/rooms`, json(creatorCookie, { name: "Plus lounge", tierIds: [paidTierId] }));
    if (!lounge.ok) throw new Error(`seed paid room: ${lounge.status} ${await lounge.text()}`);
  }

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
  // Each demo member chooses a name (members without one are shown a neutral generated name).
  for (const [i, cookie] of cookies.entries()) {
    const named = await f("/api/v1/me", json(cookie, { name: `member${String(i + 1).padStart(2, "0")}` }, "PATCH"));
    if (!named.ok) throw new Error(`seed member name: ${named.status} ${await named.text()}`);
  }
  for (const cookie of cookies) {
    const joined = await f(`/api/v1/communities/${slug}/join`, json(cookie, {}));
    if (!joined.ok) throw new Error(`seed join: ${joined.status} ${await joined.text()}`);
  }
  const pollId = await seedPoll(f, roomId, creatorCookie);
  const dropId = await seedDrop(f, roomId, creatorCookie, prev.dropId, productId);
  const courseId = await seedCourse(f, slug, creatorCookie);
  return { communitySlug: slug, roomId, pollId, dropId, courseId, paidTierId, memberSessionCookies: cookies };
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

const COURSE_TITLE = "Skincare basics";

/**
 * "Skincare basics": two modules, four lessons (the first with a YouTube video, the second with a
 * download) and a quiz with one question of each kind (pass mark 70 %, 3 attempts), published for
 * every member. Reused when a course of that title exists, so learners' progress survives restarts.
 */
async function seedCourse(f: Fetcher, slug: string, cookie: string) {
  const list = await f(`/api/v1/communities/${slug}/courses`, { headers: { cookie } });
  if (!list.ok) throw new Error(`seed courses: ${list.status} ${await list.text()}`);
  const existing = ((await list.json()) as { items: { id: string; title: string }[] }).items.find((c) => c.title === COURSE_TITLE);
  if (existing) return existing.id;
  const res = await f(`/api/v1/communities/${slug}/courses`, json(cookie, COURSE));
  if (!res.ok) throw new Error(`seed course: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

const COURSE = {
  title: COURSE_TITLE,
  summary: "Four short lessons on what your skin needs (and what it doesn't): skin types, cleansing, daily SPF and a routine you will actually keep. Ends with a quick quiz.",
  tierIds: [],
  status: "published",
  modules: [
    {
      title: "Know your skin",
      summary: "Start with what you have: your skin type and how to clean it without stripping it.",
      lessons: [
        {
          title: "Find your skin type",
          videoUrl: "https://www.youtube.com/watch?v=M7lc1UVf-VE",
          body: "<p>Most routines go wrong at the first step: products for a skin type you do not have. The good news is that you can find yours in one evening.</p><h3>The bare-face test</h3><ol><li>Wash with a gentle cleanser and pat dry.</li><li>Leave your skin bare for an hour: no toner, no moisturiser.</li><li>Look closely at your forehead, nose, chin and cheeks.</li></ol><p><strong>Tight all over</strong> usually means dry. <strong>Shiny all over</strong> means oily. <strong>Shiny in the T-zone, fine elsewhere</strong> is combination. Stinging or redness after most products points to sensitive skin, whatever else is going on.</p>",
          downloads: [],
        },
        {
          title: "Cleansing without stripping",
          videoUrl: null,
          body: "<p>Squeaky clean is not the goal. A cleanser that leaves your face tight has taken the oils your skin barrier needs.</p><ul><li>Use lukewarm water, never hot.</li><li>Massage for 30 to 60 seconds, then rinse well.</li><li>In the evening, cleanse twice if you wore SPF or make-up: an oil or balm first, then your usual cleanser.</li></ul><p>Once a day is enough for most people. Dry or sensitive skin can skip the morning cleanse and rinse with water.</p>",
          downloads: [{ label: "Morning and evening routine checklist (PDF)", url: "https://lumen-skincare.example/guides/routine-checklist.pdf" }],
        },
      ],
      assessment: null,
    },
    {
      title: "Protect and repair",
      summary: "The one product that matters most, and a routine short enough to keep.",
      lessons: [
        {
          title: "SPF, every single day",
          videoUrl: null,
          body: "<p>Daylight ages skin faster than anything else you can control, and UVA gets through clouds and windows. A broad-spectrum SPF 30 or higher, every morning, does more than any serum.</p><p>Use about two finger-lengths for face and neck, and top up every two hours when you are outside.</p>",
          downloads: [],
        },
        {
          title: "A three-step routine you will keep",
          videoUrl: null,
          body: "<p>Morning: <strong>cleanse, moisturise, protect</strong>. Evening: <strong>cleanse, treat, moisturise</strong>. Add one active at a time and give it four weeks before you judge it.</p><blockquote>The best routine is the one you still do on a Tuesday night when you are tired.</blockquote>",
          downloads: [],
        },
      ],
      assessment: {
        title: "Skincare basics quiz",
        passMarkPct: 70,
        maxAttempts: 3,
        questions: [
          {
            kind: "single",
            prompt: "Which sunscreen is the usual recommendation for every day?",
            options: ["SPF 15, only on sunny days", "Broad-spectrum SPF 30 or higher, every day", "No sunscreen under make-up"],
            correct: 1,
            explanation: "UVA reaches your skin through clouds and windows, so daily broad-spectrum SPF 30+ is the habit that counts.",
          },
          {
            kind: "multiple",
            prompt: "Which of these belong in a simple morning routine?",
            options: ["A gentle cleanser (or a water rinse)", "Moisturiser", "Sunscreen", "A 20-minute clay mask"],
            correct: [0, 1, 2],
            explanation: "Cleanse, moisturise, protect. Masks are an occasional extra, not a daily step.",
          },
          {
            kind: "short",
            prompt: "What does SPF stand for?",
            accepted: ["sun protection factor"],
            pattern: null,
            explanation: "Sun Protection Factor: how much longer skin takes to redden with the sunscreen on than without it.",
          },
        ],
      },
    },
  ],
};
