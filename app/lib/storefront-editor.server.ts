import type { AppLoadContext } from "@remix-run/cloudflare";
import type { StorefrontDoc } from "../components/storefront/types";
import type { PickerProduct } from "../components/storefront-editor/block-fields";
import { api, type Problem } from "./api.server";
import { BOOKMARK_COOKIE } from "./storefront.server";

export interface MyStorefront {
  id: string;
  handle: string;
  template: string;
  draft: StorefrontDoc;
  draftRevision: number;
  publishedVersion: number | null;
  publishedAt: number | null;
  live: boolean;
  hasUnpublishedChanges: boolean;
  bookmark?: string | null;
}
export interface Version {
  version: number;
  note: string;
  publishedAt: number;
  live: boolean;
}
export interface Message {
  id: string;
  kind: string;
  name: string;
  email: string;
  message: string;
  preferredTime: string;
  createdAt: string;
}
export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  theme: Record<string, string>;
}

type Picked = Omit<PickerProduct, "image"> & { image: { url: string; width: number | null; height: number | null; alt: string } | null };

/** Everything the editor shows, in parallel. */
export async function loadEditor(context: AppLoadContext, request: Request) {
  const [mine, templates, products, versions, messages] = await Promise.all([
    api<{ storefront: MyStorefront | null }>(context, request, "/api/v1/storefronts/mine"),
    api<{ items: TemplateInfo[] }>(context, request, "/api/v1/storefronts/templates"),
    api<{ items: Picked[] }>(context, request, "/api/v1/storefronts/mine/products"),
    api<{ items: Version[] }>(context, request, "/api/v1/storefronts/mine/versions"),
    api<{ items: Message[] }>(context, request, "/api/v1/storefronts/mine/messages"),
  ]);
  if (!mine.ok) throw new Response(mine.problem.detail, { status: mine.problem.status });
  return {
    storefront: mine.data.storefront,
    templates: templates.ok ? templates.data.items : [],
    products: products.ok ? products.data.items : [],
    versions: versions.ok ? versions.data.items : [],
    messages: messages.ok ? messages.data.items : [],
  };
}

export type EditorAction =
  | { intent: "start"; template: string; replace?: boolean }
  | { intent: "save"; doc: StorefrontDoc; revision: number }
  | { intent: "publish"; note?: string }
  | { intent: "unpublish" }
  | { intent: "rollback"; version: number };

export type EditorResult = { ok: true; intent: string; storefront: MyStorefront } | { ok: false; intent: string; problem: Problem };

/** Runs one editor action against the gateway; publishes leave the D1 bookmark cookie so the live page shows the new version at once. */
export async function runEditorAction(context: AppLoadContext, request: Request, a: EditorAction): Promise<{ result: EditorResult; headers: Headers }> {
  const call = (path: string, method: string, body?: unknown) => api<MyStorefront>(context, request, path, { method, body });
  const res =
    a.intent === "start"
      ? await call("/api/v1/storefronts/mine", "POST", { template: a.template, replace: !!a.replace })
      : a.intent === "save"
        ? await call("/api/v1/storefronts/mine/draft", "PUT", { doc: a.doc, revision: a.revision })
        : a.intent === "publish"
          ? await call("/api/v1/storefronts/mine/publish", "POST", { note: a.note ?? "" })
          : a.intent === "unpublish"
            ? await call("/api/v1/storefronts/mine/unpublish", "POST", {})
            : await call("/api/v1/storefronts/mine/rollback", "POST", { version: a.version });
  const headers = new Headers();
  if (res.ok && res.data.bookmark) headers.append("set-cookie", `${BOOKMARK_COOKIE}=${encodeURIComponent(res.data.bookmark)}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax${new URL(request.url).protocol === "https:" ? "; Secure" : ""}`);
  return { result: res.ok ? { ok: true, intent: a.intent, storefront: res.data } : { ok: false, intent: a.intent, problem: res.problem }, headers };
}
