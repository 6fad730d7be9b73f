import { ratePer } from "./baseline";
import type { LinkState } from "./score-click";
import { fingerprintCounts, size, subnetAddresses, type ClickWindow } from "./window";

/**
 * What one shard of a hot link tells the others (ADR 016). A hot link's clicks are spread over
 * shards by visitor, so each visitor's history is whole on one shard, and the link's *shares*
 * (composition, a fingerprint's share, rate against baseline) are the same on every shard in
 * expectation. Only counts that cross visitors need merging: clicks in the last minute and ten,
 * distinct visitors per fingerprint, distinct addresses per subnet, and the expected rate. Each
 * shard sends its summary (the heaviest keys only) and adds the others' to its own counts.
 */
export interface ShardSummary {
  at: number;
  n1: number;
  n10: number;
  expected1m: number;
  fp1: Record<string, number>;
  fp10: Record<string, number>;
  subnets: Record<string, number>;
  lastSecond: number;
  visitorsLastHour: number;
}

const TOP = 200;
/** Peers' summaries older than this are ignored (the shard that sent them has gone quiet). */
export const SUMMARY_TTL_MS = 10_000;

export const emptySummary = (at = 0): ShardSummary => ({ at, n1: 0, n10: 0, expected1m: 0, fp1: {}, fp10: {}, subnets: {}, lastSecond: 0, visitorsLastHour: 0 });

function top(entries: [string, number][]): Record<string, number> {
  return Object.fromEntries(entries.filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).slice(0, TOP));
}

const visitorsByFp = (w: ClickWindow) => top([...w.byFp.keys()].map((fp) => [fp, fingerprintCounts(w, fp).visitors]));

export function summarize(state: LinkState, now: number): ShardSummary {
  let lastSecond = 0;
  const m = state.minute;
  for (let i = m.entries.length - 1; i >= m.head && m.entries[i]!.ts > now - 1_000; i--) lastSecond++;
  let visitors = 0;
  for (const times of state.visitors.values()) if (times[times.length - 1]! > now - 3_600_000) visitors++;
  return {
    at: now,
    n1: size(state.minute),
    n10: size(state.tenMinutes),
    expected1m: ratePer(state.baseline, now, 60_000),
    fp1: visitorsByFp(state.minute),
    fp10: visitorsByFp(state.tenMinutes),
    subnets: top([...state.tenMinutes.bySubnet.keys()].map((s) => [s, subnetAddresses(state.tenMinutes, s)])),
    lastSecond,
    visitorsLastHour: visitors,
  };
}

export function mergeSummaries(list: ShardSummary[], at: number): ShardSummary {
  const out = emptySummary(at);
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const k in from) into[k] = (into[k] ?? 0) + from[k]!;
  };
  for (const s of list) {
    out.n1 += s.n1;
    out.n10 += s.n10;
    out.expected1m += s.expected1m;
    out.lastSecond += s.lastSecond;
    out.visitorsLastHour += s.visitorsLastHour;
    add(out.fp1, s.fp1);
    add(out.fp10, s.fp10);
    add(out.subnets, s.subnets);
  }
  return out;
}
