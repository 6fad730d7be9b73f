import { AppError } from "../lib/errors";

export type CollaborationStatus = "invited" | "applied" | "accepted" | "declined" | "removed";
export type CollaborationAction = "invite" | "apply" | "accept" | "decline" | "remove";

/** The only moves a collaboration can make; anything else is refused. */
const NEXT: Record<CollaborationAction, { from: (CollaborationStatus | null)[]; to: CollaborationStatus }> = {
  invite: { from: [null], to: "invited" },
  apply: { from: [null], to: "applied" },
  accept: { from: [null, "invited", "applied"], to: "accepted" },
  decline: { from: ["invited", "applied"], to: "declined" },
  remove: { from: ["invited", "applied", "accepted"], to: "removed" },
};

export function transition(current: CollaborationStatus | null, action: CollaborationAction): CollaborationStatus {
  const rule = NEXT[action];
  if (!rule.from.includes(current)) throw new AppError("conflict", `Cannot ${action} a collaboration that is ${current ?? "not started"}.`);
  return rule.to;
}
