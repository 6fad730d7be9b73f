import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../factories";
import { api, problem, uniqueEmail } from "./helpers";

interface Operation {
  method: string;
  path: string;
  properties: Record<string, { type?: string | string[]; enum?: unknown[] }>;
  /** For a union body (oneOf), the variant's discriminator, kept valid so field errors show. */
  fixed: Record<string, unknown>;
}

type Schema = { properties?: Operation["properties"]; oneOf?: Schema[] };

/** Every route with a JSON body, read from the OpenAPI document so new routes are covered too. */
async function writeOperations(): Promise<Operation[]> {
  const doc = (await (await api("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: Schema } } } }>>;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const schema = op.requestBody?.content["application/json"]?.schema;
      if (!schema) continue;
      const base = { method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, "x_$1") };
      for (const variant of schema.oneOf ?? [schema]) {
        const props = { ...(variant.properties ?? {}) };
        const fixed: Record<string, unknown> = {};
        if (schema.oneOf && props.type?.enum) {
          fixed.type = props.type.enum[0];
          delete props.type;
        }
        ops.push({ ...base, properties: props, fixed });
      }
    }
  }
  return ops;
}

const wrongTypeValue = (type: string | string[] | undefined) => {
  const t = Array.isArray(type) ? type[0] : type;
  return t === "string" ? 12345 : t === "array" ? "not-an-array" : t === "number" || t === "integer" ? "NaN" : t === "boolean" ? "yes" : ["?"];
};

describe("problem+json on every write route", () => {
  let cookie: string;
  let ops: Operation[];
  beforeAll(async () => {
    cookie = (await signIn(api, uniqueEmail("validation"))).cookie;
    ops = await writeOperations();
  });

  it("finds the write routes in the OpenAPI document", () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(expect.arrayContaining(["POST /api/v1/auth/otp/start", "POST /api/v1/auth/otp/verify", "POST /api/v1/brands", "PATCH /api/v1/brands/x_brandId", "POST /api/v1/creators"]));
    expect(ops.length).toBeGreaterThanOrEqual(8);
  });

  it("malformed JSON is a 400 naming the body", async () => {
    for (const op of ops) {
      const res = await api(op.path, { method: op.method, headers: { "content-type": "application/json", "idempotency-key": "validation-test", cookie }, body: "{not json" });
      expect(res.status, `${op.method} ${op.path}`).toBe(400);
      const p = await problem(res);
      expect(p.errors?.[0]?.path).toBe("body");
      expect(p.detail).toMatch(/not valid JSON/);
    }
  });

  it("wrong types are a 422 naming each field", async () => {
    for (const op of ops) {
      const body = { ...op.fixed, ...Object.fromEntries(Object.entries(op.properties).map(([k, v]) => [k, wrongTypeValue(v.type)])) };
      const res = await api(op.path, { method: op.method, headers: { "content-type": "application/json", "idempotency-key": "validation-test", cookie }, body: JSON.stringify(body) });
      expect(res.status, `${op.method} ${op.path}`).toBe(422);
      const paths = (await problem(res)).errors!.map((e) => e.path);
      for (const field of Object.keys(op.properties)) expect(paths, `${op.method} ${op.path}`).toContain(`body.${field}`);
    }
  });

  it("unknown fields are a 422 naming the field", async () => {
    for (const op of ops) {
      const res = await api(op.path, { method: op.method, headers: { "content-type": "application/json", "idempotency-key": "validation-test", cookie }, body: JSON.stringify({ ...op.fixed, surprise: true }) });
      expect(res.status, `${op.method} ${op.path}`).toBe(422);
      expect((await problem(res)).errors).toContainEqual({ path: "body.surprise", message: "Unknown field" });
    }
  });

  it("a JSON body that is not an object is refused", async () => {
    const res = await api("/api/v1/brands", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "validation-test", cookie }, body: "[1,2]" });
    expect(res.status).toBe(422);
  });

  it("a refused brand creation writes nothing", async () => {
    const before = (await (await api("/api/v1/me", { headers: { cookie } })).json()) as { brands: unknown[] };
    const res = await api("/api/v1/brands", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "validation-test", cookie },
      body: JSON.stringify({ name: "Valid Name", website: "javascript:alert(1)", industry: "tech", companySize: "1-10", country: "US" }),
    });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors?.map((e) => e.path)).toEqual(["body.website"]);
    const after = (await (await api("/api/v1/me", { headers: { cookie } })).json()) as { brands: unknown[] };
    expect(after.brands.length).toBe(before.brands.length);
  });

  it("unknown routes answer problem+json 404", async () => {
    const res = await api("/api/v1/nope");
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("not_found");
  });

  it("every response carries a request id", async () => {
    const res = await api("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("the OpenAPI document is 3.1 and describes the problem schema", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { openapi: string; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.Problem).toBeDefined();
  });
});
