import type { Config } from "../lib/config";
import { AppError } from "../lib/errors";
import { manualProvider } from "./manual-provider";
import type { PaymentProvider } from "./provider";
import { stripeProvider } from "./stripe-provider";

/** The configured payment provider, or a clear refusal where payments are not set up. */
export function paymentsFor(config: Config): PaymentProvider {
  const p = config.payments;
  if (p.kind === "stripe") return stripeProvider({ secretKey: p.secretKey, api: p.api });
  if (p.kind === "manual") return manualProvider(config.appOrigin);
  throw new AppError("misconfigured", "Payments are not set up on this deployment: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (`wrangler secret put`).");
}
