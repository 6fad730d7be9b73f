import { useId, useState, type CSSProperties } from "react";
import { minorToInput, splitList, type Product } from "../../lib/catalog";
import { Button } from "../ui/button";
import { PlusIcon } from "./icons";

interface OptionRow {
  uid: string;
  name: string;
  values: string;
}
interface VariantRow {
  uid: string;
  sku: string;
  /** option uid → value */
  options: Record<string, string>;
  price: string;
  compareAt: string;
  inventory: string;
  weightGrams: string;
}

/** Fresh row ids for rows added in the browser (ids of the first render come from positions, so they hydrate). */
let seq = 0;
const uid = () => `n${++seq}`;

function initialState(product: Pick<Product, "options" | "variants" | "currency"> | null, currency: string) {
  const options: OptionRow[] = (product?.options ?? []).map((o, j) => ({ uid: `o${j}`, name: o.name, values: o.values.join(", ") }));
  const variants: VariantRow[] = (product?.variants.length ? product.variants : [null]).map((v, i) => ({
    uid: `v${i}`,
    sku: v?.sku ?? "",
    options: Object.fromEntries(options.map((o, j) => [o.uid, v?.options[j] ?? ""])),
    price: v ? minorToInput(v.priceMinor, currency) : "",
    compareAt: v ? minorToInput(v.compareAtMinor, currency) : "",
    inventory: v ? String(v.inventory) : "0",
    weightGrams: v ? String(v.weightGrams) : "0",
  }));
  return { options, variants };
}

const symbolOf = (currency: string) => {
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    return currency;
  }
};

/**
 * Options (Size, Colour…) and the variants that carry price, SKU and stock. Every input is a real
 * form field (`variant.N.price`…), so the server action reads exactly what is on screen.
 */
