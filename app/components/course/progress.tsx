import type { ProgressSummary } from "../../lib/course";

/** A course's progress: a bar and what it counts (lessons done, assessments passed). */
export function CourseProgress({ progress, compact }: { progress: ProgressSummary; compact?: boolean }) {
  const parts = [`${progress.completedLessons} of ${progress.totalLessons} lesson${progress.totalLessons === 1 ? "" : "s"}`];
  if (progress.totalAssessments) parts.push(`${progress.passedAssessments} of ${progress.totalAssessments} assessment${progress.totalAssessments === 1 ? "" : "s"} passed`);
  return (
    <div className={compact ? "course-progress course-progress-compact" : "course-progress"}>
      <div className="course-progress-head">
        <span className="course-progress-pct" data-testid="course-pct">{progress.pct} %</span>
        <span className="muted small">{parts.join(" · ")}</span>
      </div>
      <div className="meter" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress.pct} aria-label="Course progress">
        <span style={{ width: `${progress.pct}%` }} />
      </div>
    </div>
  );
}
