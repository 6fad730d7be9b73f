import { Link } from "@remix-run/react";
import { dateTime, type ImportJob } from "../../lib/catalog";

const STATUS: Record<ImportJob["status"], { label: string; badge: string }> = {
  queued: { label: "Waiting", badge: "badge-neutral" },
  running: { label: "Running", badge: "badge-running" },
  completed: { label: "Completed", badge: "badge-verified" },
  failed: { label: "Failed", badge: "badge-failed" },
};

export function ImportStatusBadge({ job }: { job: Pick<ImportJob, "status" | "dryRun"> }) {
  const s = STATUS[job.status];
  return <span className={`badge ${s.badge}`}>{job.dryRun && job.status === "completed" ? "Checked" : s.label}</span>;
}

/** The brand's last imports, newest first, each linking to its progress and errors. */
export function ImportList({ jobs }: { jobs: ImportJob[] }) {
  if (!jobs.length) return <p className="muted small">No imports yet. They appear here with their results.</p>;
  return (
    <ul className="import-list">
      {jobs.map((j) => (
        <li key={j.id}>
          <Link to={`/brand/catalog/import/${j.id}`} className="import-row">
            <span className="import-row-main">
              <strong>{j.format === "shopify" ? "Shopify export" : "Tandem CSV"}{j.dryRun ? " · dry run" : ""}</strong>
              <span className="small muted">{dateTime(j.createdAt)} UTC</span>
            </span>
            <span className="small import-row-counts">
              {j.status === "completed" || j.status === "failed" ? (
                <>
                  {j.rows} rows
                  {!j.dryRun && <> · {j.created} new · {j.updated} updated</>}
                  {j.skipped > 0 && <> · {j.skipped} skipped</>}
                  {j.errorCount > 0 && <span className="import-row-errors"> · {j.errorCount} error{j.errorCount === 1 ? "" : "s"}</span>}
                </>
              ) : (
                <span className="muted">In progress…</span>
              )}
            </span>
            <ImportStatusBadge job={j} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