export function VariantsEditor({ product, currency, errors }: { product: Pick<Product, "options" | "variants" | "currency"> | null; currency: string; errors: Record<string, string> }) {
  const [state, setState] = useState(() => initialState(product, product?.currency ?? currency));
  const { options, variants } = state;
  const id = useId();
  const symbol = symbolOf(currency);
  const named = options.filter((o) => o.name.trim() || o.values.trim());
  const valuesOf = (o: OptionRow) => [...new Set(splitList(o.values))];
  const variantName = (v: VariantRow) => options.map((o) => v.options[o.uid]).filter(Boolean).join(" / ");

  const setOption = (u: string, patch: Partial<OptionRow>) => setState((s) => ({ ...s, options: s.options.map((o) => (o.uid === u ? { ...o, ...patch } : o)) }));
  const setVariant = (u: string, patch: Partial<VariantRow>) => setState((s) => ({ ...s, variants: s.variants.map((v) => (v.uid === u ? { ...v, ...patch } : v)) }));
  const addOption = () => setState((s) => ({ ...s, options: [...s.options, { uid: uid(), name: "", values: "" }] }));
  const removeOption = (u: string) => setState((s) => ({ options: s.options.filter((o) => o.uid !== u), variants: s.variants.map((v) => ({ ...v, options: Object.fromEntries(Object.entries(v.options).filter(([k]) => k !== u)) })) }));
  const addVariant = () =>
    setState((s) => ({ ...s, variants: [...s.variants, { uid: uid(), sku: "", options: {}, price: s.variants[0]?.price ?? "", compareAt: "", inventory: "0", weightGrams: s.variants[0]?.weightGrams ?? "0" }] }));
  const removeVariant = (u: string) => setState((s) => ({ ...s, variants: s.variants.filter((v) => v.uid !== u) }));

  /** One variant per combination of option values; rows that already exist keep their price, SKU and stock. */
  const generate = () =>
    setState((s) => {
      const opts = s.options.filter((o) => valuesOf(o).length);
      let combos: Record<string, string>[] = [{}];
      for (const o of opts) combos = combos.flatMap((c) => valuesOf(o).map((v) => ({ ...c, [o.uid]: v })));
      combos = combos.slice(0, 100);
      const first = s.variants[0];
      const variants = combos.map((combo) => {
        const same = s.variants.find((v) => opts.every((o) => v.options[o.uid] === combo[o.uid]));
        return same ? { ...same, options: combo } : { uid: uid(), sku: "", options: combo, price: first?.price ?? "", compareAt: first?.compareAt ?? "", inventory: "0", weightGrams: first?.weightGrams ?? "0" };
      });
      return { ...s, variants };
    });
  const combos = named.reduce((n, o) => n * Math.max(1, valuesOf(o).length), 1);

  return (
    <div className="stack variants-editor">
      <input type="hidden" name="optionCount" value={options.length} />
      <input type="hidden" name="variantCount" value={variants.length} />
      <div className="stack option-list">
        {options.map((o, i) => (
          <div className="option-row" key={o.uid}>
            <div className="field">
              <label htmlFor={`${id}-on-${o.uid}`}>Option {i + 1}</label>
              <input id={`${id}-on-${o.uid}`} className="input" name={`option.${i}.name`} value={o.name} placeholder={["Size", "Colour", "Material"][i]} maxLength={60} onChange={(e) => setOption(o.uid, { name: e.currentTarget.value })} aria-invalid={errors[`option.${i}.name`] ? true : undefined} />
              {errors[`option.${i}.name`] && <span className="error" role="alert">{errors[`option.${i}.name`]}</span>}
            </div>
            <div className="field">
              <label htmlFor={`${id}-ov-${o.uid}`}>Values</label>
              <input id={`${id}-ov-${o.uid}`} className="input" name={`option.${i}.values`} value={o.values} placeholder={["S, M, L", "Sand, Olive", "Linen, Cotton"][i]} onChange={(e) => setOption(o.uid, { values: e.currentTarget.value })} aria-invalid={errors[`option.${i}.values`] ? true : undefined} />
              {errors[`option.${i}.values`] && <span className="error" role="alert">{errors[`option.${i}.values`]}</span>}
            </div>
            <button type="button" className="icon-btn option-remove" aria-label={`Remove option ${o.name || i + 1}`} title="Remove option" onClick={() => removeOption(o.uid)}>
              ×
            </button>
          </div>
        ))}
        {errors.options && <p className="error small" role="alert">{errors.options}</p>}
        <div className="row">
          {options.length < 3 && (
            <Button type="button" variant="secondary" size="small" onClick={addOption}>
              <PlusIcon /> {options.length ? "Add another option" : "Add options like size or colour"}
            </Button>
          )}
          {named.length > 0 && (
            <Button type="button" variant="ghost" size="small" onClick={generate} title="Keeps the prices, SKUs and stock of rows that already exist">
              Make {Math.min(combos, 100)} variant{combos === 1 ? "" : "s"} from the options
            </Button>
          )}
        </div>
      </div>

      <div className="variant-table" role="group" aria-label="Variants" style={{ "--variant-cols": `${"minmax(5rem, 1fr) ".repeat(options.length)}minmax(7rem, 1.4fr) 7.5rem 7.5rem 5rem 2.75rem`, "--variant-min": `${options.length * 5.5 + 34.25}rem` } as CSSProperties}>
        <div className="variant-head" aria-hidden="true">
          {options.map((o, i) => (
            <span key={o.uid}>{o.name || `Option ${i + 1}`}</span>
          ))}
          <span>SKU</span>
          <span>Price</span>
          <span>Compare at</span>
          <span>Inventory</span>
          <span />
        </div>
        {variants.map((v, n) => {
          const p = `variant.${n}`;
          const context = variantName(v) || (variants.length > 1 ? `variant ${n + 1}` : "");
          const cell = (field: string, label: string, input: JSX.Element) => (
            <div className={`variant-cell variant-${field}`}>
              <label htmlFor={`${id}-${v.uid}-${field}`}>
                {label}
                {context && <span className="visually-hidden"> · {context}</span>}
              </label>
              {input}
              {errors[`${p}.${field}`] && <span className="error" role="alert">{errors[`${p}.${field}`]}</span>}
            </div>
          );
          return (
            <div className="variant-row" key={v.uid}>
              <div className="variant-title">
                <strong className="small">{variantName(v) || `Variant ${n + 1}`}</strong>
                {variants.length > 1 && (
                  <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove ${context || "this variant"}`} onClick={() => removeVariant(v.uid)}>
                    Remove
                  </button>
                )}
              </div>
              {errors[`${p}.options`] && <p className="error small variant-row-error" role="alert">{errors[`${p}.options`]}</p>}
              {options.map((o, j) => (
                <div className="variant-cell variant-option" key={o.uid}>
                  <label htmlFor={`${id}-${v.uid}-o${j}`}>{o.name || `Option ${j + 1}`}</label>
                  <select id={`${id}-${v.uid}-o${j}`} className="input" name={`${p}.option.${j}`} value={v.options[o.uid] ?? ""} onChange={(e) => setVariant(v.uid, { options: { ...v.options, [o.uid]: e.currentTarget.value } })}>
                    <option value="">—</option>
                    {valuesOf(o).map((val) => (
                      <option key={val} value={val}>{val}</option>
                    ))}
                    {v.options[o.uid] && !valuesOf(o).includes(v.options[o.uid]!) && <option value={v.options[o.uid]}>{v.options[o.uid]} (not listed)</option>}
                  </select>
                </div>
              ))}
              {cell("sku", "SKU", <input id={`${id}-${v.uid}-sku`} className="input" name={`${p}.sku`} value={v.sku} maxLength={64} autoComplete="off" spellCheck={false} onChange={(e) => setVariant(v.uid, { sku: e.currentTarget.value })} aria-invalid={errors[`${p}.sku`] ? true : undefined} />)}
              {cell(
                "price",
                "Price",
                <div className="input-money">
                  <span aria-hidden="true">{symbol}</span>
                  <input id={`${id}-${v.uid}-price`} className="input" name={`${p}.price`} value={v.price} inputMode="decimal" autoComplete="off" placeholder="0.00" onChange={(e) => setVariant(v.uid, { price: e.currentTarget.value })} aria-invalid={errors[`${p}.price`] ? true : undefined} />
                </div>,
              )}
              {cell(
                "compareAt",
                "Compare at",
                <div className="input-money">
                  <span aria-hidden="true">{symbol}</span>
                  <input id={`${id}-${v.uid}-compareAt`} className="input" name={`${p}.compareAt`} value={v.compareAt} inputMode="decimal" autoComplete="off" onChange={(e) => setVariant(v.uid, { compareAt: e.currentTarget.value })} aria-invalid={errors[`${p}.compareAt`] ? true : undefined} />
                </div>,
              )}
              {cell("inventory", "Inventory", <input id={`${id}-${v.uid}-inventory`} className="input" name={`${p}.inventory`} value={v.inventory} inputMode="numeric" autoComplete="off" onChange={(e) => setVariant(v.uid, { inventory: e.currentTarget.value })} aria-invalid={errors[`${p}.inventory`] ? true : undefined} />)}
              <input type="hidden" name={`${p}.weightGrams`} value={v.weightGrams} />
              <div className="variant-cell variant-remove">
                <button type="button" className="icon-btn" aria-label={`Remove ${context || "this variant"}`} title="Remove variant" disabled={variants.length === 1} onClick={() => removeVariant(v.uid)}>
                  ×
                </button>
              </div>
            </div>
          );
        })}
      </div>
      {errors.variants && <p className="error small" role="alert">{errors.variants}</p>}
      <div>
        <Button type="button" variant="secondary" size="small" onClick={addVariant} disabled={variants.length >= 100}>
          <PlusIcon /> Add a variant
        </Button>
      </div>
    </div>
  );
}
