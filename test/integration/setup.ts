import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { enforceD1ParameterLimit } from "./d1-parameter-limit";

await applyD1Migrations(env.DB, (env as any).TEST_D1_MIGRATIONS);
enforceD1ParameterLimit(env.DB);
