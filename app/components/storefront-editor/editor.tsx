import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { StorefrontDoc as DocSchema, defaultBlock, type BlockType } from "../../../workers/storefronts/blocks";
import type { EditorResult, MyStorefront } from "../../lib/storefront-editor.server";
import { StorefrontView } from "../storefront/storefront-view";
import type { Block, StorefrontData, StorefrontDoc } from "../storefront/types";
import { BlockFields, type PickerProduct } from "./block-fields";
import { BlockList } from "./block-list";
import { BLOCK_LABELS, FIELDS } from "./field-specs";
import { ThemePanel } from "./theme-panel";

type SaveState = "saved" | "dirty" | "saving" | "invalid" | "error" | "conflict";

/** Client-side check with the same zod schema the gateway uses: errors keyed "blocks.<i>.props.<field>…". */
function validate(doc: StorefrontDoc): Record<string, string> {
  const r = DocSchema.safeParse(doc);
  const out: Record<string, string> = {};
  if (!r.success) for (const i of r.error.issues) out[i.path.join(".")] ??= i.message;
  return out;
}

/**
 * The visual editor: blocks on the left (add, remove, reorder by drag or arrows, edit props),
 * theme tokens, and a live preview that renders the very component the edge renders. The draft
 * saves itself shortly after each change; publishing makes it the live version.
 */
