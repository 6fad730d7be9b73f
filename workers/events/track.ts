import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { newId } from "../lib/ids";
import { EventEnvelope, type TrackedEvent } from "./envelope";
import { publishEvents, type OutboxDeps } from "./event-outbox";

export type EventInput = Omit<TrackedEvent, "id" | "at"> & { at?: number; id?: string };

/** An event ready to send: its producer-made id (new unless given) and time, checked against the envelope. */
export function trackedEvent(event: EventInput): TrackedEvent {
  return EventEnvelope.parse({ ...event, id: event.id ?? newId("event"), at: event.at ?? Date.now() });
}

/** The same event id for the same key, so a fact recorded twice is one event to the consumer. */
export function eventIdFor(key: string): string {
  const n = BigInt(`0x${bytesToHex(sha256(utf8ToBytes(key))).slice(0, 32)}`);
  return `evt_${n.toString(36).padStart(26, "0").slice(-26)}`;
}

/**
 * The one way a producer with no D1 write of its own records an event: give it an id and a
 * time, check it against the envelope, and send it to the events queue, parked in the D1
 * outbox if the send fails (consumed idempotently by id).
 */
export async function track(deps: OutboxDeps, event: EventInput): Promise<TrackedEvent> {
  const e = trackedEvent(event);
  await publishEvents(deps, [e]);
  return e;
}

const daySalts = new Map<string, string>();

/** A visitor as a salted hash of address and browser; the salt changes every UTC day and raw IPs are never kept. */
export function dailyVisitor(secret: string, ip: string, ua: string, ts = Date.now()): string {
  const day = String(Math.floor(ts / 86_400_000));
  let salt = daySalts.get(day);
  if (!salt) {
    daySalts.clear();
    salt = bytesToHex(sha256(utf8ToBytes(`${secret}:${day}`)));
    daySalts.set(day, salt);
  }
  return bytesToHex(sha256(utf8ToBytes(`${salt}|${ip}|${ua}`))).slice(0, 24);
}
