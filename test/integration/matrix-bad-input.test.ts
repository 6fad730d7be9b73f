import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./helpers";
import { fillPath, headersFor, inPool, ownerOf, readers, type Actor } from "./matrix-routes";
import { bodyVariants, opName, readOperations, typeOf, unbounded, type JsonSchema, type Operation } from "./openapi-ops";
import { buildWorld, type World } from "./world";

/**
 * Generated from the OpenAPI document: every operation × (malformed JSON, wrong types, unknown
 * fields, oversized strings, negative and overflowing numbers, bad query values), called by the
 * resource's own owner with real ids so that nothing but the input can be wrong. The answer is
 * always a 4xx problem+json naming the field; never a 5xx.
 */
let world: World;
let ops: Operation[];

/** The caller who owns what the route touches (so tenancy never answers first). */
function ownerActor(op: Operation): Actor {
  const owner = ownerOf(op)!;
  const [first] = readers(owner);
  if (first) return op.path === "/api/v1/conversions" ? "keyA" : first;
  return op.path.startsWith("/api/v1/brands") || op.path.startsWith("/api/v1/campaigns") ? "ownerA" : "creator";
}

const send = (op: Operation, body: string | undefined, url = fillPath(op, world).url) =>
  api(url, {
    method: op.method,
    headers: { ...headersFor(world, ownerActor(op)), ...(body === undefined ? {} : { "content-type": "application/json" }), "idempotency-key": `bad-${crypto.randomUUID()}` },
    body,
    redirect: "manual",
  });

interface Outcome {
  status: number;
  problem: boolean;
  paths: string[];
}
async function outcome(res: Response): Promise<Outcome> {
  const problem = (res.headers.get("content-type") ?? "").includes("problem+json");
  const body = problem ? ((await res.json()) as { errors?: { path: string }[] }) : (await res.body?.cancel(), {});
  return { status: res.status, problem, paths: (body.errors ?? []).map((e) => e.path) };
}

/** A value one past what the schema allows, or undefined when the schema allows anything of its type. */
function tooLarge(s: JsonSchema): unknown {
  const t = typeOf(s);
  if (t === "string") return s.maxLength === undefined ? undefined : "x".repeat(s.maxLength + 1);
  if (t === "integer") return 2 ** 64;
  if (t === "number") return 1e300;
  if (t === "array") return s.maxItems === undefined ? undefined : Array.from({ length: s.maxItems + 1 }, () => sampleItem(s.items ?? {}));
  return undefined;
}
const sampleItem = (s: JsonSchema): unknown => (s.enum?.[0] ?? (typeOf(s) === "string" ? "a" : typeOf(s) === "integer" || typeOf(s) === "number" ? 1 : {}));
const allowsNegative = (s: JsonSchema) => (s.minimum ?? s.exclusiveMinimum ?? 0) < 0;

const wrongTypeValue = (s: JsonSchema) => {
  const t = typeOf(s);
  return t === "string" ? 12345 : t === "array" ? "not-an-array" : t === "number" || t === "integer" ? "NaN" : t === "boolean" ? "yes" : ["?"];
};

beforeAll(async () => {
  world = await buildWorld();
  ops = await readOperations();
}, 120_000);

