import type { TrackedEvent } from "../events/envelope";
import { sendParked, type OutboxDeps } from "../events/event-outbox";
import { trackedEvent } from "../events/track";
import type { Deps } from "../lib/context";
import type { CommunityRow } from "./course-access";

/**
 * Deps for writes that report learning activity: the events queue, and `defer` to send the
 * event after the response (the request's waitUntil).
 */
export interface LearningDeps extends Deps, OutboxDeps {
  defer: (work: Promise<unknown>) => void;
}

export type LearningEvent =
  | { kind: "lesson.completed"; courseId: string; lessonId: string; userId: string }
  | { kind: "assessment.submitted"; courseId: string; assessmentId: string; userId: string; scorePct: number; passed: boolean };

/**
 * A learning event (analytics; never billed) in the one envelope. The caller parks it in the
 * D1 outbox in the same batch as the learner's write, then calls `sendLearning`.
 */
export function learningEvent(deps: Pick<Deps, "now">, community: CommunityRow, event: LearningEvent, id?: string): TrackedEvent {
  return trackedEvent({
    id,
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
}

/** Sends a parked learning event after the response; if the queue fails, the cron drain sends it. */
export function sendLearning(deps: LearningDeps, event: TrackedEvent) {
  deps.defer(sendParked(deps, [event]));
}
