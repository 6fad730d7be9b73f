/** Schedules are entered as wall-clock times in the brand's zone and stored as instants. */
export const TIME_ZONES = ["UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Dubai", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"];

/** Offset of `zone` from UTC at instant `ms`, in minutes (e.g. +60 for Paris in winter). */
function offsetMinutes(ms: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - ms) / 60_000);
}

/** "2026-12-01T09:00" in Europe/Paris → the ISO instant (handles DST by re-checking the offset). */
export function zonedToUtc(local: string, zone: string): string {
  const naive = Date.parse(`${local}:00Z`);
  let ms = naive - offsetMinutes(naive, zone) * 60_000;
  ms = naive - offsetMinutes(ms, zone) * 60_000;
  return new Date(ms).toISOString();
}

/** The instant shown as a datetime-local value in `zone`. */
export function utcToZoned(iso: string | null, zone: string): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  return new Date(ms + offsetMinutes(ms, zone) * 60_000).toISOString().slice(0, 16);
}
