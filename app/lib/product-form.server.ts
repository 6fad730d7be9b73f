import { splitList, type Attribute, type AttributeValue } from "./catalog";
import { parseMoney } from "./money";

const WHOLE = /^\d+$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Turns the product editor's form into the API's body. Prices are parsed as decimal strings into
 * integer minor units (never through floats); attribute values are typed by their definitions.
 * Anything unreadable is reported under the form's own field names.
 */
export function productBodyFromForm(f: FormData, defs: Attribute[]) {
  const str = (k: string) => String(f.get(k) ?? "").trim();
  const errors: Record<string, string> = {};
  const currency = str("currency") || "USD";

  const options: { name: string; values: string[] }[] = [];
  const optionCount = Math.min(3, Number(str("optionCount")) || 0);
  const kept: number[] = [];
  for (let i = 0; i < optionCount; i++) {
    const name = str(`option.${i}.name`);
    const values = [...new Set(splitList(str(`option.${i}.values`)))];
    if (!name && !values.length) continue;
    if (!name) errors[`option.${i}.name`] = "Name this option, e.g. Size";
    if (!values.length) errors[`option.${i}.values`] = "List its values, e.g. S, M, L";
    options.push({ name, values });
    kept.push(i);
  }

  const variants: Record<string, unknown>[] = [];
  const variantCount = Math.min(100, Number(str("variantCount")) || 0);
  for (let i = 0; i < variantCount; i++) {
    const p = `variant.${i}`;
    const price = str(`${p}.price`);
    const priceMinor = parseMoney(price, currency);
    if (!price) errors[`${p}.price`] = "Enter a price";
    else if (priceMinor === null) errors[`${p}.price`] = "Enter an amount like 12.50";
    const compare = str(`${p}.compareAt`);
    const compareAtMinor = compare ? parseMoney(compare, currency) : null;
    if (compare && compareAtMinor === null) errors[`${p}.compareAt`] = "Enter an amount like 15.00";
    const inventory = str(`${p}.inventory`) || "0";
    if (!WHOLE.test(inventory)) errors[`${p}.inventory`] = "A whole number, 0 or more";
    const weight = str(`${p}.weightGrams`) || "0";
    variants.push({
      sku: str(`${p}.sku`) || null,
      options: kept.map((j) => str(`${p}.option.${j}`)),
      priceMinor: priceMinor ?? 0,
      compareAtMinor,
      inventory: WHOLE.test(inventory) ? Number(inventory) : 0,
      weightGrams: WHOLE.test(weight) ? Number(weight) : 0,
    });
  }

  const attributes: Record<string, AttributeValue> = {};
  for (const d of defs) {
    const name = `attr.${d.key}`;
    const raw = str(name);
    if (d.type === "unit") {
      if (!raw) continue;
      if (!NUMBER.test(raw)) errors[name] = "Enter a number, e.g. 12.5";
      else attributes[d.key] = { value: Number(raw), unit: str(`${name}.unit`) || d.options[0] || "" };
    } else if (d.type === "number") {
      if (!raw) continue;
      if (!NUMBER.test(raw)) errors[name] = "Enter a number, e.g. 12.5";
      else attributes[d.key] = Number(raw);
    } else if (d.type === "boolean") {
      if (raw === "true" || raw === "false") attributes[d.key] = raw === "true";
    } else if (raw) {
      attributes[d.key] = raw;
    }
  }

  const body = {
    title: str("title"),
    handle: str("handle"),
    descriptionHtml: String(f.get("descriptionHtml") ?? ""),
    vendor: str("vendor"),
    tags: [...new Set(splitList(str("tags")))],
    status: str("status") || "draft",
    categoryId: str("categoryId") || null,
    currency,
    options,
    attributes,
    variants,
  };
  return { body, errors };
}

/** The API's field paths (`variants.1.priceMinor`) as the editor's field names (`variant.1.price`). */
export function editorErrors(apiErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(apiErrors)) {
    const parts = path.split(".");
    let name: string;
    if (parts[0] === "variants" && parts[1] !== undefined) {
      const field = parts[2] === "priceMinor" ? "price" : parts[2] === "compareAtMinor" ? "compareAt" : parts[2] === "options" ? "options" : (parts[2] ?? "row");
      name = `variant.${parts[1]}.${field}`;
    } else if (parts[0] === "options" && parts[1] !== undefined) name = `option.${parts[1]}.${parts[2] === "values" ? "values" : "name"}`;
    else if (parts[0] === "attributes" && parts[1]) name = `attr.${parts[1]}`;
    else if (parts[0] === "tags") name = "tags";
    else name = parts[0] ?? "form";
    out[name] ??= message;
  }
  return out;
}
