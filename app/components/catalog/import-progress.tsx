import type { ImportJob } from "../../lib/catalog";

const n = (v: number) => v.toLocaleString("en-GB");

/** Where an import is: waiting, checking rows (a count; the total is not known yet), saving (x of y), done or failed. */
export function importPhase(job: ImportJob): { label: string; detail: string; share: number | null; tone: "busy" | "done" | "failed" } {
  if (job.status === "queued") return { label: "Waiting to start", detail: "The file is uploaded; the import starts in a moment.", share: null, tone: "busy" };
  if (job.status === "failed") {
    // The API speaks to developers ("skipInvalid=true"); here the switch has a name.
    const detail = (job.failure ?? "Nothing was imported.").replace(/import with skipInvalid=true/, "import again with “Skip invalid rows” on");
    return { label: job.dryRun ? "The file has problems" : "Import failed", detail, share: 1, tone: "failed" };
  }
  if (job.status === "completed") {
    const what = job.dryRun ? `Checked ${n(job.rows)} row${job.rows === 1 ? "" : "s"}; nothing was saved` : `Imported ${n(job.rows - job.skipped)} of ${n(job.rows)} row${job.rows === 1 ? "" : "s"}`;
    return { label: job.dryRun ? "Dry run complete" : "Import complete", detail: what, share: 1, tone: "done" };
  }
  if (job.processed === 0) {
    // The first pass validates every row before anything is written; the total is not known until it ends.
    const problems = job.errorCount ? ` · ${n(job.errorCount)} problem${job.errorCount === 1 ? "" : "s"} so far` : "";
    return { label: "Checking rows", detail: job.rows ? `${n(job.rows)} rows checked${problems}…` : "Reading the file…", share: null, tone: "busy" };
  }
  const share = job.rows ? Math.min(1, job.processed / job.rows) : 0;
  return { label: "Saving products", detail: `${n(job.processed)} of ${n(job.rows)} rows saved`, share, tone: "busy" };
}

export function ImportProgress({ job }: { job: ImportJob }) {
  const phase = importPhase(job);
  const percent = phase.share === null ? undefined : Math.floor(phase.share * 100);
  return (
    <div className="import-progress" data-tone={phase.tone}>
      <div className="spread">
        <strong>{phase.label}</strong>
        {percent !== undefined && phase.tone === "busy" && <span className="small muted num">{percent} %</span>}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={phase.detail}
        data-indeterminate={phase.share === null ? "true" : undefined}
      >
        <span style={phase.share === null ? undefined : { width: `${(phase.share * 100).toFixed(1)}%` }} />
      </div>
      <p className="small import-detail" aria-live="polite">{phase.detail}</p>
    </div>
  );
}
