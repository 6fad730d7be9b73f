import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { ImportProgress } from "../components/catalog/import-progress";
import { ImportStatusBadge } from "../components/catalog/import-list";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { dateTime, type ImportJob } from "../lib/catalog";
import { catalogPath } from "../lib/catalog.server";
import { usePoll } from "../lib/use-poll";

export const meta: MetaFunction = () => [{ title: "Import · Catalog · Tandem" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const res = await api<ImportJob>(context, request, catalogPath(brand.id, `/imports/${encodeURIComponent(params.importId!)}`));
  if (!res.ok) throw new Response("Not found", { status: 404 });
  return { job: res.data };
}

export default function ImportJobPage() {
  const { job } = useLoaderData<typeof loader>();
  const finished = job.status === "completed" || job.status === "failed";
  usePoll(!finished, 700);
  const kpis = [
    { label: "Rows", value: job.rows, sub: finished ? "in the file" : "read so far" },
    { label: job.dryRun ? "Would add" : "New", value: job.created, sub: "products, variants, images" },
    { label: job.dryRun ? "Would update" : "Updated", value: job.updated, sub: "already in your catalog" },
    { label: "Skipped", value: job.skipped, sub: "rows left out" },
    { label: "Errors", value: job.errorCount, sub: job.errorCount ? "see below" : "none" },
  ];
  const imported = job.status === "completed" && !job.dryRun && job.created + job.updated > 0;
  return (
    <>
      <p className="small crumbs"><Link to="/brand/catalog/import">← Import</Link></p>
      <div className="page-head spread">
        <div>
          <h1>{job.format === "shopify" ? "Shopify import" : "Tandem CSV import"}</h1>
          <p className="row" style={{ gap: "var(--space-2)" }}>
            <ImportStatusBadge job={job} />
            <span>
              Started {dateTime(job.createdAt)} UTC{job.dryRun ? " · dry run" : ""}{job.skipInvalid ? " · skipping invalid rows" : ""}
            </span>
          </p>
        </div>
        {finished && (
          <div className="row">
            <Button variant={imported ? "secondary" : "primary"} to="/brand/catalog/import">{job.dryRun ? "Import for real" : "New import"}</Button>
            {imported && <Button to="/brand/catalog/products">View products</Button>}
          </div>
        )}
      </div>
      <div className="stack" style={{ gap: "var(--space-4)" }}>
        <Card>
          <ImportProgress job={job} />
          {job.status === "completed" && job.dryRun && (
            <div className="alert alert-info" style={{ marginTop: "var(--space-3)" }}>
              {job.errorCount ? "Fix the rows below, then import the file again." : "The file is ready. Choose it again with “Dry run” off to import it."}
            </div>
          )}
        </Card>
        <div className="kpis" aria-live="off">
          {kpis.map((k) => (
            <div className="kpi" key={k.label} data-kpi={k.label}>
              <div className="label">{k.label}</div>
              <div className="value">{k.value.toLocaleString("en-GB")}</div>
              <div className="sub">{k.sub}</div>
            </div>
          ))}
        </div>
        {job.errors.length > 0 && (
          <Card>
            <div className="spread">
              <h2>Problems</h2>
              {job.errorCount > job.errors.length && <span className="small muted">The first {job.errors.length.toLocaleString("en-GB")} of {job.errorCount.toLocaleString("en-GB")}</span>}
            </div>
            <p className="muted small">Lines are the file’s own line numbers (the header is line 1), so you can find each row in a spreadsheet.</p>
            <div className="table-wrap">
              <table className="data import-errors">
                <thead>
                  <tr>
                    <th className="num" scope="col">Line</th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {job.errors.map((err, i) => (
                    <tr key={`${err.line}-${err.column}-${i}`}>
                      <td className="num">{err.line}</td>
                      <td><code>{err.column === "*" ? "whole row" : err.column}</code></td>
                      <td className="import-error-message">{err.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
