import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// scripts/test.ts starts Postgres (embedded PGlite or the DATABASE_URL server),
// applies the pg migrations and passes the connection string here.
const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) throw new Error("Run the tests with `npm test` (it provides TEST_DATABASE_URL).");

// OAuth clients for the tests; the providers' endpoints are answered by a fetch stub.
const OAUTH_TEST_CLIENTS = {
  GOOGLE_CLIENT_ID: "google-test-client",
  GOOGLE_CLIENT_SECRET: "google-test-secret",
  LINKEDIN_CLIENT_ID: "linkedin-test-client",
  LINKEDIN_CLIENT_SECRET: "linkedin-test-secret",
  TIKTOK_CLIENT_KEY: "tiktok-test-client",
  TIKTOK_CLIENT_SECRET: "tiktok-test-secret",
};

export default defineConfig(async () => {
  const d1Migrations = await readD1Migrations(path.join(__dirname, "migrations/d1"));
  return {
    plugins: [
      cloudflareTest({
        main: "./workers/index.ts",
        // Development is chosen explicitly: the top level of wrangler.toml is production (ADR 007).
        wrangler: { configPath: "./wrangler.toml", environment: "dev" },
        miniflare: {
          // DOH_URL: a stand-in resolver answers there (test/integration/doh-stub.ts).
          // STRIPE_WEBHOOK_SECRET verifies signed test events; no STRIPE_SECRET_KEY, so checkout runs on the manual provider.
          // SALES_SETTLEMENT_DAYS: production's window, so settlement is tested by a fake clock (the dev stack's is 0).
          bindings: { TEST_D1_MIGRATIONS: d1Migrations, DATABASE_URL: pgUrl, SESSION_SECRET: "test-secret-for-workerd-tests", DOH_URL: "https://doh.test.example/dns-query", STRIPE_WEBHOOK_SECRET: "whsec_tandem_test_secret", SALES_SETTLEMENT_DAYS: "14", ...OAUTH_TEST_CLIENTS },
        },
      }),
    ],
    resolve: {
      alias: {
        "pg-protocol": path.join(__dirname, "node_modules/pg-protocol/dist/index.js"),
        "pg-cloudflare": path.join(__dirname, "node_modules/pg-cloudflare/dist/index.js"),
      },
    },
    test: {
      include: ["test/integration/**/*.test.ts"],
      setupFiles: ["./test/integration/setup.ts"],
      testTimeout: 20000,
      // The gateway's structured request/warn logs are noise here; errors still print.
      onConsoleLog: (log: string) => !/^\{"level":"(info|warn)"/.test(log.trim()),
    },
  };
});
