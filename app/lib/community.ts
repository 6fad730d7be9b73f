/** Who a room is for, in words: "every member", or "for Inner circle, VIP". */
export function roomAudience(room: { tierIds: string[] }, tiers: { id: string; name: string }[]): string {
  return room.tierIds.length ? `for ${room.tierIds.map((t) => tiers.find((x) => x.id === t)?.name ?? "a tier").join(", ")}` : "every member";
}
