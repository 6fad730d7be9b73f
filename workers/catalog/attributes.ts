import { and, eq } from "drizzle-orm";
import { categories, categoryAttributes, type AttributeValue } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import type { FieldError } from "../lib/errors";
import { inList } from "../db/d1/in-list";

export type AttributeDef = typeof categoryAttributes.$inferSelect;

/** The ids from a category up to its root, nearest first. */
export async function ancestry(deps: Deps, brandId: string, categoryId: string): Promise<string[]> {
  const all = await deps.db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(eq(categories.brandId, brandId));
  const parent = new Map(all.map((c) => [c.id, c.parentId]));
  const chain: string[] = [];
  for (let id: string | null | undefined = categoryId; id && !chain.includes(id); id = parent.get(id)) {
    if (!parent.has(id)) break;
    chain.push(id);
  }
  return chain;
}

/** A category's own attributes plus every ancestor's, root first. */
export async function effectiveAttributes(deps: Deps, brandId: string, categoryId: string | null): Promise<AttributeDef[]> {
  if (!categoryId) return [];
  const chain = await ancestry(deps, brandId, categoryId);
  if (!chain.length) return [];
  const defs = await deps.db
    .select()
    .from(categoryAttributes)
    .where(and(eq(categoryAttributes.brandId, brandId), inList(categoryAttributes.categoryId, chain)));
  const depth = new Map(chain.map((id, i) => [id, i]));
  return defs.sort((a, b) => depth.get(b.categoryId)! - depth.get(a.categoryId)! || a.position - b.position);
}

/** Checks a product's attribute values against its category's definitions; one error per bad key. */
export function validateAttributes(defs: AttributeDef[], values: Record<string, unknown>, prefix = "body.attributes"): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key))
      errors.push({
        path: `${prefix}.${key}`,
        message: defs.length ? `Not an attribute of this category (known: ${defs.map((d) => d.key).join(", ")})` : "This product's category defines no attributes",
      });
  }
  for (const def of defs) {
    const v = values[def.key];
    const path = `${prefix}.${def.key}`;
    if (v === undefined || v === null || v === "") {
      if (def.required) errors.push({ path, message: `${def.label} is required in this category` });
      continue;
    }
    const problem = checkValue(def, v);
    if (problem) errors.push({ path, message: problem });
  }
  return errors;
}

function checkValue(def: AttributeDef, v: unknown): string | null {
  switch (def.type) {
    case "text":
      return typeof v === "string" ? null : "Expected text";
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? null : "Expected a number";
    case "boolean":
      return typeof v === "boolean" ? null : "Expected true or false";
    case "enum":
      return typeof v === "string" && def.options.includes(v) ? null : `Expected one of: ${def.options.join(", ")}`;
    case "unit": {
      const u = v as { value?: unknown; unit?: unknown };
      if (typeof u !== "object" || typeof u.value !== "number" || !Number.isFinite(u.value)) return `Expected {value, unit} with unit one of: ${def.options.join(", ")}`;
      return typeof u.unit === "string" && def.options.includes(u.unit) ? null : `Unit must be one of: ${def.options.join(", ")}`;
    }
  }
}

/** Text from a CSV cell → the typed value the definition expects (or an error message). */
export function parseAttributeCell(def: AttributeDef, raw: string): { value: AttributeValue } | { error: string } {
  const s = raw.trim();
  switch (def.type) {
    case "text":
      return { value: s };
    case "number": {
      const n = Number(s);
      return s !== "" && Number.isFinite(n) ? { value: n } : { error: "Expected a number" };
    }
    case "boolean": {
      const t = s.toLowerCase();
      if (["true", "yes", "1"].includes(t)) return { value: true };
      if (["false", "no", "0"].includes(t)) return { value: false };
      return { error: "Expected true or false" };
    }
    case "enum":
      return def.options.includes(s) ? { value: s } : { error: `Expected one of: ${def.options.join(", ")}` };
    case "unit": {
      const m = /^(-?\d+(?:\.\d+)?)\s*([A-Za-z%"']+)$/.exec(s);
      if (!m || !def.options.includes(m[2]!)) return { error: `Expected a number and a unit (${def.options.join(", ")}), e.g. 12 ${def.options[0]}` };
      return { value: { value: Number(m[1]), unit: m[2]! } };
    }
  }
}

export type { AttributeValue };
