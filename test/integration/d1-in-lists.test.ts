import { describe, expect, it } from "vitest";

/**
 * D1 takes at most 100 bound parameters per statement, so an `IN (…)` list on a D1 table must
 * travel as one JSON parameter (workers/db/d1/in-list.ts). This reads the gateway's and the app's
 * source and refuses `inArray` on a D1 table and hand-built placeholder lists in files that query D1.
 */
const sources = {
  ...import.meta.glob<string>(["../../workers/**/*.ts", "!../../workers/**/*.d.ts"], { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>(["../../app/**/*.{ts,tsx}", "!../../app/**/*.d.ts"], { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../../durable-objects/**/*.ts", { query: "?raw", import: "default", eager: true }),
};

/** The local names a file gives to tables imported from the D1 schema (`import { a, b as c } from "…/db/d1/…"`). */
function d1Tables(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["'][^"']*db\/d1\/[^"']*["']/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && !name.startsWith("type ")) names.add(name);
    }
  }
  for (const m of source.matchAll(/import\s*\*\s*as\s+(\w+)\s*from\s*["'][^"']*db\/d1\/[^"']*["']/g)) names.add(m[1]!);
  return names;
}

/** Lines that would bind one parameter per list element in a D1 statement. */
function d1InListViolations(source: string): string[] {
  const tables = d1Tables(source);
  if (!tables.size) return [];
  const found: string[] = [];
  source.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/\b(?:inArray|notInArray)\(\s*([\w$]+)\s*\./g)) {
      if (tables.has(m[1]!)) found.push(`${i + 1}: ${line.trim()}`);
    }
    // sql.join(values.map(...)) or "?, ?, ?" strings build one placeholder per value.
    if (/sql\.join\([^)]*\.map\(/.test(line) || /\.map\(\s*\(\)\s*=>\s*["'`]\?["'`]\s*\)/.test(line) || /["'`]\?,\s*["'`]\.repeat\(/.test(line)) found.push(`${i + 1}: ${line.trim()}`);
  });
  return found;
}

describe("D1 in-lists", () => {
  it("reads the source it checks", () => {
    const files = Object.keys(sources);
    expect(files.some((f) => f.endsWith("workers/campaigns/campaign-stats.ts"))).toBe(true);
    expect(files.some((f) => f.endsWith("app/lib/storefront.server.ts"))).toBe(true);
    expect(files.length).toBeGreaterThan(100);
  });

  it("recognises the patterns it forbids (and leaves Postgres alone)", () => {
    const d1 = `import { inArray } from "drizzle-orm";\nimport { creators, users as people } from "../db/d1/schema";\nimport { brandMembers } from "../db/pg/schema";\n`;
    expect(d1InListViolations(`${d1}db.select().from(creators).where(inArray(creators.id, ids));`)).toHaveLength(1);
    expect(d1InListViolations(`${d1}db.select().from(people).where(inArray(people.id, ids));`)).toHaveLength(1);
    expect(d1InListViolations(`${d1}pg.select().from(brandMembers).where(inArray(brandMembers.role, ["owner"]));`)).toEqual([]);
    expect(d1InListViolations(`${d1}db.run(sql\`delete from x where id in (\${sql.join(ids.map((i) => sql\`\${i}\`), sql\`,\`)})\`);`)).toHaveLength(1);
    expect(d1InListViolations(`${d1}db.prepare(\`select 1 where id in (\${ids.map(() => "?").join(",")})\`);`)).toHaveLength(1);
    expect(d1InListViolations(`${d1}db.select().from(creators).where(inList(creators.id, ids));`)).toEqual([]);
  });

  it("no D1 query binds one parameter per list element (use inList from workers/db/d1/in-list.ts)", () => {
    const offenders = Object.entries(sources).flatMap(([file, src]) => d1InListViolations(src).map((v) => `${file.replace(/^(\.\.\/)+/, "")}:${v}`));
    expect(offenders).toEqual([]);
  });
});
