import { api } from "./helpers";

/**
 * The API's operations as its OpenAPI document describes them, so the generated matrices cover
 * every route, including the ones added after the matrices were written.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
};

export interface QueryParam {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path template, e.g. `/api/v1/brands/{brandId}`. */
  path: string;
  params: string[];
  query: QueryParam[];
  /** The JSON request body's schema, if it takes JSON. */
  body?: JsonSchema;
  /** Other body media types (uploads, CSV). */
  rawBody?: string;
}

export async function readOperations(): Promise<Operation[]> {
  const doc = (await (await api("/api/openapi.json")).json()) as {
    components?: { schemas?: Record<string, JsonSchema> };
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  };
  const components = doc.components?.schemas ?? {};
  const deref = (schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined => {
    if (!schema || depth > 20) return schema;
    if (schema.$ref) return deref(components[schema.$ref.replace("#/components/schemas/", "")], depth + 1);
    const out: JsonSchema = { ...schema };
    if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, deref(v, depth + 1)!]));
    if (schema.items) out.items = deref(schema.items, depth + 1);
    for (const key of ["oneOf", "anyOf", "allOf"] as const) if (schema[key]) out[key] = schema[key]!.map((v) => deref(v, depth + 1)!);
    if (typeof schema.additionalProperties === "object") out.additionalProperties = deref(schema.additionalProperties, depth + 1);
    return out;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ name: p.name, required: !!p.required, schema: deref(p.schema)! })),
        body: deref(content["application/json"]?.schema),
        rawBody: Object.keys(content).find((t) => t !== "application/json"),
      });
    }
  }
  return ops;
}

export const opName = (op: Pick<Operation, "method" | "path">) => `${op.method} ${op.path}`;

/** The variants of a body: a oneOf union's members, each with its discriminator kept valid. */
export function bodyVariants(schema: JsonSchema): { properties: Record<string, JsonSchema>; fixed: Record<string, unknown> }[] {
  return (schema.oneOf ?? [schema]).map((variant) => {
    const properties = { ...(variant.properties ?? {}) };
    const fixed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(properties)) {
      const only = v.const ?? (v.enum?.length === 1 ? v.enum[0] : undefined);
      if (schema.oneOf && only !== undefined) {
        fixed[k] = only;
        delete properties[k];
      }
    }
    return { properties, fixed };
  });
}

export const typeOf = (s: JsonSchema): string | undefined => {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  if (t) return t;
  const inner = s.anyOf ?? s.oneOf;
  return inner ? inner.map(typeOf).find(Boolean) : undefined;
};

/**
 * Where a schema leaves a size open: a string without maxLength (or an enum, const or a format
 * that bounds it), an array without maxItems, a number without both bounds. Walked through nested
 * objects, arrays and unions.
 */
export function unbounded(schema: JsonSchema, path: string, out: string[] = []): string[] {
  const subs = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  for (const sub of subs) unbounded(sub, path, out);
  // A union is as bounded as its members (checked above).
  const t = subs.length && !schema.type ? undefined : typeOf(schema);
  if (schema.enum || schema.const !== undefined) return out;
  if (t === "string" && schema.maxLength === undefined && !boundedPattern(schema.pattern) && !["date-time", "uuid", "date"].includes(schema.format ?? "")) out.push(`${path}: string without maxLength`);
  if (t === "array") {
    if (schema.maxItems === undefined) out.push(`${path}: array without maxItems`);
    if (schema.items) unbounded(schema.items, `${path}[]`, out);
  }
  if ((t === "number" || t === "integer") && (schema.minimum ?? schema.exclusiveMinimum) === undefined) out.push(`${path}: number without minimum`);
  if ((t === "number" || t === "integer") && (schema.maximum ?? schema.exclusiveMaximum) === undefined) out.push(`${path}: number without maximum`);
  if (t === "object" || schema.properties) for (const [k, v] of Object.entries(schema.properties ?? {})) unbounded(v, `${path}.${k}`, out);
  if (typeof schema.additionalProperties === "object") unbounded(schema.additionalProperties, `${path}.*`, out);
  return out;
}

/** An anchored pattern with no open-ended repetition bounds the string's length by itself. */
const boundedPattern = (p: string | undefined) => !!p && p.startsWith("^") && p.endsWith("$") && !/[*+]|\{\d+,\}/.test(p.replace(/\\./g, ""));
