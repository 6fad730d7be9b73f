import { vi } from "vitest";

/**
 * A stand-in for the providers' token and profile endpoints, speaking their documented
 * contracts: it checks client credentials, the redirect URI, and the PKCE verifier against
 * the challenge sent at authorization time, exactly as the real endpoints do.
 */
export interface StubIdentity {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
}

const b64url = (s: string) => btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
export const fakeIdToken = (claims: object) => `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}.c2ln`;

async function s256(verifier: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return b64url(String.fromCharCode(...digest));
}

export function stubProviders() {
  const codes = new Map<string, { challenge?: string; redirectUri: string; identity?: StubIdentity; followers?: number }>();
  const calls: string[] = [];
  const realFetch = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    calls.push(`${req.method} ${url.origin}${url.pathname}`);
    const tokenEndpoints = ["https://oauth2.googleapis.com/token", "https://www.linkedin.com/oauth/v2/accessToken", "https://open.tiktokapis.com/v2/oauth/token/"];
    if (tokenEndpoints.includes(`${url.origin}${url.pathname}`)) {
      const form = new URLSearchParams(await req.text());
      const grant = codes.get(form.get("code") ?? "");
      const bad = (error: string) => Response.json({ error, error_description: error }, { status: 400 });
      if (!grant) return bad("invalid_grant");
      if (form.get("redirect_uri") !== grant.redirectUri) return bad("redirect_uri_mismatch");
      if (grant.challenge && (await s256(form.get("code_verifier") ?? "")) !== grant.challenge) return bad("invalid_grant");
      codes.delete(form.get("code")!);
      return Response.json({
        access_token: `at-${form.get("code")}`,
        token_type: "Bearer",
        expires_in: 3600,
        ...(grant.identity ? { id_token: fakeIdToken({ iss: url.origin, aud: "client", ...grant.identity }) } : {}),
        scope: "openid",
      });
    }
    if (url.origin === "https://www.googleapis.com" && url.pathname === "/youtube/v3/channels") {
      const code = (req.headers.get("authorization") ?? "").replace("Bearer at-", "");
      return Response.json({
        items: [{ id: `UC${code}`, snippet: { title: "Mia Makes", customUrl: "@miamakes" }, statistics: { subscriberCount: "48210", hiddenSubscriberCount: false } }],
      });
    }
    if (url.origin === "https://open.tiktokapis.com" && url.pathname === "/v2/user/info/") {
      return Response.json({ data: { user: { open_id: "tt-open-id", username: "mia.tok", display_name: "Mia", follower_count: 91000 } }, error: { code: "ok" } });
    }
    return realFetch(input, init);
  });

  return {
    calls,
    /** What the provider does when the person approves: it issues a code bound to the challenge. */
    approve(authorizationUrl: string, identity?: StubIdentity) {
      const u = new URL(authorizationUrl);
      const code = `code${Math.random().toString(36).slice(2)}`;
      codes.set(code, { challenge: u.searchParams.get("code_challenge") ?? undefined, redirectUri: u.searchParams.get("redirect_uri")!, identity });
      return { code, state: u.searchParams.get("state")! };
    },
    restore: () => spy.mockRestore(),
  };
}
