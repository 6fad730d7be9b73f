import { z } from "zod";
import { SITEVERIFY_URL } from "./turnstile";

/**
 * The gateway's configuration, read once per isolate per env object from the Worker's bindings.
 *
 * Production is the default (wrangler.toml's top level) and fails closed: an unknown or missing
 * ENVIRONMENT, a missing or short SESSION_SECRET, or a non-https origin in production refuse to
 * serve with a message saying what to set (ADR 007). Development is only ever chosen explicitly
 * (`wrangler dev --env dev`, the tests), and only development gets the built-in session secret.
 */
export const ENVIRONMENTS = ["production", "development", "test"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const ConfigSchema = z.object({
  environment: z.enum(ENVIRONMENTS),
  appOrigin: z.url(),
  /** Where short links live (/l/:code): the gateway's public origin. */
  linkOrigin: z.url(),
  emailFrom: z.string().min(3),
  sessionSecret: z.string().min(16),
  google: z.object({ clientId: z.string(), clientSecret: z.string() }),
  linkedin: z.object({ clientId: z.string(), clientSecret: z.string() }),
  tiktok: z.object({ clientKey: z.string(), clientSecret: z.string() }),
  /** Cloudflare Turnstile on public forms: absent (no widget, no check) unless both keys are set. */
  turnstile: z.object({ siteKey: z.string(), secretKey: z.string(), verifyUrl: z.url() }).nullable(),
  /** DNS-over-HTTPS endpoint speaking the JSON API (`accept: application/dns-json`), for domain verification. */
  dohUrl: z.url(),
  payments: z.discriminatedUnion("kind", [
    /** STRIPE_SECRET_KEY set: Stripe. `api` points the SDK elsewhere (tests: a local server speaking Stripe's endpoints). */
    z.object({ kind: z.literal("stripe"), secretKey: z.string().min(8), api: z.object({ host: z.string(), port: z.number().int(), protocol: z.enum(["http", "https"]) }).nullable() }),
    /** No key, development or test: Tandem's own test-mode checkout (ADR 017). */
    z.object({ kind: z.literal("manual") }),
    /** No key in production: nothing can be bought (a manual checkout there would be free money). */
    z.object({ kind: z.literal("unavailable") }),
  ]),
  /** Verifies `POST /api/v1/webhooks/stripe` (STRIPE_WEBHOOK_SECRET); null refuses every delivery. */
  stripeWebhookSecret: z.string().nullable(),
  /**
   * Days a storefront sale stays pending before the creator can be paid (SALES_SETTLEMENT_DAYS,
   * ADR 019): at least the refund window buyers are promised. Production's default is 14; the
   * development stack sets 0 so the demo shows a sale become available.
   */
  salesSettlementDays: z.number({ error: "SALES_SETTLEMENT_DAYS must be a whole number of days" }).int({ error: "SALES_SETTLEMENT_DAYS must be a whole number of days" }).min(0, { error: "SALES_SETTLEMENT_DAYS must be 0 or more" }).max(90, { error: "SALES_SETTLEMENT_DAYS must be at most 90" }),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A deployment that must not serve: the message names the setting and how to fix it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const DEV_SECRET = "tandem-development-only-secret-not-for-production";
/** Production session secrets are at least this long (`openssl rand -base64 32` gives 44). */
export const MIN_PRODUCTION_SECRET = 32;

const parsed = new WeakMap<Env, Config>();

/** Parsed once per isolate per env object: the redirect hot path pays nothing for it. */
export function readConfig(env: Env): Config {
  let config = parsed.get(env);
  if (!config) {
    config = parseConfig(env);
    parsed.set(env, config);
  }
  return config;
}

export function parseConfig(env: Env): Config {
  const environment = readEnvironment(env.ENVIRONMENT);
  const production = environment === "production";
  const secret = env.SESSION_SECRET;
  if (production && (!secret || secret.length < MIN_PRODUCTION_SECRET)) {
    throw new ConfigError(
      `SESSION_SECRET is ${secret ? `only ${secret.length} characters` : "not set"}: production will not sign sessions without a secret of at least ${MIN_PRODUCTION_SECRET} characters. Set it with \`wrangler secret put SESSION_SECRET\`.`,
    );
  }
  const result = ConfigSchema.safeParse({
    environment,
    appOrigin: env.APP_ORIGIN,
    linkOrigin: env.LINK_ORIGIN,
    emailFrom: env.EMAIL_FROM,
    sessionSecret: secret || (production ? undefined : DEV_SECRET),
    google: { clientId: env.GOOGLE_CLIENT_ID ?? "", clientSecret: env.GOOGLE_CLIENT_SECRET ?? "" },
    linkedin: { clientId: env.LINKEDIN_CLIENT_ID ?? "", clientSecret: env.LINKEDIN_CLIENT_SECRET ?? "" },
    tiktok: { clientKey: env.TIKTOK_CLIENT_KEY ?? "", clientSecret: env.TIKTOK_CLIENT_SECRET ?? "" },
    turnstile: readTurnstile(env),
    dohUrl: env.DOH_URL,
    payments: readPayments(env, production),
    stripeWebhookSecret: optionalSecret(env, "STRIPE_WEBHOOK_SECRET") || null,
    salesSettlementDays: env.SALES_SETTLEMENT_DAYS === undefined || env.SALES_SETTLEMENT_DAYS === "" ? 14 : Number(env.SALES_SETTLEMENT_DAYS),
  });
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`The gateway's configuration is invalid (${fields}). Check the vars in wrangler.toml.`);
  }
  const config = result.data;
  if (production) {
    for (const [name, value] of [["APP_ORIGIN", config.appOrigin], ["LINK_ORIGIN", config.linkOrigin]] as const) {
      if (new URL(value).protocol !== "https:") throw new ConfigError(`${name} must be an https origin in production (it is ${value}).`);
    }
  }
  return config;
}

/**
 * Optional secrets are not in wrangler.toml's `secrets.required` (that would make every deploy
 * need them), so the generated Env does not name them: they are read here, in one place.
 */
const optionalSecret = (env: Env, name: string): string => {
  const value = (env as unknown as Record<string, unknown>)[name];
  return typeof value === "string" ? value : "";
};

function readTurnstile(env: Env) {
  const siteKey = env.TURNSTILE_SITE_KEY ?? "";
  const secretKey = optionalSecret(env, "TURNSTILE_SECRET_KEY");
  if (!siteKey && !secretKey) return null;
  if (!siteKey || !secretKey) throw new ConfigError(`Turnstile needs both TURNSTILE_SITE_KEY (a var) and TURNSTILE_SECRET_KEY (a secret); only ${siteKey ? "the site key" : "the secret"} is set.`);
  return { siteKey, secretKey, verifyUrl: env.TURNSTILE_VERIFY_URL || SITEVERIFY_URL };
}

function readPayments(env: Env, production: boolean): Config["payments"] {
  const secretKey = optionalSecret(env, "STRIPE_SECRET_KEY");
  if (!secretKey) return { kind: production ? "unavailable" : "manual" };
  if (production && !optionalSecret(env, "STRIPE_WEBHOOK_SECRET")) {
    throw new ConfigError("STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: payments would be taken and never recorded. Set it with `wrangler secret put STRIPE_WEBHOOK_SECRET` (the endpoint's signing secret, whsec_…).");
  }
  const apiUrl = optionalSecret(env, "STRIPE_API_URL");
  if (!apiUrl) return { kind: "stripe", secretKey, api: null };
  const u = new URL(apiUrl);
  const protocol = u.protocol === "http:" ? "http" : "https";
  return { kind: "stripe", secretKey, api: { host: u.hostname, port: Number(u.port || (protocol === "http" ? 80 : 443)), protocol } };
}

function readEnvironment(value: string | undefined): Environment {
  if (!value) {
    throw new ConfigError(
      'ENVIRONMENT is not set. Deploy with wrangler.toml\'s default ("production"), or choose "development" explicitly for a local stack (`wrangler dev --env dev`).',
    );
  }
  if (!(ENVIRONMENTS as readonly string[]).includes(value)) {
    throw new ConfigError(`ENVIRONMENT="${value}" is not one of ${ENVIRONMENTS.join(", ")}. Refusing to start rather than guess.`);
  }
  return value as Environment;
}

/** Development-only routes and helpers exist only when this is true. */
export const isDevelopment = (config: Pick<Config, "environment">) => config.environment !== "production";
