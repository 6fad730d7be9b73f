import { track } from "../events/track";
import type { Deps } from "../lib/context";
import type { CommunityRow } from "./course-access";

/** Deps for writes that report learning activity: the events queue as well. */
export interface LearningDeps extends Deps {
  events: Queue;
}

export type LearningEvent =
  | { kind: "lesson.completed"; courseId: string; lessonId: string; userId: string }
  | { kind: "assessment.submitted"; courseId: string; assessmentId: string; userId: string; scorePct: number; passed: boolean };

/**
 * Puts a learning event on the events queue (analytics; never billed). The learner's write has
 * already happened, so a queue failure is logged, not thrown.
 */
export async function trackLearning(deps: LearningDeps, community: CommunityRow, event: LearningEvent) {
  try {
    await track(deps.events, {
      type: "community",
      at: deps.now(),
      brandId: null,
      campaignId: null,
      linkId: null,
      clickId: null,
      visitorHash: null,
      utm: {},
      creatorId: community.ownerKind === "creator" ? community.ownerId : null,
      props: { ...event, communityId: community.id },
    });
  } catch (e) {
    deps.log.error("learning event not tracked", { kind: event.kind, courseId: event.courseId, error: String(e) });
  }
}
