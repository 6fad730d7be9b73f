/**
 * The local stack's DNS-over-HTTPS resolver, speaking the same JSON API as Cloudflare's
 * (GET /dns-query?name=…&type=TXT, `accept: application/dns-json`). It answers TXT records from
 * a zone file (`.data/dns-zone.json`: `{ "<name>": ["<value>", …] }`) that the seed writes when it
 * verifies the demo brands' domains, and a developer can edit to verify a domain of their own;
 * every other question goes to the public resolver, so real domains verify locally too.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const UPSTREAM = "https://cloudflare-dns.com/dns-query";
const key = (name: string) => name.toLowerCase().replace(/\.$/, "");
const quoted = (value: string) => (value.match(/[\s\S]{1,255}/g) ?? [""]).map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(" ");

function readZone(file: string): Record<string, string[]> {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/** Adds a TXT record to the zone file (what a brand does at its DNS host). */
export function publishToZone(file: string, name: string, value: string) {
  const zone = readZone(file);
  const k = key(name);
  zone[k] = [...new Set([...(zone[k] ?? []), value])];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(zone, null, 2)}\n`);
}

export async function startLocalDoh(opts: { port: number; zoneFile: string }) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const name = url.searchParams.get("name") ?? "";
    const type = (url.searchParams.get("type") ?? "A").toUpperCase();
    if (req.method !== "GET" || url.pathname !== "/dns-query" || req.headers.accept !== "application/dns-json" || !name) {
      res.writeHead(400).end("Bad Request");
      return;
    }
    const records = type === "TXT" || type === "16" ? readZone(opts.zoneFile)[key(name)] : undefined;
    let body: unknown;
    if (records) {
      body = { Status: 0, TC: false, RD: true, RA: true, AD: false, CD: false, Question: [{ name: `${key(name)}.`, type: 16 }], Answer: records.map((v) => ({ name: `${key(name)}.`, type: 16, TTL: 60, data: quoted(v) })) };
    } else {
      const up = new URL(UPSTREAM);
      up.search = url.search;
      body = await fetch(up, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(5000) })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
        // Offline: SERVFAIL, which the gateway reports as "the resolver is unavailable".
        .catch(() => ({ Status: 2, Question: [{ name: `${key(name)}.`, type: 16 }] }));
    }
    res.writeHead(200, { "content-type": "application/dns-json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => server.listen(opts.port, "127.0.0.1", resolve).on("error", reject));
  return { url: `http://127.0.0.1:${opts.port}/dns-query`, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
