import { and, eq, lte, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { assessmentsOf, lessonIds, type CourseContent } from "../courses/course-document";
import { assessmentAttempts, communityDrops, communityMembers, courses, lessonCompletions } from "../db/d1/schema";
import { events } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { requireOwner } from "./manage-community";

const DAY = 86_400_000;
const WINDOW_DAYS = 30;

/** A course's current steps: every lesson and every assessment (progress on steps since removed does not count). */
const stepIds = (content: CourseContent) => new Set([...lessonIds(content), ...assessmentsOf(content).map((a) => a.id)]);
const ratio = (n: number, d: number) => (d > 0 ? Math.min(1, n / d) : null);

/**
 * The owner's numbers: members, who was active in the last 30 days (any room or course event),
 * posts, poll participation, drop sell-through and course completion, with a daily series.
 * Activity comes from the same events table as storefront and campaign analytics.
 */
export async function communityAnalytics(deps: Deps, slug: string, ownerUserId: string) {
  const c = await requireOwner(deps, slug, ownerUserId);
  const now = deps.now();
  const since = new Date(now - WINDOW_DAYS * DAY);
  const pg = await deps.pg();
  const inCommunity = and(eq(events.type, "community"), sql`${events.props}->>'communityId' = ${c.id}`);

  const [memberRow, kinds, activeRow, daily, polls, drops, courseRows] = await Promise.all([
    deps.db
      .select({ total: sql<number>`count(*)`, fresh: sql<number>`sum(case when ${communityMembers.createdAt} >= ${now - WINDOW_DAYS * DAY} then 1 else 0 end)` })
      .from(communityMembers)
      .where(and(eq(communityMembers.communityId, c.id), eq(communityMembers.status, "active")))
      .get(),
    pg
      .select({ kind: sql<string>`${events.props}->>'kind'`, n: sql<number>`count(*)::int`, active: sql<number>`count(distinct ${events.props}->>'userId')::int` })
      .from(events)
      .where(and(inCommunity, sql`${events.at} >= ${since}`))
      .groupBy(sql`1`),
    pg
      .select({ active: sql<number>`count(distinct ${events.props}->>'userId')::int` })
      .from(events)
      .where(and(inCommunity, sql`${events.at} >= ${since}`)),
    pg
      .select({
        day: sql<string>`to_char(date_trunc('day', ${events.at} at time zone 'UTC'), 'YYYY-MM-DD')`,
        active: sql<number>`count(distinct ${events.props}->>'userId')::int`,
        posts: sql<number>`(count(*) filter (where ${events.props}->>'kind' = 'post.created'))::int`,
      })
      .from(events)
      .where(and(inCommunity, sql`${events.at} >= ${since}`))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    pg
      .select({ polls: sql<number>`(count(*) filter (where ${events.props}->>'kind' = 'poll.created'))::int`, votes: sql<number>`(count(*) filter (where ${events.props}->>'kind' = 'poll.voted'))::int` })
      .from(events)
      .where(inCommunity),
    deps.db
      .select({ quantity: sql<number>`coalesce(sum(${communityDrops.quantity}), 0)`, claimed: sql<number>`coalesce(sum(${communityDrops.claimed}), 0)`, n: sql<number>`count(*)` })
      .from(communityDrops)
      .where(and(eq(communityDrops.communityId, c.id), lte(communityDrops.releaseAt, now)))
      .get(),
    deps.db.select({ id: courses.id, title: courses.title, content: courses.content }).from(courses).where(and(eq(courses.communityId, c.id), eq(courses.status, "published"))),
  ]);

  // A member has completed a course when every lesson is done and every assessment passed.
  const ids = courseRows.map((r) => r.id);
  const [completions, passes] = ids.length
    ? await Promise.all([
        deps.db.select({ courseId: lessonCompletions.courseId, userId: lessonCompletions.userId, stepId: lessonCompletions.lessonId }).from(lessonCompletions).where(inList(lessonCompletions.courseId, ids)),
        deps.db
          .selectDistinct({ courseId: assessmentAttempts.courseId, userId: assessmentAttempts.userId, stepId: assessmentAttempts.assessmentId })
          .from(assessmentAttempts)
          .where(and(inList(assessmentAttempts.courseId, ids), eq(assessmentAttempts.passed, true))),
      ])
    : [[], []];
  const attempted = ids.length ? await deps.db.selectDistinct({ courseId: assessmentAttempts.courseId, userId: assessmentAttempts.userId }).from(assessmentAttempts).where(inList(assessmentAttempts.courseId, ids)) : [];
  const courseStats = courseRows.map((r) => {
    const content = r.content as CourseContent;
    const steps = stepIds(content);
    const done = new Map<string, number>();
    for (const x of [...completions, ...passes]) if (x.courseId === r.id && steps.has(x.stepId)) done.set(x.userId, (done.get(x.userId) ?? 0) + 1);
    const started = new Set([...done.keys(), ...attempted.filter((a) => a.courseId === r.id).map((a) => a.userId)]);
    const completed = [...done.values()].filter((n) => steps.size > 0 && n >= steps.size).length;
    return { id: r.id, title: r.title, lessons: lessonIds(content).length, started: started.size, completed, completionRate: ratio(completed, started.size) };
  });
  const members = Number(memberRow?.total ?? 0);
  const kind = (k: string) => kinds.find((x) => x.kind === k)?.n ?? 0;
  const pollRow = polls[0] ?? { polls: 0, votes: 0 };
  const started = courseStats.reduce((n, s) => n + s.started, 0);
  const completed = courseStats.reduce((n, s) => n + s.completed, 0);

  return {
    windowDays: WINDOW_DAYS,
    members,
    newMembers: Number(memberRow?.fresh ?? 0),
    activeMembers: activeRow[0]?.active ?? 0,
    posts: kind("post.created"),
    lessonsCompleted: kind("lesson.completed"),
    assessmentsSubmitted: kind("assessment.submitted"),
    polls: { count: pollRow.polls, voters: pollRow.votes, participation: ratio(pollRow.votes, pollRow.polls * members) },
    drops: { count: Number(drops?.n ?? 0), quantity: Number(drops?.quantity ?? 0), claimed: Number(drops?.claimed ?? 0), sellThrough: ratio(Number(drops?.claimed ?? 0), Number(drops?.quantity ?? 0)) },
    courses: { started, completed, completionRate: ratio(completed, started), items: courseStats },
    daily,
  };
}
