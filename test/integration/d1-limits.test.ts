import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TooManyD1Parameters } from "./d1-parameter-limit";

describe("local D1 behaves like production D1", () => {
  it("refuses a statement with more than 100 bound parameters, and takes 100", async () => {
    const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(",");
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);
    expect(() => env.DB.prepare(`select count(*) as n from users where id in (${placeholders(101)})`).bind(...ids(101))).toThrow(TooManyD1Parameters);
    const ok = await env.DB.prepare(`select count(*) as n from users where id in (${placeholders(100)})`).bind(...ids(100)).first<{ n: number }>();
    expect(ok?.n).toBe(0);
  });
});
