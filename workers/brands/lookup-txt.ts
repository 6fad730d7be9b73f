import { z } from "zod";
import { AppError } from "../lib/errors";

/**
 * TXT records over DNS-over-HTTPS, JSON API (Cloudflare's `application/dns-json`, also spoken
 * by Google's resolver): GET `<endpoint>?name=…&type=TXT`, answer `{Status, Answer: [{name,
 * type: 16, TTL, data: "\"…\""}]}`. Status is the DNS RCODE (0 NOERROR, 3 NXDOMAIN).
 */
const TXT = 16;
const NOERROR = 0;
const NXDOMAIN = 3;

const DohAnswer = z.object({
  Status: z.number().int(),
  Answer: z.array(z.object({ name: z.string(), type: z.number().int(), TTL: z.number().optional(), data: z.string() })).optional(),
});

/**
 * A TXT record's data as the JSON API gives it: one or more quoted character-strings
 * (`"a" "b"`, split at 255 bytes), with `\"`, `\\` and `\DDD` escapes. Joined, they are the value.
 */
export function txtValue(data: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === " ") {
      i++;
      continue;
    }
    if (data[i] !== '"') {
      // Unquoted data (some resolvers): the rest, as is.
      parts.push(data.slice(i).trim());
      break;
    }
    let s = "";
    i++;
    while (i < data.length && data[i] !== '"') {
      if (data[i] === "\\" && /^\d{3}$/.test(data.slice(i + 1, i + 4))) {
        s += String.fromCharCode(Number(data.slice(i + 1, i + 4)));
        i += 4;
      } else if (data[i] === "\\" && i + 1 < data.length) {
        s += data[i + 1];
        i += 2;
      } else {
        s += data[i++];
      }
    }
    parts.push(s);
    i++;
  }
  return parts.join("");
}

/** The TXT values published at `name` ([] when the name has none or does not exist). */
export async function lookupTxt(endpoint: string, name: string, fetcher: typeof fetch = fetch): Promise<string[]> {
  const url = new URL(endpoint);
  url.searchParams.set("name", name);
  url.searchParams.set("type", "TXT");
  const unavailable = (why: string) => new AppError("provider_unavailable", `DNS lookup of ${name} failed (${why}). Try again in a minute.`);
  let res: Response;
  try {
    res = await fetcher(url, { headers: { accept: "application/dns-json" } });
  } catch (e) {
    throw unavailable(String((e as Error).message ?? e));
  }
  if (!res.ok) throw unavailable(`resolver answered ${res.status}`);
  const parsed = DohAnswer.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw unavailable("resolver answer was not DNS JSON");
  if (parsed.data.Status === NXDOMAIN) return [];
  if (parsed.data.Status !== NOERROR) throw unavailable(`DNS status ${parsed.data.Status}`);
  // TXT records only; a CNAME on the way (delegated verification) answers with the target's records.
  return (parsed.data.Answer ?? []).filter((a) => a.type === TXT).map((a) => txtValue(a.data));
}
