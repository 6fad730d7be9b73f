import { minorToInput, parseMoney } from "../../../workers/lib/money";
import type { ProductCard } from "../storefront/types";
import type { Field } from "./field-specs";

export interface PickerProduct extends ProductCard {
  brandId: string;
  categoryId: string | null;
}

interface Ctx {
  products: PickerProduct[];
  errors: Record<string, string>;
  path: string;
}

/** One block's props as a form, generated from its field specs. */
export function BlockFields({ fields, value, onChange, ctx, parent }: { fields: Field[]; value: Record<string, unknown>; onChange: (next: Record<string, unknown>) => void; ctx: Ctx; parent?: Record<string, unknown> }) {
  return (
    <div className="ed-fields">
      {fields.map((f) => (
        <FieldInput key={f.key} field={f} value={value[f.key]} all={{ ...parent, ...value }} onChange={(v) => onChange({ ...value, [f.key]: v })} ctx={{ ...ctx, path: `${ctx.path}.${f.key}` }} />
      ))}
    </div>
  );
}

function FieldInput({ field: f, value, all, onChange, ctx }: { field: Field; value: unknown; all: Record<string, unknown>; onChange: (v: unknown) => void; ctx: Ctx }) {
  const error = ctx.errors[ctx.path];
  const id = `f-${ctx.path.replace(/\W+/g, "-")}`;
  const wrap = (control: React.ReactNode, hint?: string) => (
    <div className={error ? "ed-field ed-field-error" : "ed-field"}>
      <label htmlFor={id}>{f.label}</label>
      {control}
      {hint && !error ? <p className="ed-hint">{hint}</p> : null}
      {error ? (
        <p className="ed-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
  switch (f.kind) {
    case "text":
    case "url":
    case "image":
      return wrap(<input id={id} type={f.kind === "text" ? "text" : "url"} value={String(value ?? "")} placeholder={f.placeholder} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)} />, f.hint);
    case "textarea":
      return wrap(<textarea id={id} rows={f.rows ?? 3} value={String(value ?? "")} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)} />, f.hint);
    case "select":
      return wrap(
        <select id={id} value={String(value ?? "")} onChange={(e) => onChange(typeof f.options[0]?.value === "number" ? Number(e.target.value) : e.target.value)}>
          {f.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>,
      );
    case "number":
      return wrap(<input id={id} type="number" inputMode="numeric" min={0} value={value == null ? "" : String(value)} onChange={(e) => onChange(e.target.value === "" ? null : Math.max(0, Math.round(Number(e.target.value))))} />);
    case "money":
      return wrap(<MoneyInput id={id} minor={value as number | null} currency={String(all[f.currencyKey] ?? "USD")} onChange={onChange} />);
    case "checkbox":
      return (
        <label className="ed-check">
          <input type="checkbox" checked={!!value} onChange={(e) => onChange(e.target.checked)} /> {f.label}
        </label>
      );
    case "product":
      return wrap(
        <select id={id} value={String(value ?? "")} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a product…</option>
          {ctx.products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} · {p.brandName}
            </option>
          ))}
        </select>,
        ctx.products.length ? undefined : "Join a brand's campaign in the marketplace to show its products.",
      );
    case "brand": {
      const brands = [...new Map(ctx.products.map((p) => [p.brandId, p.brandName])).entries()];
      return wrap(
        <select id={id} value={String(value ?? "")} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a brand…</option>
          {brands.map(([bid, name]) => (
            <option key={bid} value={bid}>
              {name}
            </option>
          ))}
        </select>,
      );
    }
    case "products":
      return <ProductPicker label={f.label} selected={(value as string[]) ?? []} onChange={onChange} products={ctx.products} error={error} />;
    case "list":
      return <ListField field={f} items={(value as Record<string, unknown>[]) ?? []} onChange={onChange} ctx={ctx} parent={all} />;
  }
}

function MoneyInput({ id, minor, currency, onChange }: { id: string; minor: number | null; currency: string; onChange: (v: number | null) => void }) {
  return (
    <input
      id={id}
      inputMode="decimal"
      defaultValue={minorToInput(minor, currency)}
      onBlur={(e) => {
        const raw = e.target.value.trim();
        onChange(raw === "" ? null : parseMoney(raw, currency));
      }}
    />
  );
}

function ProductPicker({ label, selected, onChange, products, error }: { label: string; selected: string[]; onChange: (v: string[]) => void; products: PickerProduct[]; error?: string }) {
  if (!products.length) {
    return (
      <div className="ed-field">
        <p className="ed-label">{label}</p>
        <p className="ed-hint">No products yet. Join a brand's campaign in the marketplace, and its catalog appears here.</p>
      </div>
    );
  }
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <fieldset className="ed-field">
      <legend className="ed-label">
        {label} <span className="ed-count">{selected.length} chosen</span>
      </legend>
      <div className="ed-products">
        {products.map((p) => (
          <label key={p.id} className={selected.includes(p.id) ? "ed-product ed-product-on" : "ed-product"}>
            <input type="checkbox" checked={selected.includes(p.id)} onChange={() => toggle(p.id)} />
            {p.image ? <img src={p.image.url} alt="" width={40} height={50} /> : <span className="ed-product-blank" aria-hidden="true" />}
            <span>
              <span className="ed-product-title">{p.title}</span>
              <span className="ed-hint">{p.brandName}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="ed-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function ListField({ field, items, onChange, ctx, parent }: { field: Extract<Field, { kind: "list" }>; items: Record<string, unknown>[]; onChange: (v: unknown) => void; ctx: Ctx; parent: Record<string, unknown> }) {
  const move = (i: number, by: number) => {
    const next = [...items];
    const [it] = next.splice(i, 1);
    next.splice(i + by, 0, it!);
    onChange(next);
  };
  return (
    <fieldset className="ed-field ed-list">
      <legend className="ed-label">{field.label}</legend>
      {items.map((item, i) => (
        <div key={i} className="ed-list-item">
          <div className="ed-list-tools">
            <span className="ed-hint">
              {field.itemLabel} {i + 1}
            </span>
            <button type="button" className="ed-icon" aria-label={`Move ${field.itemLabel} ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" className="ed-icon" aria-label={`Move ${field.itemLabel} ${i + 1} down`} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" className="ed-icon" aria-label={`Remove ${field.itemLabel} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
          <BlockFields fields={field.fields} value={item} parent={parent} onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))} ctx={{ ...ctx, path: `${ctx.path}.${i}` }} />
        </div>
      ))}
      <button type="button" className="btn btn-secondary btn-small" onClick={() => onChange([...items, { ...field.blank }])}>
        Add {field.itemLabel}
      </button>
    </fieldset>
  );
}
