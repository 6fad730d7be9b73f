import { generateCodeVerifier, generateState, OAuth2RequestError } from "arctic";
import type { Config } from "../lib/config";
import { base64url, timingSafeEqual } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { callbackPath, oauthClient, type OAuthProvider } from "./oauth-providers";

export const OAUTH_COOKIE = "tandem_oauth";
export const OAUTH_COOKIE_MAX_AGE = 600;

interface FlowState {
  provider: OAuthProvider;
  state: string;
  verifier: string;
  next: string;
}

export function cookiePath(provider: OAuthProvider) {
  return callbackPath(provider);
}

/** Starts a flow: a fresh state (always) and PKCE verifier, kept in a short-lived HttpOnly cookie. */
export function beginOAuth(config: Config, provider: OAuthProvider, next: string) {
  const client = oauthClient(config, provider);
  const flow: FlowState = { provider, state: generateState(), verifier: generateCodeVerifier(), next };
  const url = client.authorizationUrl(flow.state, flow.verifier);
  const cookie = base64url(new TextEncoder().encode(JSON.stringify(flow)));
  return { url: url.toString(), cookie };
}

function readFlow(cookie: string | undefined): FlowState | null {
  if (!cookie) return null;
  try {
    const padded = cookie.replaceAll("-", "+").replaceAll("_", "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
    const flow = JSON.parse(json) as FlowState;
    return typeof flow.state === "string" && typeof flow.verifier === "string" ? flow : null;
  } catch {
    return null;
  }
}

/**
 * Completes a flow: the callback's `state` must equal the cookie's, and the code is
 * exchanged with the cookie's PKCE verifier. Any mismatch is refused before any token call.
 */
export async function finishOAuth(
  config: Config,
  provider: OAuthProvider,
  query: { code?: string; state?: string; error?: string },
  cookie: string | undefined,
) {
  if (query.error) throw new AppError("oauth_failed", `The provider refused the sign-in (${query.error}).`);
  const flow = readFlow(cookie);
  if (!flow || flow.provider !== provider) throw new AppError("oauth_failed", "This sign-in link has expired. Start again.");
  if (!query.state || !timingSafeEqual(query.state, flow.state)) {
    throw new AppError("oauth_failed", "The sign-in state did not match. Start again.");
  }
  if (!query.code) throw new AppError("oauth_failed", "The provider returned no authorization code.");
  const client = oauthClient(config, provider);
  try {
    const tokens = await client.exchange(query.code, flow.verifier);
    return { tokens, next: flow.next };
  } catch (e) {
    if (e instanceof OAuth2RequestError) throw new AppError("oauth_failed", `The provider rejected the code (${e.code}).`);
    if (e instanceof AppError) throw e;
    throw new AppError("provider_unavailable", "Could not reach the provider. Try again.");
  }
}
