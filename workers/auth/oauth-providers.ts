import { decodeIdToken, Google, LinkedIn, TikTok, type OAuth2Tokens } from "arctic";
import type { Config } from "../lib/config";
import { AppError } from "../lib/errors";

/** Providers people sign in with (brands and creators alike). */
export const SIGN_IN_PROVIDERS = ["google", "linkedin"] as const;
export type SignInProvider = (typeof SIGN_IN_PROVIDERS)[number];

/** Platforms a creator can prove they own through OAuth, with a follower snapshot. */
export const SOCIAL_PROVIDERS = ["youtube", "tiktok"] as const;
export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number];

export type OAuthProvider = SignInProvider | SocialProvider;

export const callbackPath = (provider: OAuthProvider) =>
  (SIGN_IN_PROVIDERS as readonly string[]).includes(provider)
    ? `/api/v1/auth/oauth/${provider}/callback`
    : `/api/v1/creators/social/${provider}/callback`;

export interface OAuthClient {
  /** True when the provider needs the PKCE verifier (Google, TikTok); LinkedIn does not support it. */
  pkce: boolean;
  authorizationUrl(state: string, verifier: string): URL;
  exchange(code: string, verifier: string): Promise<OAuth2Tokens>;
}

function unavailable(provider: string): never {
  throw new AppError("provider_unavailable", `Sign-in with ${provider} is not configured on this server.`);
}

/** Builds the arctic client for a provider, with the exact redirect URI registered for it. */
export function oauthClient(config: Config, provider: OAuthProvider): OAuthClient {
  const redirect = `${config.appOrigin}${callbackPath(provider)}`;
  switch (provider) {
    case "google":
    case "youtube": {
      if (!config.google.clientId || !config.google.clientSecret) unavailable(provider === "google" ? "Google" : "YouTube");
      const google = new Google(config.google.clientId, config.google.clientSecret, redirect);
      const scopes = provider === "google" ? ["openid", "email", "profile"] : ["openid", "https://www.googleapis.com/auth/youtube.readonly"];
      return {
        pkce: true,
        authorizationUrl: (state, verifier) => google.createAuthorizationURL(state, verifier, scopes),
        exchange: (code, verifier) => google.validateAuthorizationCode(code, verifier),
      };
    }
    case "linkedin": {
      if (!config.linkedin.clientId || !config.linkedin.clientSecret) unavailable("LinkedIn");
      const linkedin = new LinkedIn(config.linkedin.clientId, config.linkedin.clientSecret, redirect);
      return {
        pkce: false,
        authorizationUrl: (state) => linkedin.createAuthorizationURL(state, ["openid", "email", "profile"]),
        exchange: (code) => linkedin.validateAuthorizationCode(code),
      };
    }
    case "tiktok": {
      if (!config.tiktok.clientKey || !config.tiktok.clientSecret) unavailable("TikTok");
      const tiktok = new TikTok(config.tiktok.clientKey, config.tiktok.clientSecret, redirect);
      return {
        pkce: true,
        authorizationUrl: (state, verifier) => tiktok.createAuthorizationURL(state, verifier, ["user.info.basic", "user.info.profile", "user.info.stats"]),
        exchange: (code, verifier) => tiktok.validateAuthorizationCode(code, verifier),
      };
    }
  }
}

export interface IdentityProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * Google and LinkedIn are both OpenID Connect providers: the ID token comes straight from
 * their token endpoint over TLS, so its claims can be read without re-verifying the signature.
 */
export function identityFromTokens(tokens: OAuth2Tokens): IdentityProfile {
  let claims: Record<string, unknown>;
  try {
    claims = decodeIdToken(tokens.idToken()) as Record<string, unknown>;
  } catch {
    throw new AppError("oauth_failed", "The provider did not return an identity token.");
  }
  if (typeof claims.sub !== "string" || !claims.sub) throw new AppError("oauth_failed", "The provider's identity token has no subject.");
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return {
    subject: claims.sub,
    email: typeof claims.email === "string" ? claims.email.toLowerCase() : null,
    emailVerified: verified,
    name: typeof claims.name === "string" ? claims.name : null,
  };
}

export function configuredProviders(config: Config) {
  const google = Boolean(config.google.clientId && config.google.clientSecret);
  return {
    google,
    linkedin: Boolean(config.linkedin.clientId && config.linkedin.clientSecret),
    youtube: google,
    tiktok: Boolean(config.tiktok.clientKey && config.tiktok.clientSecret),
  };
}
