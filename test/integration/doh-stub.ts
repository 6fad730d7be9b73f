/**
 * A stand-in DNS-over-HTTPS resolver speaking Cloudflare's JSON API: GET `?name=…&type=TXT`
 * with `accept: application/dns-json` answers `{Status, Question, Answer: [{name, type: 16, TTL,
 * data: "\"…\""}]}`, NXDOMAIN (Status 3) for names it has no records for, and 400 for a request
 * the real endpoint would refuse. It intercepts fetch for one endpoint (the gateway's DOH_URL in
 * tests) and passes every other request through.
 */
export const TEST_DOH_URL = "https://doh.test.example/dns-query";

const zone = new Map<string, string[]>();
const requests: { name: string; type: string; accept: string | null }[] = [];

const key = (name: string) => name.toLowerCase().replace(/\.$/, "");
/** DNS presentation of a TXT value: quoted character-strings of at most 255 bytes, `"` and `\` escaped. */
const quoted = (value: string) => (value.match(/[\s\S]{1,255}/g) ?? [""]).map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(" ");

export const dohStub = {
  publishTxt(name: string, value: string) {
    zone.set(key(name), [...(zone.get(key(name)) ?? []), value]);
  },
  removeTxt(name: string) {
    zone.delete(key(name));
  },
  requests,
  /** When set, the resolver answers this HTTP status instead (an outage). */
  failWith: null as number | null,
};

export function installDohStub() {
  const passThrough = globalThis.fetch;
  if ((passThrough as { __doh?: true }).__doh) return;
  const stubbed = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (`${url.origin}${url.pathname}` !== TEST_DOH_URL) return passThrough(input, init);
    const name = url.searchParams.get("name") ?? "";
    const type = url.searchParams.get("type") ?? "A";
    requests.push({ name, type, accept: req.headers.get("accept") });
    if (dohStub.failWith) return new Response("upstream failure", { status: dohStub.failWith });
    if (req.method !== "GET" || req.headers.get("accept") !== "application/dns-json" || !name) return new Response("Bad Request", { status: 400 });
    const records = type.toUpperCase() === "TXT" || type === "16" ? zone.get(key(name)) : undefined;
    const body = {
      Status: records ? 0 : 3,
      TC: false,
      RD: true,
      RA: true,
      AD: false,
      CD: false,
      Question: [{ name: `${key(name)}.`, type: 16 }],
      ...(records ? { Answer: records.map((v) => ({ name: `${key(name)}.`, type: 16, TTL: 300, data: quoted(v) })) } : {}),
    };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/dns-json" } });
  };
  (stubbed as { __doh?: true }).__doh = true;
  globalThis.fetch = stubbed as typeof fetch;
}
