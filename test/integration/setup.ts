import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { publishDnsWith } from "../factories";
import { enforceD1ParameterLimit } from "./d1-parameter-limit";
import { dohStub, installDohStub } from "./doh-stub";

await applyD1Migrations(env.DB, (env as any).TEST_D1_MIGRATIONS);
enforceD1ParameterLimit(env.DB);
// The gateway's DNS-over-HTTPS lookups reach a stand-in resolver; brands made with the factory
// publish their verification record there, as a brand would at its DNS host.
installDohStub();
publishDnsWith((name, value) => dohStub.publishTxt(name, value));
