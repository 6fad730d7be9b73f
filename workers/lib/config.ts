import { z } from "zod";

/**
 * The gateway's configuration, read once per request from the Worker's bindings.
 * Development gets safe defaults so `npm start` needs no secrets; production refuses to
 * start a request without them.
 */
const ConfigSchema = z.object({
  environment: z.enum(["development", "test", "production"]),
  appOrigin: z.url(),
  /** Where short links live (/l/:code): the gateway's public origin. */
  linkOrigin: z.url(),
  emailFrom: z.string().min(3),
  sessionSecret: z.string().min(16),
  google: z.object({ clientId: z.string(), clientSecret: z.string() }),
  linkedin: z.object({ clientId: z.string(), clientSecret: z.string() }),
  tiktok: z.object({ clientKey: z.string(), clientSecret: z.string() }),
  /** DNS-over-HTTPS endpoint speaking the JSON API (`accept: application/dns-json`), for domain verification. */
  dohUrl: z.url(),
});

export type Config = z.infer<typeof ConfigSchema>;

const DEV_SECRET = "tandem-development-only-secret-not-for-production";

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

function parseConfig(env: Env): Config {
  const environment = (env.ENVIRONMENT ?? "development") as Config["environment"];
  const dev = environment !== "production";
  return ConfigSchema.parse({
    environment,
    appOrigin: env.APP_ORIGIN,
    linkOrigin: env.LINK_ORIGIN,
    emailFrom: env.EMAIL_FROM,
    sessionSecret: env.SESSION_SECRET ?? (dev ? DEV_SECRET : undefined),
    google: { clientId: env.GOOGLE_CLIENT_ID ?? "", clientSecret: env.GOOGLE_CLIENT_SECRET ?? "" },
    linkedin: { clientId: env.LINKEDIN_CLIENT_ID ?? "", clientSecret: env.LINKEDIN_CLIENT_SECRET ?? "" },
    tiktok: { clientKey: env.TIKTOK_CLIENT_KEY ?? "", clientSecret: env.TIKTOK_CLIENT_SECRET ?? "" },
    dohUrl: env.DOH_URL,
  });
}

export const isDevelopment = (config: Config) => config.environment !== "production";
