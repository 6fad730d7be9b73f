import path from "node:path";
import { publishToZone } from "../../scripts/lib/local-doh";
import { publishDnsWith } from "../factories";

/**
 * Brands the browser tests make through the API prove their domains the way a real brand does:
 * the TXT record goes into the zone the stack's local DNS-over-HTTPS server answers from (beside
 * the stack's demo file), then the factory presses Verify (ADR 011).
 */
const demoPath = process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json");
const zoneFile = path.join(path.dirname(demoPath), "dns-zone.json");
publishDnsWith((name, value) => publishToZone(zoneFile, name, value));
