import { EventEnvelope, type TrackedEvent } from "../../workers/events/envelope";
import { newId } from "../../workers/lib/ids";

/** Who a room belongs to, handed to the object by the gateway with every connection and call. */
export interface RoomContext {
  roomId: string;
  communityId: string;
  communitySlug: string;
  /** The owning creator (activity and drop sales are attributed to them); null for a brand's community. */
  creatorId: string | null;
}

export type RoomEventKind = "post.created" | "post.deleted" | "poll.created" | "poll.voted" | "drop.claimed";

/**
 * A room event in the one envelope every tracked event travels in (type `community`). The room
 * writes it to its outbox in the same step as the change it describes, so none is lost.
 */
export function roomEvent(ctx: RoomContext, kind: RoomEventKind, userId: string, at: number, props: Record<string, unknown>): TrackedEvent {
  return EventEnvelope.parse({
    id: newId("event"),
    type: "community",
    at,
    brandId: null,
    campaignId: null,
    linkId: null,
    creatorId: ctx.creatorId,
    clickId: null,
    visitorHash: null,
    utm: {},
    props: { kind, communityId: ctx.communityId, roomId: ctx.roomId, userId, ...props },
  });
}
