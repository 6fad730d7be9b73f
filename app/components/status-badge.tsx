const STYLE: Record<string, string> = { active: "badge-verified", paused: "badge-unverified", draft: "badge-neutral", ended: "badge-neutral" };

export function StatusBadge({ status, reason }: { status: string; reason?: string | null }) {
  const label =
    status === "paused" && reason === "budget"
      ? "Paused · budget spent"
      : status === "paused" && reason === "velocity"
        ? "Paused · spend spike"
        : status[0]!.toUpperCase() + status.slice(1);
  return <span className={`badge ${STYLE[status] ?? "badge-neutral"}`}>{label}</span>;
}
