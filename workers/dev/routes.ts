import { desc } from "drizzle-orm";
import { Hono } from "hono";
import { devOutbox } from "../db/d1/schema";
import type { AppEnv } from "../lib/context";

/** Development-only routes; `workers/app.ts` mounts them only outside production. */
export const devRoutes = new Hono<AppEnv>();

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

devRoutes.get("/outbox", async (c) => {
  const rows = await c.var.deps.db.select().from(devOutbox).orderBy(desc(devOutbox.at), desc(devOutbox.id)).limit(100);
  const mail = rows.map((r) => ({ to: r.to, subject: r.subject, text: r.text, at: new Date(r.at).toISOString() }));
  if ((c.req.header("accept") ?? "").includes("application/json")) return c.json(mail);
  const items = rows
    .map(
      (r) =>
        `<article><header><strong>${escape(r.subject)}</strong><span>to ${escape(r.to)} · ${new Date(r.at).toLocaleString("en-GB")}</span></header><pre>${escape(r.text)}</pre></article>`,
    )
    .join("");
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Dev outbox · Tandem</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#f6f5f2;color:#14130f;margin:0;padding:24px}main{max-width:720px;margin:auto}
h1{font-size:22px}article{background:#fff;border-radius:12px;padding:16px 20px;margin:12px 0;box-shadow:0 1px 2px #0001}
header{display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between}span{color:#6b6a64;font-size:13px}pre{white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace}</style></head>
<body><main><h1>Development outbox</h1><p>Mail the app would have sent. Newest first.</p>${items || "<p><em>No mail yet. Request a sign-in code to see one here.</em></p>"}</main></body></html>`);
});
