import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { UploadIcon } from "../components/catalog/icons";
import { ImportList } from "../components/catalog/import-list";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Select } from "../components/ui/field";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { CURRENCIES, currencyFor, type ImportJob } from "../lib/catalog";
import { catalogPath, problemErrors } from "../lib/catalog.server";
import { apiUpload } from "../lib/upload.server";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Import · Catalog · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const [jobs, categories] = await Promise.all([
    api<{ items: ImportJob[] }>(context, request, catalogPath(brand.id, "/imports")),
    api<{ items: unknown[] }>(context, request, catalogPath(brand.id, "/categories")),
  ]);
  return {
    jobs: jobs.ok ? jobs.data.items : [],
    hasCategories: categories.ok && categories.data.items.length > 0,
    currency: currencyFor(brand.country),
    canManage: brand.role !== "member",
  };
}

export async function action({ request, context }: ActionFunctionArgs): Promise<Response | { errors: { file?: string; currency?: string } }> {
  const { brand } = await requireBrand(context, request);
  const form = await readForm(request);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { errors: { file: "Choose the CSV file to import" } };
  const format = form.get("format") === "tandem" ? "tandem" : "shopify";
  const query = { format, currency: String(form.get("currency") ?? "USD"), dryRun: form.get("dryRun") === "on", skipInvalid: form.get("skipInvalid") === "on" };
  const res = await apiUpload<ImportJob>(context, request, catalogPath(brand.id, "/imports", query), file, "text/csv");
  if (!res.ok) {
    const fields = problemErrors(res.problem);
    const missing = Object.entries(fields).filter(([k]) => k.startsWith("columns.")).map(([, m]) => m);
    return { errors: { file: missing.length ? `${res.problem.detail} ${missing.join("; ")}.` : res.problem.detail, ...(fields.currency ? { currency: fields.currency } : {}) } };
  }
  return redirect(`/brand/catalog/import/${res.data.id}`);
}

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const FORMATS = [
  { value: "shopify", label: "Shopify export", blurb: "In Shopify: Products → Export → CSV. One row per variant; the Type column names the category." },
  { value: "tandem", label: "Tandem template", blurb: "Our columns, with attr.<key> columns for category attributes." },
] as const;

export default function CatalogImport() {
  const { jobs, hasCategories, currency, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: { file?: string; currency?: string } } | undefined;
  const nav = useNavigation();
  const uploading = nav.state === "submitting" && nav.formMethod?.toUpperCase() === "POST";
  const [format, setFormat] = useState<string>("shopify");
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const [dryRun, setDryRun] = useState(false);
  // The app's own request limit; the API itself takes up to 200 MB (send bigger files to it directly).
  const tooBig = file && file.size > MAX_UPLOAD_BYTES ? `${file.name} is ${(file.size / 1048576).toFixed(0)} MB; files up to 100 MB can be uploaded here.` : null;
  // A refusal is about the file that was sent: choosing another one clears it.
  const [seen, setSeen] = useState<unknown>(null);
  const e = { ...(result && result !== seen ? (result.errors ?? {}) : {}), ...(tooBig ? { file: tooBig } : {}) };

  return (
    <>
      <div className="page-head">
        <h1>Import products</h1>
        <p>Bring your catalog in from a Shopify export or our template. New products are added, existing ones (same handle or SKU) are updated; importing the same file twice changes nothing.</p>
      </div>
      <div className="import-layout">
        {canManage ? (
          <Card className="import-card">
            <Form method="post" encType="multipart/form-data" className="stack" noValidate>
              <fieldset className="stack">
                <legend className="import-legend">1. Where is the file from?</legend>
                <div className="choice-grid">
                  {FORMATS.map((f) => (
                    <label key={f.value} className="choice">
                      <input type="radio" name="format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
                      <span className="card">
                        <strong>{f.label}</strong>
                        <span className="muted small">{f.blurb}</span>
                      </span>
                    </label>
                  ))}
                </div>
                <p className="small">
                  <a href="/api/v1/catalog/imports/template.csv" download>Download the Tandem template</a> <span className="muted">(with example rows)</span>
                </p>
                {!hasCategories && (
                  <div className="alert alert-info">
                    A product whose category (Shopify’s <em>Type</em>) is not one of yours is not imported. <a href="/brand/catalog">Create your categories</a> first, or leave that column empty.
                  </div>
                )}
              </fieldset>
              <fieldset className="stack">
                <legend className="import-legend">2. Options</legend>
                <div className="import-options">
                  <Select label="Prices in the file are in" name="currency" options={CURRENCIES.map((c) => ({ value: c, label: c }))} defaultValue={currency} error={e.currency} />
                </div>
                <label className="toggle">
                  <input type="checkbox" name="dryRun" checked={dryRun} onChange={(ev) => setDryRun(ev.currentTarget.checked)} />
                  <span className="toggle-track" aria-hidden="true" />
                  <span>
                    <strong>Dry run</strong>
                    <span className="small muted">Check every row and report problems; save nothing.</span>
                  </span>
                </label>
                <label className="toggle">
                  <input type="checkbox" name="skipInvalid" />
                  <span className="toggle-track" aria-hidden="true" />
                  <span>
                    <strong>Skip invalid rows</strong>
                    <span className="small muted">Import the good rows and list the rest. Off: one bad row stops the whole import, so nothing half-arrives.</span>
                  </span>
                </label>
              </fieldset>
              <fieldset className="stack">
                <legend className="import-legend">3. The file</legend>
                <div className="dropzone" data-filled={file ? "true" : undefined} data-invalid={e.file ? "true" : undefined}>
                  <span className="dropzone-icon" aria-hidden="true"><UploadIcon /></span>
                  <span className="dropzone-text">
                    {file ? (
                      <>
                        <strong>{file.name}</strong>
                        <span className="small muted">{file.size < 1024 * 1024 ? `${Math.max(1, Math.round(file.size / 1024))} KB` : `${(file.size / 1048576).toFixed(1)} MB`} · choose another to replace it</span>
                      </>
                    ) : (
                      <>
                        <strong>Choose a CSV file</strong>
                        <span className="small muted">or drop it here · up to 100 MB</span>
                      </>
                    )}
                  </span>
                  <input
                    type="file"
                    name="file"
                    accept=".csv,text/csv"
                    aria-label="CSV file"
                    aria-invalid={e.file ? true : undefined}
                    aria-describedby={e.file ? "file-error" : undefined}
                    onChange={(ev) => {
                      const f = ev.currentTarget.files?.[0];
                      setFile(f ? { name: f.name, size: f.size } : null);
                      setSeen(result);
                    }}
                  />
                </div>
                {e.file && <p id="file-error" className="error small" role="alert">{e.file}</p>}
              </fieldset>
              <div className="import-submit">
                <Button type="submit" disabled={uploading || Boolean(tooBig)}>{uploading ? "Uploading…" : dryRun ? "Check the file" : "Start import"}</Button>
              </div>
            </Form>
          </Card>
        ) : (
          <Card>
            <p className="muted">Only owners and admins of your brand can import products.</p>
          </Card>
        )}
        <Card className="import-recent">
          <h2>Recent imports</h2>
          <ImportList jobs={jobs} />
        </Card>
      </div>
    </>
  );
}