export function StorefrontEditor({ storefront, products, displayName }: { storefront: MyStorefront; products: PickerProduct[]; displayName: string }) {
  const [doc, setDoc] = useState<StorefrontDoc>(storefront.draft);
  const [revision, setRevision] = useState(storefront.draftRevision);
  const [selected, setSelected] = useState<string | null>(storefront.draft.blocks[0]?.id ?? null);
  const [tab, setTab] = useState<"block" | "theme" | "page">("block");
  const [device, setDevice] = useState<"phone" | "desktop">("phone");
  const [state, setState] = useState<SaveState>("saved");
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const save = useFetcher<EditorResult>();
  const publish = useFetcher<EditorResult>();
  const first = useRef(true);
  // Whether the draft differs from what is live: set by every edit, cleared by a publish.
  const [unpublished, setUnpublished] = useState(storefront.hasUnpublishedChanges);

  const clientErrors = useMemo(() => validate(doc), [doc]);
  const errors = { ...serverErrors, ...clientErrors };
  const errorsByBlock = new Set(Object.keys(errors).filter((k) => k.startsWith("blocks.")).map((k) => doc.blocks[Number(k.split(".")[1])]?.id).filter((x): x is string => !!x));

  // Autosave: shortly after the last change, when the document is valid.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (Object.keys(clientErrors).length) {
      setState("invalid");
      return;
    }
    setState("dirty");
    setUnpublished(true);
    const t = setTimeout(() => {
      setState("saving");
      save.submit({ intent: "save", doc, revision } as never, { method: "post", encType: "application/json" });
    }, 700);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);

  useEffect(() => {
    const r = save.data;
    if (!r || save.state !== "idle") return;
    if (r.ok) {
      setRevision(r.storefront.draftRevision);
      setServerErrors({});
      setState((s) => (s === "saving" ? "saved" : s));
    } else {
      setState(r.problem.status === 409 ? "conflict" : "error");
      setMessage(r.problem.detail);
      setServerErrors(Object.fromEntries((r.problem.errors ?? []).map((e) => [e.path.replace(/^body\.doc\./, ""), e.message])));
    }
  }, [save.data, save.state]);

  const live = publish.data?.ok ? publish.data.storefront : storefront;
  useEffect(() => {
    if (publish.data && !publish.data.ok) setMessage(publish.data.problem.detail);
    if (publish.data?.ok) {
      setMessage(null);
      setUnpublished(publish.data.intent === "unpublish");
    }
  }, [publish.data]);

  const update = (next: StorefrontDoc) => setDoc(next);
  const updateBlock = (id: string, props: Record<string, unknown>) => update({ ...doc, blocks: doc.blocks.map((b) => (b.id === id ? ({ ...b, props } as Block) : b)) });
  const move = (from: number, to: number) => {
    if (to < 0 || to >= doc.blocks.length) return;
    const blocks = [...doc.blocks];
    const [b] = blocks.splice(from, 1);
    blocks.splice(to, 0, b!);
    update({ ...doc, blocks });
  };
  const add = (type: BlockType) => {
    const seed: Record<string, unknown> = type === "productGrid" ? { productIds: products.slice(0, 4).map((p) => p.id) } : type === "featuredProduct" ? { productId: products[0]?.id ?? "" } : type === "collection" ? { brandId: products[0]?.brandId ?? "" } : {};
    const b = defaultBlock(type, seed);
    const at = selected ? doc.blocks.findIndex((x) => x.id === selected) + 1 : doc.blocks.length;
    const blocks = [...doc.blocks];
    blocks.splice(at, 0, b);
    update({ ...doc, blocks });
    setSelected(b.id);
    setTab("block");
  };
  const remove = (id: string) => {
    update({ ...doc, blocks: doc.blocks.filter((b) => b.id !== id) });
    if (selected === id) setSelected(null);
  };

  const data: StorefrontData = useMemo(() => {
    const byId = Object.fromEntries(products.map((p) => [p.id, p]));
    const collections: StorefrontData["collections"] = {};
    for (const b of doc.blocks) {
      if (b.type === "collection") collections[b.id] = products.filter((p) => p.brandId === b.props.brandId && (!b.props.categoryId || p.categoryId === b.props.categoryId)).slice(0, b.props.limit);
    }
    return { handle: storefront.handle, displayName, products: byId, collections, resizeImages: false };
  }, [products, doc.blocks, storefront.handle, displayName]);

  const current = doc.blocks.findIndex((b) => b.id === selected);
  const block = current >= 0 ? doc.blocks[current]! : null;
  const publishing = publish.state !== "idle";
  const canPublish = state === "saved" && !publishing && Object.keys(clientErrors).length === 0 && (unpublished || !live.live);

  return (
    <div className="ed">
      <div className="ed-bar">
        <div className="ed-status" role="status" aria-live="polite">
          <span className={`ed-dot ed-dot-${state}`} aria-hidden="true" />
          {STATUS[state]}
          {live.live ? (
            <span className="ed-live">
              {" "}
              · Live: version {live.publishedVersion}
              {unpublished ? " · draft has unpublished changes" : ""}
            </span>
          ) : (
            <span className="ed-live"> · Not published yet</span>
          )}
        </div>
        <div className="ed-actions">
          {live.live ? (
            <a className="btn btn-ghost btn-small" href={`/@${storefront.handle}?v=${live.publishedVersion}`} target="_blank" rel="noreferrer">
              View live ↗
            </a>
          ) : null}
          {live.live ? (
            <button type="button" className="btn btn-ghost btn-small" disabled={publishing} onClick={() => publish.submit({ intent: "unpublish" } as never, { method: "post", encType: "application/json" })}>
              Unpublish
            </button>
          ) : null}
          <button type="button" className="btn btn-small" disabled={!canPublish} onClick={() => publish.submit({ intent: "publish" } as never, { method: "post", encType: "application/json" })}>
            {publishing ? "Publishing…" : "Publish"}
          </button>
        </div>
      </div>
      {message ? (
        <div className="alert alert-error" role="alert">
          {message}
          {state === "conflict" ? (
            <>
              {" "}
              <a href="/studio/storefront">Reload the latest draft</a>
            </>
          ) : null}
        </div>
      ) : null}
      {publish.data?.ok && publish.data.intent === "publish" ? (
        <div className="alert alert-success" role="status">
          Published version {publish.data.storefront.publishedVersion}.{" "}
          <a href={`/@${storefront.handle}?v=${publish.data.storefront.publishedVersion}`} target="_blank" rel="noreferrer">
            Open /@{storefront.handle}
          </a>
        </div>
      ) : null}

      <div className="ed-layout">
        <aside className="ed-side" aria-label="Editor">
          <div className="ed-tabs" role="tablist">
            {(["block", "theme", "page"] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? "ed-tab ed-tab-on" : "ed-tab"} onClick={() => setTab(t)}>
                {t === "block" ? "Blocks" : t === "theme" ? "Theme" : "Page"}
              </button>
            ))}
          </div>
          {tab === "block" ? (
            <>
              <BlockList blocks={doc.blocks} selected={selected} errorsByBlock={errorsByBlock} onSelect={setSelected} onMove={move} onRemove={remove} onAdd={add} />
              {block ? (
                <section className="ed-panel" aria-label={`Edit ${BLOCK_LABELS[block.type].name}`}>
                  <h2 className="ed-panel-title">{BLOCK_LABELS[block.type].name}</h2>
                  <BlockFields fields={FIELDS[block.type]} value={block.props as Record<string, unknown>} onChange={(props) => updateBlock(block.id, props)} ctx={{ products, errors, path: `blocks.${current}.props` }} />
                </section>
              ) : null}
            </>
          ) : tab === "theme" ? (
            <section className="ed-panel">
              <ThemePanel theme={doc.theme} onChange={(theme) => update({ ...doc, theme })} />
            </section>
          ) : (
            <section className="ed-panel ed-fields">
              <div className={errors.title ? "ed-field ed-field-error" : "ed-field"}>
                <label htmlFor="page-title">Page title (search results and link previews)</label>
                <input id="page-title" value={doc.title} maxLength={70} onChange={(e) => update({ ...doc, title: e.target.value })} />
                {errors.title ? <p className="ed-error">{errors.title}</p> : null}
              </div>
              <div className="ed-field">
                <label htmlFor="page-description">Description</label>
                <textarea id="page-description" rows={3} value={doc.description} maxLength={200} onChange={(e) => update({ ...doc, description: e.target.value })} />
                <p className="ed-hint">{doc.description.length}/200</p>
              </div>
            </section>
          )}
        </aside>

        <section className="ed-preview-wrap" aria-label="Live preview">
          <div className="ed-preview-bar">
            <span className="ed-hint">Preview: exactly what visitors see</span>
            <div className="ed-segmented" role="radiogroup" aria-label="Preview size">
              {(["phone", "desktop"] as const).map((d) => (
                <label key={d} className={device === d ? "ed-seg ed-seg-on" : "ed-seg"}>
                  <input type="radio" name="device" checked={device === d} onChange={() => setDevice(d)} />
                  {d === "phone" ? "Phone" : "Desktop"}
                </label>
              ))}
            </div>
          </div>
          <div
            className={`ed-preview ed-preview-${device}`}
            data-testid="storefront-preview"
            onClickCapture={(e) => {
              // Links inside the preview would leave the editor.
              if ((e.target as HTMLElement).closest("a, button[type=submit]")) e.preventDefault();
            }}
          >
            <StorefrontView doc={doc} data={data} />
          </div>
        </section>
      </div>
    </div>
  );
}

const STATUS: Record<SaveState, string> = {
  saved: "All changes saved",
  dirty: "Unsaved changes…",
  saving: "Saving…",
  invalid: "Fix the highlighted fields to save",
  error: "Not saved",
  conflict: "Changed elsewhere",
};
