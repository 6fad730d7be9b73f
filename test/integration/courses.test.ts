import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Assessment } from "../../workers/courses/course-document";
import { prepareContent } from "../../workers/courses/course-document";
import { checkAnswers, compilePattern, normaliseShort, scoreAssessment } from "../../workers/courses/score-assessment";
import { videoProvider } from "../../workers/courses/video-url";
import type { LearningDeps } from "../../workers/courses/course-events";
import { submitAttempt } from "../../workers/courses/submit-attempt";
import { d1Client, type D1Db } from "../../workers/db/d1/client";
import { AppError } from "../../workers/lib/errors";
import { jsonLogger } from "../../workers/lib/logger";
import { createCreator, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { deliver, eventually, query, runScheduled } from "./pg-helpers";

describe("scoring an assessment (pure)", () => {
  const quiz: Assessment = {
    id: "asm_q",
    title: "Quiz",
    passMarkPct: 67,
    maxAttempts: 3,
    questions: [
      { id: "q1", kind: "single", prompt: "?", options: ["a", "b", "c"], correct: 1, explanation: "" },
      { id: "q2", kind: "multiple", prompt: "?", options: ["a", "b", "c", "d"], correct: [0, 2], explanation: "" },
      { id: "q3", kind: "short", prompt: "?", accepted: ["New York", "NYC"], pattern: null, explanation: "" },
    ],
  };
  const pattern = (p: string, accepted: string[] = []): Assessment => ({ ...quiz, passMarkPct: 100, questions: [{ id: "p", kind: "short", prompt: "?", accepted, pattern: p, explanation: "" }] });

  it("single is the exact index; multiple is exactly the set, in any order", () => {
    const ok = { q2: [0, 2], q3: "nyc" };
    expect(scoreAssessment(quiz, { ...ok, q1: 1 }).results[0]!.correct).toBe(true);
    expect(scoreAssessment(quiz, { ...ok, q1: 0 }).results[0]!.correct).toBe(false);
    expect(scoreAssessment(quiz, { q1: 1, q3: "nyc", q2: [2, 0] }).results[1]!.correct).toBe(true);
    expect(scoreAssessment(quiz, { q1: 1, q3: "nyc", q2: [0] }).results[1]!.correct).toBe(false); // a subset
    expect(scoreAssessment(quiz, { q1: 1, q3: "nyc", q2: [0, 1, 2] }).results[1]!.correct).toBe(false); // a superset
    expect(scoreAssessment(quiz, { q1: 1, q3: "nyc", q2: 0 }).results[1]!.correct).toBe(false); // not a list
  });

  it("short answers match ignoring case and extra spaces, or the anchored case-insensitive pattern", () => {
    expect(normaliseShort("  New \t  YORK ")).toBe("new york");
    const s = (a: string) => scoreAssessment(quiz, { q1: 1, q2: [0, 2], q3: a }).results[2]!.correct;
    expect(s("  new   york ")).toBe(true);
    expect(s("NYC")).toBe(true);
    expect(s("newyork")).toBe(false);
    expect(s("New York City")).toBe(false);
    const p = (src: string, a: string) => scoreAssessment(pattern(src), { p: a }).passed;
    expect(p("colou?r", "Color")).toBe(true);
    expect(p("colou?r", " COLOUR ")).toBe(true);
    expect(p("colou?r", "colours")).toBe(false); // anchored at the end
    expect(p("colou?r", "my colour")).toBe(false); // and at the start
    expect(p("a|b", "ab")).toBe(false); // alternation stays inside the anchors
    expect(p("a|b", "B")).toBe(true);
    expect(p("\\d{4}", "1984")).toBe(true);
    expect(scoreAssessment(pattern("zzz", ["Forty two"]), { p: "forty  TWO" }).passed).toBe(true); // accepted strings still count
  });

  // 25 a's and a "!" take a backtracking engine seconds per pattern (each further "a" doubles it; the
  // issue's 40 never end): the per-test timeout fails this test on such an engine, while a
  // linear-time matcher answers at once.
  it("matches owner patterns in linear time: catastrophic patterns still give the right answer", { timeout: 3000 }, () => {
    const p = (src: string, a: string) => scoreAssessment(pattern(src), { p: a }).passed;
    const evil = `${"a".repeat(25)}!`;
    expect(p("(a+)+$", evil)).toBe(false);
    expect(p("(a|a)*b", evil)).toBe(false);
    expect(p("(a|aa)+", evil)).toBe(false);
    expect(p("(a+)+!", `${"a".repeat(499)}!`)).toBe(true);
    expect(p("(a+)+$", "A".repeat(25))).toBe(true); // still case-insensitive and anchored
    expect(p("(a+)+", `b${"a".repeat(25)}`)).toBe(false);
  });

  it("an owner pattern the linear-time engine cannot compile is named at authoring time", () => {
    for (const src of ["(a)\\1", "a(?=b)", "(unclosed"]) expect(() => compilePattern(src), src).toThrow();
    expect(() => compilePattern("spf ?(30|50)")).not.toThrow();
    // One stored before patterns were checked against RE2 matches nothing instead of failing the attempt.
    expect(scoreAssessment(pattern("(a)\\1"), { p: "aa" }).passed).toBe(false);
  });

  it("scorePct is rounded; passing is scorePct ≥ the pass mark; missing answers are wrong", () => {
    const twoOfThree = { q1: 1, q2: [0, 2], q3: "Boston" };
    expect(scoreAssessment(quiz, twoOfThree)).toMatchObject({ scorePct: 67, passed: true });
    expect(scoreAssessment({ ...quiz, passMarkPct: 68 }, twoOfThree)).toMatchObject({ scorePct: 67, passed: false });
    expect(scoreAssessment(quiz, { q1: 1 })).toMatchObject({ scorePct: 33, passed: false });
    expect(scoreAssessment(quiz, {})).toMatchObject({ scorePct: 0, passed: false });
    expect(scoreAssessment({ ...quiz, passMarkPct: 0 }, {})).toMatchObject({ scorePct: 0, passed: true });
    expect(scoreAssessment(quiz, { q1: 1, q2: [2, 0], q3: "nyc" })).toMatchObject({ scorePct: 100, passed: true });
  });

  it("names every missing, ill-typed or unknown answer", () => {
    expect(checkAnswers(quiz, { q1: 1, q2: [0], q3: "x" })).toEqual([]);
    const errors = checkAnswers(quiz, { q1: "1", q2: [0, 0], q9: 1 } as never);
    expect(errors.map((e) => e.path)).toEqual(["body.answers.q9", "body.answers.q1", "body.answers.q2", "body.answers.q3"]);
    expect(checkAnswers(quiz, { q1: 3, q2: [4], q3: "   " }).map((e) => e.message)).toEqual(["No such option", "No such option", "Write an answer"]);
    expect(checkAnswers(quiz, { q1: 1.5, q2: [0], q3: "x".repeat(501) }).map((e) => e.path)).toEqual(["body.answers.q1", "body.answers.q3"]);
  });

  it("recognises lesson video hosts and keeps ids only when the course has them", () => {
    for (const ok of ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871", "https://www.loom.com/share/0281766fa2d04bb788eaf19e65135184"]) expect(videoProvider(ok), ok).not.toBeNull();
    for (const bad of ["http://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://evil.example/watch?v=dQw4w9WgXcQ", "https://youtube.com.evil.example/watch?v=abcdefg", "javascript:alert(1)", "https://vimeo.com/about"]) expect(videoProvider(bad), bad).toBeNull();
    const input = [{ id: "mod_01hzzzzzzzzzzzzzzzzzzzzzzz", title: "M", summary: "", lessons: [{ title: "L", body: "<p>x<script>1</script></p>", videoUrl: "", downloads: [] }], assessment: null }];
    const unknown = prepareContent(input, new Set());
    expect(unknown.errors).toEqual([{ path: "body.modules.0.id", message: expect.stringContaining("Not one of this course's ids") }]);
    const kept = prepareContent(input, new Set(["mod_01hzzzzzzzzzzzzzzzzzzzzzzz"]));
    expect(kept.errors).toEqual([]);
    expect(kept.content.modules[0]!.id).toBe("mod_01hzzzzzzzzzzzzzzzzzzzzzzz");
    expect(kept.content.modules[0]!.lessons[0]).toMatchObject({ id: expect.stringMatching(/^les_[0-9a-z]{26}$/), body: "<p>x</p>", videoUrl: null });
    const twice = prepareContent([input[0]!, input[0]!], new Set(["mod_01hzzzzzzzzzzzzzzzzzzzzzzz"]));
    expect(twice.errors.map((e) => e.path)).toEqual(["body.modules.1.id"]);
  });
});

type Question = { id: string; kind: string; prompt: string; options?: string[]; correct?: number | number[]; accepted?: string[]; pattern?: string | null; explanation?: string };
type Course = {
  id: string;
  title: string;
  summary: string;
  status: string;
  tierIds: string[];
  canEdit: boolean;
  modules: { id: string; title: string; summary: string; lessons: { id: string; title: string; body: string; videoUrl: string | null; downloads: unknown[] }[]; assessment: { id: string; title: string; passMarkPct: number; maxAttempts: number; questions: Question[] } | null }[];
  progress: { completedLessonIds: string[]; completedLessons: number; totalLessons: number; passedAssessments: number; totalAssessments: number; pct: number; assessments: { assessmentId: string; attemptsUsed: number; attemptsLeft: number; bestScorePct: number | null; passed: boolean }[] };
};
type Summary = { id: string; title: string; status: string; position: number; locked: boolean; lessonCount: number; progress: { completedLessons: number; totalLessons: number; passedAssessments: number; pct: number } };
type Attempt = { id: string; attempt: number; scorePct: number; passed: boolean; attemptsLeft: number; feedback: { questionId: string; correct: boolean; explanation?: string; expected?: unknown }[] };

/** A course with two lessons and a four-question assessment (one of each kind, and a pattern). */
const courseDoc = (over: Record<string, unknown> = {}) => ({
  title: "Skin basics",
  summary: "Start here.",
  tierIds: [] as string[],
  status: "published",
  modules: [
    {
      title: "Cleansing",
      lessons: [
        {
          title: "Why cleanse",
          body: '<p>Hello <strong>there</strong><script>alert(1)</script> <a href="javascript:alert(2)">bad</a> <a href="https://example.com/more">more</a></p>',
          videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          downloads: [{ label: "Checklist", url: "https://example.com/checklist.pdf" }],
        },
        { title: "How to cleanse", body: "<p>Gently.</p>" },
      ],
      assessment: {
        title: "Cleansing quiz",
        passMarkPct: 60,
        maxAttempts: 3,
        questions: [
          { kind: "single", prompt: "Best water temperature?", options: ["Hot", "Lukewarm", "Cold"], correct: 1, explanation: "Hot water strips the skin's oils." },
          { kind: "multiple", prompt: "Which are cleansers?", options: ["Oil", "Balm", "Sand"], correct: [0, 1] },
          { kind: "short", prompt: "The skin's outer layer?", accepted: ["Epidermis"] },
          { kind: "short", prompt: "Spell the word for hue", pattern: "colou?r" },
        ],
      },
    },
  ],
  ...over,
});

const json = async <T>(res: Response, status: number): Promise<T> => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
};
const get = (path: string, cookie?: string) => api(path, { headers: cookie ? { cookie } : {} });
const d1Count = async (sql: string, ...params: unknown[]) => ((await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? 0);

describe("community courses", () => {
  let owner: string, creatorId: string, learner: string, learnerId: string, vip: string, vipId: string, racer: string, racerId: string, outsider: string, rival: string;
  let slug: string, paidTier: string;

  const createCourse = async (body: unknown = courseDoc()) => json<Course>(await postJson(`/api/v1/communities/${slug}/courses`, body, { cookie: owner }), 201);
  const list = async (cookie?: string) => (await json<{ items: Summary[] }>(await get(`/api/v1/communities/${slug}/courses`, cookie), 200)).items;
  const attempt = (courseId: string, assessmentId: string, answers: unknown, cookie: string) => postJson(`/api/v1/courses/${courseId}/assessments/${assessmentId}/attempts`, { answers }, { cookie });
  const complete = (courseId: string, lessonId: string, cookie: string) => api(`/api/v1/courses/${courseId}/lessons/${lessonId}/complete`, { method: "POST", headers: { cookie } });
  /** The right answers to courseDoc's quiz, given the ids the owner's view shows. */
  const rightAnswers = (qs: Question[]) => ({ [qs[0]!.id]: 1, [qs[1]!.id]: [1, 0], [qs[2]!.id]: "  EPIDERMIS ", [qs[3]!.id]: "Color" });
  const wrongAnswers = (qs: Question[]) => ({ [qs[0]!.id]: 0, [qs[1]!.id]: [0], [qs[2]!.id]: "dermis", [qs[3]!.id]: "colours" });

  beforeAll(async () => {
    const o = await signIn(api, uniqueEmail("lms-owner"));
    owner = o.cookie;
    creatorId = (await createCreator(api, owner, { handle: `teach_${Date.now().toString(36)}`, displayName: "Tess Teacher", niches: ["beauty"] })).id;
    const r = await signIn(api, uniqueEmail("lms-rival"));
    rival = r.cookie;
    await createCreator(api, rival, { handle: `rival_${Date.now().toString(36)}`, displayName: "Rita Rival", niches: ["beauty"] });
    expect((await postJson("/api/v1/communities", { slug: `rival-${Date.now().toString(36)}`, name: "Rival club" }, { cookie: rival })).status).toBe(201);
    const l = await signIn(api, uniqueEmail("lms-learner"));
    learner = l.cookie;
    learnerId = l.userId;
    const v = await signIn(api, uniqueEmail("lms-vip"));
    vip = v.cookie;
    vipId = v.userId;
    const rc = await signIn(api, uniqueEmail("lms-racer"));
    racer = rc.cookie;
    racerId = rc.userId;
    outsider = (await signIn(api, uniqueEmail("lms-outsider"))).cookie;
    slug = `skin-school-${Date.now().toString(36)}`;
    expect((await postJson("/api/v1/communities", { slug, name: "Skin School" }, { cookie: owner })).status).toBe(201);
    paidTier = (await json<{ id: string }>(await postJson(`/api/v1/communities/${slug}/tiers`, { name: "Pro", kind: "paid", priceMinor: 1500, currency: "EUR" }, { cookie: owner }), 201)).id;
    for (const cookie of [learner, vip, racer]) expect((await postJson(`/api/v1/communities/${slug}/join`, {}, { cookie })).status).toBe(200);
  });

  it("validates the document with field paths, and a refused save writes nothing", async () => {
    const before = (await list(owner)).length;
    const doc = courseDoc();
    const m = doc.modules[0]!;
    const bad = {
      ...doc,
      title: " ",
      modules: [
        {
          ...m,
          lessons: [{ ...m.lessons[0]!, videoUrl: "https://evil.example/watch?v=dQw4w9WgXcQ", downloads: [{ label: "x", url: "http://example.com/a.pdf" }] }, { title: "Extra", body: "", surprise: 1 }],
          assessment: {
            ...m.assessment,
            passMarkPct: 101,
            maxAttempts: 0,
            questions: [
              { ...m.assessment.questions[0]!, correct: 3 },
              { ...m.assessment.questions[1]!, correct: [0, 7, 0] },
              { kind: "short", prompt: "Neither accepted answers nor a pattern" },
              { kind: "short", prompt: "Broken pattern", pattern: "(unclosed" },
              { kind: "short", prompt: "Too long", pattern: "a".repeat(201) },
              { kind: "essay", prompt: "Not a kind" },
              { kind: "short", prompt: "A backreference (no linear-time engine runs one)", pattern: "(a)\\1" },
            ],
          },
        },
      ],
    };
    const res = await postJson(`/api/v1/communities/${slug}/courses`, bad, { cookie: owner });
    expect(res.status).toBe(422);
    const p = await problem(res);
    const q = "body.modules.0.assessment.questions";
    expect(p.errors!.map((e) => e.path).sort()).toEqual(
      [
        "body.title",
        "body.modules.0.lessons.0.videoUrl",
        "body.modules.0.lessons.0.downloads.0.url",
        "body.modules.0.lessons.1.surprise",
        "body.modules.0.assessment.passMarkPct",
        "body.modules.0.assessment.maxAttempts",
        `${q}.0.correct`,
        `${q}.1.correct.1`,
        `${q}.1.correct.2`,
        `${q}.2.accepted`,
        `${q}.3.pattern`,
        `${q}.4.pattern`,
        `${q}.5.kind`,
        `${q}.6.pattern`,
      ].sort(),
    );
    expect(p.errors!.find((e) => e.path === `${q}.3.pattern`)!.message).toMatch(/Not a valid regular expression/);
    expect(p.errors!.find((e) => e.path === `${q}.6.pattern`)!.message).toMatch(/Not a valid regular expression/);
    expect(p.errors!.find((e) => e.path === `${q}.1.correct.2`)!.message).toBe("Listed twice");

    // Tiers must be this community's (checked with the rest of the document, before any write).
    const freeTier = (await json<{ tiers: { id: string }[] }>(await get(`/api/v1/communities/${slug}`), 200)).tiers[0]!.id;
    const tiers = await postJson(`/api/v1/communities/${slug}/courses`, courseDoc({ tierIds: [freeTier, "tier_nope"] }), { cookie: owner });
    expect((await problem(tiers)).errors).toEqual([{ path: "body.tierIds.1", message: "Not one of this community's tiers" }]);
    // An id the course does not have is refused (ids are made by the server).
    const made = courseDoc();
    (made.modules[0]!.lessons[1] as Record<string, unknown>).id = "les_01hzzzzzzzzzzzzzzzzzzzzzzz";
    const foreign = await postJson(`/api/v1/communities/${slug}/courses`, made, { cookie: owner });
    expect((await problem(foreign)).errors!.map((e) => e.path)).toEqual(["body.modules.0.lessons.1.id"]);
    expect((await list(owner)).length).toBe(before);

    // A bad save of an existing course changes nothing.
    const course = await createCourse(courseDoc({ title: "Untouched" }));
    const put = await postJson(`/api/v1/courses/${course.id}`, { ...course, title: "Changed", modules: [{ ...course.modules[0]!, assessment: { ...course.modules[0]!.assessment!, questions: [{ ...course.modules[0]!.assessment!.questions[0]!, correct: 9 }] } }] }, { cookie: owner }, "PUT");
    expect(put.status).toBe(422);
    expect((await problem(put)).errors!.map((e) => e.path)).toContain("body.id"); // the response's extra fields are refused too
    const strictPut = await postJson(`/api/v1/courses/${course.id}`, { title: "Changed", summary: "", tierIds: [], status: "draft" }, { cookie: owner }, "PUT");
    expect((await problem(strictPut)).errors!.map((e) => e.path)).toEqual(["body.modules"]); // a whole-document save needs the modules
    const after = await json<Course>(await get(`/api/v1/courses/${course.id}`, owner), 200);
    expect(after).toMatchObject({ title: "Untouched", status: "published" });
    expect(after.modules).toEqual(course.modules);
  });

  it("keeps authoring to the community's owner", async () => {
    const course = await createCourse(courseDoc({ title: "Owner only" }));
    const save = { title: "Hijacked", summary: "", tierIds: [], status: "draft", modules: [] };
    expect((await postJson(`/api/v1/communities/${slug}/courses`, courseDoc(), {})).status).toBe(401);
    expect((await postJson(`/api/v1/communities/${slug}/courses`, courseDoc(), { cookie: learner })).status).toBe(403);
    expect((await postJson(`/api/v1/communities/${slug}/courses`, courseDoc(), { cookie: rival })).status).toBe(404);
    expect((await postJson(`/api/v1/courses/${course.id}`, save, { cookie: learner }, "PUT")).status).toBe(403);
    expect((await postJson(`/api/v1/courses/${course.id}`, save, { cookie: rival }, "PUT")).status).toBe(404);
    expect((await postJson(`/api/v1/courses/${course.id}`, save, {}, "PUT")).status).toBe(401);
    expect((await api(`/api/v1/courses/${course.id}`, { method: "DELETE", headers: { cookie: learner } })).status).toBe(403);
    const gone = await api(`/api/v1/courses/${course.id}`, { method: "DELETE", headers: { cookie: rival } });
    expect(gone.status).toBe(404);
    expect((await problem(gone)).code).toBe("not_found");
    expect((await postJson(`/api/v1/courses/crs_nope`, save, { cookie: owner }, "PUT")).status).toBe(404);
    const still = await json<Course>(await get(`/api/v1/courses/${course.id}`, owner), 200);
    expect(still).toMatchObject({ title: "Owner only", status: "published", canEdit: true });
    expect(still.modules).toEqual(course.modules);
  });

  it("stores a clean document: ids made, HTML sanitised, video and downloads kept", async () => {
    const course = await createCourse();
    expect(course.id).toMatch(/^crs_[0-9a-z]{26}$/);
    const m = course.modules[0]!;
    expect(m.id).toMatch(/^mod_/);
    expect(m.lessons.map((l) => l.id)).toEqual([expect.stringMatching(/^les_/), expect.stringMatching(/^les_/)]);
    expect(m.assessment!.id).toMatch(/^asm_/);
    expect(m.assessment!.questions.map((q) => q.id.slice(0, 4))).toEqual(["qst_", "qst_", "qst_", "qst_"]);
    const body = m.lessons[0]!.body;
    expect(body).toContain("<strong>there</strong>");
    expect(body).toContain('href="https://example.com/more"');
    expect(body).not.toMatch(/script|javascript|alert/);
    expect(m.lessons[0]).toMatchObject({ videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", downloads: [{ label: "Checklist", url: "https://example.com/checklist.pdf" }] });
    expect(m.lessons[1]).toMatchObject({ videoUrl: null, downloads: [] });
    expect(m.assessment!.questions[3]).toMatchObject({ kind: "short", accepted: [], pattern: "colou?r" });
  });

  it("gates courses by tier until the owner grants it; drafts stay hidden", async () => {
    const pro = await createCourse(courseDoc({ title: "Pro masterclass", tierIds: [paidTier] }));
    const draft = await createCourse(courseDoc({ title: "Work in progress", status: "draft" }));
    const lessonId = pro.modules[0]!.lessons[0]!.id;

    const seen = await list(vip);
    expect(seen.find((c) => c.id === pro.id)).toMatchObject({ locked: true, lessonCount: 2, progress: { completedLessons: 0, totalLessons: 2, pct: 0 } });
    expect(seen.some((c) => c.id === draft.id)).toBe(false);
    expect((await list()).find((c) => c.id === pro.id)!.locked).toBe(true); // visitors see it, locked
    expect((await list(owner)).find((c) => c.id === draft.id)).toMatchObject({ status: "draft", locked: false });

    const refused = await get(`/api/v1/courses/${pro.id}`, vip);
    expect(refused.status).toBe(403);
    expect((await problem(refused)).code).toBe("forbidden");
    expect((await get(`/api/v1/courses/${pro.id}`)).status).toBe(401);
    expect((await get(`/api/v1/courses/${pro.id}`, outsider)).status).toBe(403);
    expect((await complete(pro.id, lessonId, vip)).status).toBe(403);
    expect((await attempt(pro.id, pro.modules[0]!.assessment!.id, rightAnswers(pro.modules[0]!.assessment!.questions), vip)).status).toBe(403);
    expect((await get(`/api/v1/courses/${draft.id}`, vip)).status).toBe(404);
    expect((await complete(draft.id, draft.modules[0]!.lessons[0]!.id, vip)).status).toBe(404);
    expect(await d1Count("select count(*) n from lesson_completions where user_id = ?", vipId)).toBe(0);

    expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId: vipId, tierId: paidTier }, { cookie: owner })).status).toBe(200);
    expect((await json<Course>(await get(`/api/v1/courses/${pro.id}`, vip), 200)).title).toBe("Pro masterclass");
    expect((await list(vip)).find((c) => c.id === pro.id)!.locked).toBe(false);
    expect((await complete(pro.id, lessonId, vip)).status).toBe(201);

    // Back on the free tier, the course closes again (progress is kept for when it reopens).
    expect((await api(`/api/v1/communities/${slug}/grants/${vipId}`, { method: "DELETE", headers: { cookie: owner } })).status).toBe(200);
    expect((await get(`/api/v1/courses/${pro.id}`, vip)).status).toBe(403);
    expect((await list(vip)).find((c) => c.id === pro.id)).toMatchObject({ locked: true, progress: { completedLessons: 1 } });
  });

  it("never shows members the answers", async () => {
    const course = await createCourse();
    const asString = JSON.stringify(await json<Course>(await get(`/api/v1/courses/${course.id}`, learner), 200));
    for (const leak of ['"correct"', '"accepted"', '"pattern"', '"explanation"', "Epidermis", "colou?r", "strips the skin"]) expect(asString).not.toContain(leak);
    const learnerView = JSON.parse(asString) as Course;
    expect(learnerView.canEdit).toBe(false);
    expect(learnerView.modules[0]!.assessment!.questions).toEqual([
      { id: course.modules[0]!.assessment!.questions[0]!.id, kind: "single", prompt: "Best water temperature?", options: ["Hot", "Lukewarm", "Cold"] },
      { id: course.modules[0]!.assessment!.questions[1]!.id, kind: "multiple", prompt: "Which are cleansers?", options: ["Oil", "Balm", "Sand"] },
      { id: course.modules[0]!.assessment!.questions[2]!.id, kind: "short", prompt: "The skin's outer layer?" },
      { id: course.modules[0]!.assessment!.questions[3]!.id, kind: "short", prompt: "Spell the word for hue" },
    ]);
    expect(JSON.stringify(await list(learner))).not.toContain("Epidermis");
    const ownerView = await json<Course>(await get(`/api/v1/courses/${course.id}`, owner), 200);
    expect(ownerView.canEdit).toBe(true);
    expect(ownerView.modules[0]!.assessment!.questions[0]).toMatchObject({ correct: 1, explanation: "Hot water strips the skin's oils." });
    // A wrong attempt with attempts left reveals nothing either.
    const qs = ownerView.modules[0]!.assessment!.questions;
    const wrong = await json<Attempt>(await attempt(course.id, ownerView.modules[0]!.assessment!.id, wrongAnswers(qs), learner), 201);
    expect(wrong.feedback.every((f) => f.expected === undefined)).toBe(true);
    expect(JSON.stringify(wrong)).not.toContain("Epidermis");
  });

  it("completes a lesson once, however often it is marked", async () => {
    const course = await createCourse();
    const [first, second] = course.modules[0]!.lessons;
    const a = await json<{ lessonId: string; completedAt: string; alreadyCompleted: boolean; progress: Summary["progress"] }>(await complete(course.id, first!.id, learner), 201);
    expect(a).toMatchObject({ lessonId: first!.id, alreadyCompleted: false, progress: { completedLessons: 1, totalLessons: 2, passedAssessments: 0, pct: 33 } });
    const b = await json<typeof a>(await complete(course.id, first!.id, learner), 200);
    expect(b).toMatchObject({ alreadyCompleted: true, completedAt: a.completedAt, progress: { completedLessons: 1 } });
    expect(await d1Count("select count(*) n from lesson_completions where lesson_id = ? and user_id = ?", first!.id, learnerId)).toBe(1);
    expect((await complete(course.id, "les_nope", learner)).status).toBe(404);
    const view = await json<Course>(await get(`/api/v1/courses/${course.id}`, learner), 200);
    expect(view.progress).toMatchObject({ completedLessonIds: [first!.id], completedLessons: 1, totalLessons: 2 });
    expect(view.progress.completedLessonIds).not.toContain(second!.id);

    // One lesson.completed event, attributed to the community's creator.
    const events = await eventually(
      () => query<{ creator_id: string; props: Record<string, unknown> }>("select creator_id, props from events where type = 'community' and props->>'courseId' = $1 and props->>'kind' = 'lesson.completed'", [course.id]),
      (r) => r.length >= 1,
    );
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive by now
    expect(await query("select 1 from events where type = 'community' and props->>'courseId' = $1 and props->>'kind' = 'lesson.completed'", [course.id])).toHaveLength(1);
    expect(events[0]).toMatchObject({ creator_id: creatorId, props: { kind: "lesson.completed", courseId: course.id, lessonId: first!.id, userId: learnerId, communityId: expect.stringMatching(/^com_/) } });
  });

  it("scores all three kinds, applies the pass mark and reveals answers once passed", async () => {
    const course = await createCourse();
    const asm = course.modules[0]!.assessment!;
    const qs = asm.questions;
    const url = `/api/v1/courses/${course.id}/assessments/${asm.id}/attempts`;

    // Refused answers name the question and use no attempt.
    const missing = await attempt(course.id, asm.id, { [qs[0]!.id]: 1 }, learner);
    expect(missing.status).toBe(422);
    expect((await problem(missing)).errors!.map((e) => e.path)).toEqual([`body.answers.${qs[1]!.id}`, `body.answers.${qs[2]!.id}`, `body.answers.${qs[3]!.id}`]);
    const typed = await attempt(course.id, asm.id, { ...rightAnswers(qs), [qs[0]!.id]: "Lukewarm", [qs[1]!.id]: 1, extra: "x" }, learner);
    expect((await problem(typed)).errors!.map((e) => e.path)).toEqual(["body.answers.extra", `body.answers.${qs[0]!.id}`, `body.answers.${qs[1]!.id}`]);
    const shape = await postJson(url, { answers: { [qs[0]!.id]: true } }, { cookie: learner });
    expect((await problem(shape)).errors!.map((e) => e.path)).toEqual([`body.answers.${qs[0]!.id}`]);
    expect((await attempt(course.id, "asm_nope", rightAnswers(qs), learner)).status).toBe(404);

    // 2 of 4 right: 50% < 60%.
    const half = await json<Attempt>(await attempt(course.id, asm.id, { ...rightAnswers(qs), [qs[2]!.id]: "dermis", [qs[3]!.id]: "colours" }, learner), 201);
    expect(half).toMatchObject({ attempt: 1, scorePct: 50, passed: false, attemptsLeft: 2 });
    expect(half.feedback.map((f) => f.correct)).toEqual([true, true, false, false]);
    expect(half.feedback[0]).toEqual({ questionId: qs[0]!.id, correct: true, explanation: "Hot water strips the skin's oils." });

    // 3 of 4: 75% passes.
    const pass = await json<Attempt>(await attempt(course.id, asm.id, { ...rightAnswers(qs), [qs[1]!.id]: [0, 1, 2] }, learner), 201);
    expect(pass).toMatchObject({ attempt: 2, scorePct: 75, passed: true, attemptsLeft: 1 });
    expect(pass.feedback.map((f) => [f.correct, f.expected])).toEqual([
      [true, 1],
      [false, [0, 1]],
      [true, ["Epidermis"]],
      [true, undefined], // a pattern is never shown
    ]);

    // All right, with case, spaces and the pattern.
    const full = await json<Attempt>(await attempt(course.id, asm.id, rightAnswers(qs), learner), 201);
    expect(full).toMatchObject({ attempt: 3, scorePct: 100, passed: true, attemptsLeft: 0 });
    const view = await json<Course>(await get(`/api/v1/courses/${course.id}`, learner), 200);
    expect(view.progress.assessments).toEqual([{ assessmentId: asm.id, attemptsUsed: 3, attemptsLeft: 0, bestScorePct: 100, passed: true }]);
    expect(view.progress).toMatchObject({ passedAssessments: 1, totalAssessments: 1, pct: 33 });

    const events = await eventually(
      () => query<{ creator_id: string; props: Record<string, unknown> }>("select creator_id, props from events where type = 'community' and props->>'assessmentId' = $1 order by (props->>'scorePct')::int", [asm.id]),
      (r) => r.length >= 3,
    );
    expect(events.map((e) => [e.props.kind, e.props.scorePct, e.props.passed])).toEqual([
      ["assessment.submitted", 50, false],
      ["assessment.submitted", 75, true],
      ["assessment.submitted", 100, true],
    ]);
    expect(events[0]).toMatchObject({ creator_id: creatorId, props: { courseId: course.id, userId: learnerId } });
  });

  it("holds the attempt limit, also for two attempts sent at once for the last one", async () => {
    const doc = courseDoc();
    doc.modules[0]!.assessment.maxAttempts = 2;
    const course = await createCourse(doc);
    const asm = course.modules[0]!.assessment!;
    const wrong = wrongAnswers(asm.questions);

    const first = await json<Attempt>(await attempt(course.id, asm.id, wrong, racer), 201);
    expect(first).toMatchObject({ attempt: 1, attemptsLeft: 1 });
    const raced = await Promise.all([attempt(course.id, asm.id, wrong, racer), attempt(course.id, asm.id, wrong, racer)]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    const won = (await raced.find((r) => r.status === 201)!.json()) as Attempt;
    expect(won).toMatchObject({ attempt: 2, attemptsLeft: 0, passed: false });
    expect(won.feedback[0]!.expected).toBe(1); // out of attempts: the answers are shown
    const lost = await problem(raced.find((r) => r.status === 409)!);
    expect(lost.code).toBe("attempts_exhausted");
    const again = await attempt(course.id, asm.id, rightAnswers(asm.questions), racer);
    expect(again.status).toBe(409);
    expect((await problem(again)).code).toBe("attempts_exhausted");
    expect(await d1Count("select count(*) n from assessment_attempts where assessment_id = ?", asm.id)).toBe(2);

    // Racing below the limit: both are kept, as attempts 1 and 2.
    const roomy = await createCourse();
    const a2 = roomy.modules[0]!.assessment!;
    const both = await Promise.all([attempt(roomy.id, a2.id, wrongAnswers(a2.questions), racer), attempt(roomy.id, a2.id, wrongAnswers(a2.questions), racer)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect((await Promise.all(both.map(async (r) => ((await r.json()) as Attempt).attempt))).sort()).toEqual([1, 2]);
  });

  it("the attempt number is the lock: of two submissions that both counted before either saved, the limit holds", async () => {
    // Both submissions are held just before their insert until both have counted, so they
    // always collide on the attempt number (the HTTP race above may or may not interleave).
    const race = async (maxAttempts: number) => {
      const doc = courseDoc();
      doc.modules[0]!.assessment.maxAttempts = maxAttempts;
      const course = await createCourse(doc);
      const asm = course.modules[0]!.assessment!;
      const db = d1Client(env.DB);
      let arrived = 0;
      let release!: () => void;
      const bothCounted = new Promise<void>((r) => (release = r));
      const held = new Proxy(db, {
        get: (target, prop, receiver) =>
          // The attempt is saved in one batch with its outbox row: hold the batch.
          prop === "batch"
            ? (items: Parameters<D1Db["batch"]>[0]) => {
                if (++arrived === 2) release();
                return bothCounted.then(() => target.batch(items));
              }
            : Reflect.get(target, prop, receiver),
      });
      const deps = { db: held, now: () => Date.now(), log: jsonLogger({ test: "race" }), events: { sendBatch: async () => undefined }, defer: () => undefined } as unknown as LearningDeps;
      const actor = { kind: "user" as const, userId: racerId, email: "racer@test.example", sessionId: "ses_test" };
      const settled = await Promise.allSettled([0, 1].map(() => submitAttempt(deps, actor, course.id, asm.id, wrongAnswers(asm.questions))));
      const stored = await d1Count("select count(*) n from assessment_attempts where assessment_id = ?", asm.id);
      return { settled, stored };
    };

    const last = await race(1);
    expect(last.settled.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = (last.settled.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("attempts_exhausted");
    expect(last.stored).toBe(1);

    const roomy = await race(3);
    expect(roomy.settled.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(roomy.settled.map((r) => (r as PromiseFulfilledResult<{ attempt: number }>).value.attempt).sort()).toEqual([1, 2]);
    expect(roomy.stored).toBe(2);
  });

  it("a lesson completed and an attempt submitted while the events queue is down reach analytics after the next outbox drain, once", async () => {
    const course = await createCourse();
    const lesson = course.modules[0]!.lessons[0]!;
    const asm = course.modules[0]!.assessment!;
    const learningEvents = () => query<{ id: string; props: { kind: string } }>("select id, props from events where type = 'community' and props->>'courseId' = $1 order by props->>'kind'", [course.id]);
    const parked = async () => (await env.DB.prepare("select id, body from event_outbox where state = 'pending' and body like ?").bind(`%${course.id}%`).all<{ id: string; body: string }>()).results;
    const down = () => Promise.reject(new Error("queue unavailable"));
    const send = vi.spyOn(env.EVENTS, "send").mockImplementation(down);
    const sendBatch = vi.spyOn(env.EVENTS, "sendBatch").mockImplementation(down);
    let waiting: { id: string; body: string }[];
    try {
      await json(await complete(course.id, lesson.id, learner), 201);
      await json<Attempt>(await attempt(course.id, asm.id, wrongAnswers(asm.questions), learner), 201);
      // Both sends were tried (after the responses) and failed.
      await eventually(async () => sendBatch.mock.settledResults.filter((r) => r.type === "rejected").length + send.mock.settledResults.filter((r) => r.type === "rejected").length, (n) => n >= 2);
      waiting = await parked();
    } finally {
      send.mockRestore();
      sendBatch.mockRestore();
    }
    expect(waiting.map((r) => (JSON.parse(r.body) as { props: { kind: string } }).props.kind).sort()).toEqual(["assessment.submitted", "lesson.completed"]);
    expect(await learningEvents()).toEqual([]);

    await runScheduled();
    const arrived = await eventually(learningEvents, (r) => r.length === 2);
    expect(arrived.map((e) => e.props.kind)).toEqual(["assessment.submitted", "lesson.completed"]);
    // Each arrives with the id its producer gave it.
    expect(arrived.map((e) => e.id).sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(await parked()).toEqual([]);

    // Redelivery changes nothing: the same events again, and another drain with nothing left.
    const bodies = waiting.map((r) => JSON.parse(r.body) as unknown);
    expect((await deliver(bodies)).explicitAcks).toHaveLength(2);
    expect((await deliver(bodies)).explicitAcks).toHaveLength(2);
    await runScheduled();
    expect(await learningEvents()).toEqual(arrived);
  });

  it("keeps progress through edits that keep ids, and drops what was removed", async () => {
    const course = await createCourse();
    const [l1, l2] = course.modules[0]!.lessons;
    const asm = course.modules[0]!.assessment!;
    await json(await complete(course.id, l1!.id, learner), 201);
    await json(await complete(course.id, l2!.id, learner), 201);
    await json<Attempt>(await attempt(course.id, asm.id, rightAnswers(asm.questions), learner), 201);

    // The owner saves what they were given back with changes: renamed, reordered, a new module and lesson.
    const { title, summary, tierIds, status, modules } = await json<Course>(await get(`/api/v1/courses/${course.id}`, owner), 200);
    const edited = {
      title: `${title} (2nd edition)`,
      summary,
      tierIds,
      status,
      modules: [
        { title: "Welcome", summary: "", lessons: [{ title: "Start here", body: "<p>Hi</p>", videoUrl: "https://vimeo.com/76979871", downloads: [] }], assessment: null },
        { ...modules[0]!, title: "Cleansing, revised", lessons: [{ ...l2!, title: "How to cleanse, revised" }, l1!], assessment: { ...modules[0]!.assessment!, questions: modules[0]!.assessment!.questions.map((q) => ({ ...q, prompt: `${q.prompt} (revised)` })) } },
      ],
    };
    const saved = await json<Course>(await postJson(`/api/v1/courses/${course.id}`, edited, { cookie: owner }, "PUT"), 200);
    expect(saved.title).toBe("Skin basics (2nd edition)");
    expect(saved.modules[1]!.id).toBe(course.modules[0]!.id);
    expect(saved.modules[1]!.lessons.map((l) => l.id)).toEqual([l2!.id, l1!.id]);
    expect(saved.modules[0]!.lessons[0]!.id).toMatch(/^les_/);
    expect(saved.modules[1]!.assessment!.questions.map((q) => q.id)).toEqual(asm.questions.map((q) => q.id));

    let view = await json<Course>(await get(`/api/v1/courses/${course.id}`, learner), 200);
    expect(view.progress).toMatchObject({ completedLessons: 2, totalLessons: 3, passedAssessments: 1, totalAssessments: 1, pct: 75 });
    expect(view.progress.completedLessonIds.sort()).toEqual([l1!.id, l2!.id].sort());
    expect(view.progress.assessments[0]).toMatchObject({ assessmentId: asm.id, attemptsUsed: 1, passed: true });

    // A removed lesson no longer counts; its id cannot be brought back later (ids are the server's).
    const trimmed = { ...edited, modules: [saved.modules[0]!, { ...saved.modules[1]!, lessons: [saved.modules[1]!.lessons[0]!] }] };
    await json(await postJson(`/api/v1/courses/${course.id}`, trimmed, { cookie: owner }, "PUT"), 200);
    view = await json<Course>(await get(`/api/v1/courses/${course.id}`, learner), 200);
    expect(view.progress).toMatchObject({ completedLessonIds: [l2!.id], completedLessons: 1, totalLessons: 2 });
    const back = await postJson(`/api/v1/courses/${course.id}`, { ...edited, modules: [saved.modules[0]!, saved.modules[1]!] }, { cookie: owner }, "PUT");
    expect((await problem(back)).errors!.map((e) => e.path)).toEqual(["body.modules.1.lessons.1.id"]);
    // Sending the same id twice is refused too.
    const dup = await postJson(`/api/v1/courses/${course.id}`, { ...trimmed, modules: [saved.modules[0]!, saved.modules[0]!] }, { cookie: owner }, "PUT");
    expect((await problem(dup)).errors!.map((e) => e.path)).toEqual(["body.modules.1.id", "body.modules.1.lessons.0.id"]);

    // A new question (no id) alongside kept ones; the learner's earlier pass still stands.
    const withNew = { ...trimmed, modules: [trimmed.modules[0]!, { ...trimmed.modules[1]!, assessment: { ...saved.modules[1]!.assessment!, questions: [...saved.modules[1]!.assessment!.questions, { kind: "single", prompt: "New?", options: ["y", "n"], correct: 0 }] } }] };
    const grown = await json<Course>(await postJson(`/api/v1/courses/${course.id}`, withNew, { cookie: owner }, "PUT"), 200);
    expect(grown.modules[1]!.assessment!.questions.at(-1)!.id).toMatch(/^qst_/);
    view = await json<Course>(await get(`/api/v1/courses/${course.id}`, learner), 200);
    expect(view.progress.assessments[0]).toMatchObject({ passed: true, attemptsUsed: 1 });
  });

  it("deletes a course with everyone's progress", async () => {
    const course = await createCourse();
    await json(await complete(course.id, course.modules[0]!.lessons[0]!.id, learner), 201);
    const asm = course.modules[0]!.assessment!;
    await json(await attempt(course.id, asm.id, wrongAnswers(asm.questions), learner), 201);
    expect((await api(`/api/v1/courses/${course.id}`, { method: "DELETE", headers: { cookie: owner } })).status).toBe(204);
    expect((await get(`/api/v1/courses/${course.id}`, owner)).status).toBe(404);
    expect((await list(owner)).some((c) => c.id === course.id)).toBe(false);
    expect(await d1Count("select count(*) n from lesson_completions where course_id = ?", course.id)).toBe(0);
    expect(await d1Count("select count(*) n from assessment_attempts where course_id = ?", course.id)).toBe(0);
  });

  it("lists courses in the order they were added", async () => {
    const a = await createCourse(courseDoc({ title: "Part one" }));
    const b = await createCourse(courseDoc({ title: "Part two" }));
    const items = await list(learner);
    expect(items.slice(-2).map((c) => c.id)).toEqual([a.id, b.id]);
    const positions = items.map((c) => c.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("answers every write route's bad body like the rest of the API (bad JSON 400, unknown field 422) before looking anything up", async () => {
    for (const [method, path] of [
      ["POST", "/api/v1/communities/x_slug/courses"],
      ["PUT", "/api/v1/courses/x_courseId"],
      ["POST", "/api/v1/courses/x_courseId/assessments/x_assessmentId/attempts"],
    ] as const) {
      const broken = await api(path, { method, headers: { "content-type": "application/json", cookie: learner }, body: "{not json" });
      expect(broken.status, path).toBe(400);
      expect((await problem(broken)).errors?.[0]?.path).toBe("body");
      const extra = await postJson(path, { surprise: true }, { cookie: learner }, method);
      expect(extra.status, path).toBe(422);
      expect((await problem(extra)).errors).toContainEqual({ path: "body.surprise", message: "Unknown field" });
    }
  });

  it("puts the routes in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/communities/{slug}/courses"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/courses/{courseId}"] ?? {}).sort()).toEqual(["delete", "get", "put"]);
    expect(doc.paths["/api/v1/courses/{courseId}/lessons/{lessonId}/complete"]).toHaveProperty("post");
    expect(doc.paths["/api/v1/courses/{courseId}/assessments/{assessmentId}/attempts"]).toHaveProperty("post");
  });
});
