import { createRoute, z } from "@hono/zod-openapi";
import { requireMyCreator } from "../creators/own-creator";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { PAYMENT_CURRENCIES } from "./schemas";
import { payoutAccountOf, payoutAccountRecord, startOnboarding } from "./payout-account";
import { listPayouts, MIN_PAYOUT_MINOR, openPayout, payoutRecord } from "./payouts";
import { monthlyStatement } from "./statement";

const PayoutSchema = z
  .object({ id: z.string(), currency: z.string(), amountMinor: z.number().int(), trigger: z.enum(["on_demand", "weekly"]), status: z.enum(["pending", "paid", "failed"]), attempts: z.number().int(), failureReason: z.string().nullable(), createdAt: z.string(), paidAt: z.string().nullable(), failedAt: z.string().nullable() })
  .openapi("Payout");
const AccountSchema = z
  .object({
    provider: z.enum(["stripe", "manual"]),
    country: z.string(),
    serviceAgreement: z.enum(["full", "recipient"]),
    payoutsEnabled: z.boolean(),
    detailsSubmitted: z.boolean(),
    requirementsDue: z.array(z.string()),
    lastBankPayout: z.object({ id: z.string(), status: z.enum(["paid", "failed"]), amountMinor: z.number().int(), currency: z.string(), arrivalDate: z.number().int().nullable(), failureMessage: z.string().nullable() }).nullable(),
    updatedAt: z.string(),
  })
  .openapi("PayoutAccount");

/** Mounted at /api/v1/payouts: the signed-in creator's payouts (ADR 019). */
export const payoutRoutes = createRouter();

payoutRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["money"],
    summary: "Your payout account, the minimum payout and your last 50 payouts",
    responses: { 200: jsonContent(z.object({ account: AccountSchema.nullable(), minimumMinor: z.number().int(), items: z.array(PayoutSchema) }), "Payouts"), ...errorResponses },
  }),
  async (c) => {
    const { creator } = await requireMyCreator(c.var.deps, c.var.actor);
    return c.json({ account: payoutAccountRecord(await payoutAccountOf(c.var.deps, creator.id)), minimumMinor: MIN_PAYOUT_MINOR, items: await listPayouts(c.var.deps, creator.id) }, 200);
  },
);

payoutRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["money"],
    summary: "Pay out your whole available balance in a currency now (on demand)",
    request: { body: jsonBody(z.object({ currency: z.enum(PAYMENT_CURRENCIES, { error: `One of ${PAYMENT_CURRENCIES.join(", ")}` }) }).strict()) },
    responses: { 201: jsonContent(PayoutSchema, "Payout started"), 409: errorResponses[400], ...errorResponses },
  }),
  async (c) => {
    const { creator } = await requireMyCreator(c.var.deps, c.var.actor);
    const { payout, message } = await openPayout(c.var.deps, creator.id, c.req.valid("json").currency, "on_demand");
    // A lost send is repaired by the minute job, which sends pending payouts again.
    await c.env.PAYOUTS.send(message, { contentType: "json" }).catch((err: unknown) => c.var.deps.log.error("payout message not sent; the minute job resends it", { payoutId: payout.id, error: String(err) }));
    return c.json(payoutRecord(payout), 201);
  },
);

payoutRoutes.openapi(
  createRoute({
    method: "post",
    path: "/account",
    tags: ["money"],
    summary: "Set up (or continue) where you are paid: returns the provider's onboarding link",
    request: { body: jsonBody(z.object({ country: z.string().regex(/^[A-Z]{2}$/, { error: "A two-letter country code (GB, US …)" }) }).strict()) },
    responses: { 200: jsonContent(z.object({ url: z.url(), account: AccountSchema }), "Onboarding link"), 409: errorResponses[400], ...errorResponses },
  }),
  async (c) => {
    const { creator, user } = await requireMyCreator(c.var.deps, c.var.actor);
    return c.json(await startOnboarding(c.var.deps, creator, user.email, c.req.valid("json").country), 200);
  },
);

/** Mounted at /api/v1/earnings/statements. */
export const statementRoutes = createRouter();

statementRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{month}",
    tags: ["money"],
    summary: "Your statement for a month (YYYY-MM, UTC) as CSV: every entry that moved your balances",
    request: { params: z.object({ month: z.string().max(7) }) },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...errorResponses },
  }),
  async (c) => {
    const { creator } = await requireMyCreator(c.var.deps, c.var.actor);
    const { filename, csv } = await monthlyStatement(c.var.deps, creator.id, c.req.valid("param").month);
    return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" });
  },
);
