import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { newId } from "../lib/ids";
import { EventEnvelope, type TrackedEvent } from "./envelope";

/**
 * The one way a producer outside the redirect path records an event: give it an id and a time,
 * check it against the envelope, and put it on the events queue (consumed idempotently by id).
 */
export async function track(queue: Queue, event: Omit<TrackedEvent, "id" | "at"> & { at?: number }): Promise<TrackedEvent> {
  const e = EventEnvelope.parse({ ...event, id: newId("event"), at: event.at ?? Date.now() });
  await queue.send(e);
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
