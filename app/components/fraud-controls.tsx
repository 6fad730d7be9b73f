import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button } from "./ui/button";
import { Card } from "./ui/card";
import { REASON } from "../lib/fraud-reasons";

export interface FraudReport {
  threshold: number;
  days: number;
  clicks: number;
  invalid: number;
  reasons: { reason: string; clicks: number }[];
  byLink: { linkId: string; creatorId: string | null; handle: string | null; clicks: number; invalid: number; topReasons: string[] }[];
}


/** Flagged traffic and the campaign's sensitivity, with a what-if preview before saving. */
const DEDUP_CHOICES = [
  { seconds: 600, label: "10 minutes" },
  { seconds: 1_800, label: "30 minutes" },
  { seconds: 3_600, label: "1 hour (recommended)" },
  { seconds: 21_600, label: "6 hours" },
  { seconds: 86_400, label: "24 hours" },
];

export function FraudControls({ report, campaignId, canManage, dedupSeconds }: { report: FraudReport; campaignId: string; canManage: boolean; dedupSeconds: number }) {
  const [threshold, setThreshold] = useState(report.threshold);
  const preview = useFetcher<{ current: { invalid: number }; proposed: { invalid: number; threshold: number }; clicks: number; newlyInvalid: number; newlyValid: number }>();
  useEffect(() => {
    if (threshold === report.threshold) return;
    const t = setTimeout(() => preview.load(`/brand/campaigns/${campaignId}/fraud-preview?threshold=${threshold}`), 200);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [threshold]);
  const share = report.clicks ? (report.invalid / report.clicks) * 100 : 0;
  return (
    <Card>
      <div className="spread"><h2>Fraud controls</h2><span className="muted small">Last {report.days} days · <a href={`/brand/campaigns/${campaignId}/export.csv?table=flagged`} download>Download CSV</a></span></div>
      <p className="small">{report.invalid.toLocaleString("en")} of {report.clicks.toLocaleString("en")} clicks flagged ({share.toFixed(1)} %). Flagged clicks are kept for audit and never billed.</p>
      {report.reasons.length > 0 && (
        <ul className="list small">
          {report.reasons.map((r) => (
            <li key={r.reason}><span>{REASON[r.reason] ?? r.reason}</span><strong>{r.clicks.toLocaleString("en")}</strong></li>
          ))}
        </ul>
      )}
      {report.byLink.some((l) => l.invalid > 0) && (
        <div className="table-wrap" style={{ marginTop: "var(--space-3)" }}>
          <table className="data">
            <thead><tr><th>Creator</th><th className="num">Clicks</th><th className="num">Flagged</th><th>Top reasons</th></tr></thead>
            <tbody>
              {report.byLink.filter((l) => l.invalid > 0).map((l) => (
                <tr key={l.linkId}><td>{l.handle ? `@${l.handle}` : "—"}</td><td className="num">{l.clicks}</td><td className="num">{l.invalid}</td><td>{l.topReasons.map((r) => REASON[r] ?? r).join(", ")}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <Form method="post" className="stack" style={{ marginTop: "var(--space-4)", gap: "var(--space-2)" }}>
          <input type="hidden" name="intent" value="threshold" />
          <label className="field">
            <span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>Sensitivity: flag clicks scoring {threshold.toFixed(2)} or more</span>
            <input type="range" name="threshold" min={0.2} max={0.95} step={0.05} value={threshold} onChange={(e) => setThreshold(Number(e.currentTarget.value))} aria-describedby="whatif" />
            <span className="hint small">Lower catches more; higher lets more through.</span>
          </label>
          <p id="whatif" className="small" role="status" aria-live="polite">
            {threshold === report.threshold
              ? "This is the current setting."
              : preview.data && "proposed" in preview.data
                ? `At ${preview.data.proposed.threshold.toFixed(2)}, ${preview.data.proposed.invalid} of ${preview.data.clicks} clicks in the last ${report.days} days would have been flagged (${preview.data.newlyInvalid} more, ${preview.data.newlyValid} fewer than now).`
                : "Replaying the last week…"}
          </p>
          <div><Button type="submit" variant="secondary" disabled={threshold === report.threshold}>Save sensitivity</Button></div>
        </Form>
      )}
      {canManage && (
        <Form method="post" className="row" style={{ marginTop: "var(--space-4)", alignItems: "flex-end" }}>
          <input type="hidden" name="intent" value="dedup" />
          <label className="field" style={{ flex: "1 1 16rem" }}>
            <span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>Repeat clicks</span>
            <select name="clickDedupSeconds" defaultValue={String(dedupSeconds)} className="input">
              {[...DEDUP_CHOICES, ...(DEDUP_CHOICES.some((c) => c.seconds === dedupSeconds) ? [] : [{ seconds: dedupSeconds, label: `${Math.round(dedupSeconds / 60)} minutes` }])].map((c) => (
                <option key={c.seconds} value={c.seconds}>{c.label}</option>
              ))}
            </select>
            <span className="hint small">One visitor's clicks on one link within this time are billed once; the repeats show as duplicates.</span>
          </label>
          <Button type="submit" variant="secondary">Save</Button>
        </Form>
      )}
    </Card>
  );
}