describe("bad-input matrix (generated from the OpenAPI document)", () => {
  const jsonOps = () => ops.filter((o) => o.body);

  it("every request schema bounds what it accepts: strings, arrays and numbers all declare limits", () => {
    const open: string[] = [];
    for (const op of ops) {
      if (op.body) open.push(...unbounded(op.body, `${opName(op)} body`));
      for (const q of op.query) open.push(...unbounded(q.schema, `${opName(op)} query.${q.name}`));
    }
    expect(open).toEqual([]);
  });

  it("covers the write routes", () => {
    expect(jsonOps().length).toBeGreaterThanOrEqual(39);
  });

  it("malformed JSON is a 400 naming the body", async () => {
    const wrong: string[] = [];
    await inPool(jsonOps(), 8, async (op) => {
      const o = await outcome(await send(op, "{not json"));
      if (o.status !== 400 || !o.problem || !o.paths.includes("body")) wrong.push(`${opName(op)}: ${JSON.stringify(o)}`);
    });
    expect(wrong).toEqual([]);
  }, 180_000);

  it("wrong types are a 422 naming each field", async () => {
    const wrong: string[] = [];
    const cases = jsonOps().flatMap((op) => bodyVariants(op.body!).map((v) => ({ op, v })));
    await inPool(cases, 8, async ({ op, v }) => {
      const body = { ...v.fixed, ...Object.fromEntries(Object.entries(v.properties).map(([k, s]) => [k, wrongTypeValue(s)])) };
      const o = await outcome(await send(op, JSON.stringify(body)));
      const missing = Object.keys(v.properties).filter((k) => !o.paths.includes(`body.${k}`));
      if (o.status !== 422 || missing.length) wrong.push(`${opName(op)}: ${o.status}, not named: ${missing.join(", ")}`);
    });
    expect(wrong).toEqual([]);
  }, 180_000);

  it("unknown fields are a 422 naming the field", async () => {
    const wrong: string[] = [];
    const cases = jsonOps().flatMap((op) => bodyVariants(op.body!).map((v) => ({ op, v })));
    await inPool(cases, 8, async ({ op, v }) => {
      const o = await outcome(await send(op, JSON.stringify({ ...v.fixed, surprise: true })));
      if (o.status !== 422 || !o.paths.includes("body.surprise")) wrong.push(`${opName(op)}: ${JSON.stringify(o)}`);
    });
    expect(wrong).toEqual([]);
  }, 180_000);

  it("oversized strings and arrays, negative and overflowing numbers are a 4xx naming the field", async () => {
    const wrong: string[] = [];
    const cases = jsonOps().flatMap((op) =>
      bodyVariants(op.body!).flatMap((v) =>
        Object.entries(v.properties).flatMap(([field, s]) => {
          const values: unknown[] = [];
          const big = tooLarge(s);
          if (big !== undefined) values.push(big);
          const t = typeOf(s);
          if ((t === "integer" || t === "number") && !allowsNegative(s)) values.push(-1);
          if (t === "integer") values.push(1.5);
          return values.map((value) => ({ op, v, field, value }));
        }),
      ),
    );
    await inPool(cases, 8, async ({ op, v, field, value }) => {
      const o = await outcome(await send(op, JSON.stringify({ ...v.fixed, [field]: value })));
      const shown = typeof value === "string" ? `${value.length} chars` : Array.isArray(value) ? `${value.length} items` : String(value);
      if (o.status >= 500 || o.status < 400 || !o.problem) wrong.push(`${opName(op)} ${field}=${shown}: ${o.status}`);
      else if (o.status === 422 && !o.paths.includes(`body.${field}`)) wrong.push(`${opName(op)} ${field}=${shown}: 422 without naming body.${field}`);
    });
    expect(cases.length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  }, 180_000);

  it("bad query values (not a number, negative, overflowing, oversized) are a 4xx naming the parameter", async () => {
    const wrong: string[] = [];
    const cases = ops.flatMap((op) =>
      op.query
        .filter((q) => q.name !== "brandId")
        .flatMap((q) => {
          const t = typeOf(q.schema);
          const values = t === "integer" || t === "number" ? ["abc", "-1", "1e300"] : t === "string" && !q.schema.enum && q.schema.maxLength !== undefined ? ["x".repeat(q.schema.maxLength + 1)] : q.schema.enum ? ["not-one-of-them"] : [];
          return values.filter((v) => !(v === "-1" && allowsNegative(q.schema))).map((value) => ({ op, name: q.name, value }));
        }),
    );
    await inPool(cases, 8, async ({ op, name, value }) => {
      const url = new URL(fillPath(op, world).url, "http://x");
      url.searchParams.set(name, value);
      const o = await outcome(await send(op, op.body ? "{}" : undefined, url.pathname + url.search));
      const shown = value.length > 20 ? `${value.length} chars` : value;
      if (o.status >= 500 || o.status < 400 || !o.problem) wrong.push(`${opName(op)} ?${name}=${shown}: ${o.status}`);
      else if ((o.status === 422 || o.status === 400) && !o.paths.includes(`query.${name}`)) wrong.push(`${opName(op)} ?${name}=${shown}: ${o.status} without naming query.${name} (${o.paths.join(",")})`);
    });
    expect(cases.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 180_000);

  it("a JSON body that is not an object, or no body at all, is a 4xx problem, never a 5xx", async () => {
    const wrong: string[] = [];
    await inPool(jsonOps(), 8, async (op) => {
      for (const body of ["[1,2]", "null", "\"text\"", ""]) {
        const o = await outcome(await send(op, body));
        if (o.status >= 500 || o.status < 400 || !o.problem) wrong.push(`${opName(op)} body ${JSON.stringify(body)}: ${o.status}`);
      }
    });
    expect(wrong).toEqual([]);
  }, 180_000);
});
