import { AppError } from "./errors";

/**
 * Cloudflare Turnstile's server-side check (siteverify), against its documented contract:
 * POST `secret`, `response` (the widget's token), `remoteip` and `idempotency_key` as a form;
 * the answer is `{ success, "error-codes": [...], challenge_ts, hostname, action }`. A token is
 * single-use and valid for 300 s; the idempotency key lets a retried check of the same token pass.
 * https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
 */
export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

export interface TurnstileConfig {
  secretKey: string;
  verifyUrl: string;
}

interface SiteverifyAnswer {
  success: boolean;
  "error-codes"?: string[];
  hostname?: string;
  action?: string;
}

/** What a visitor is told for each documented error code. */
const VISITOR_MESSAGES: Record<string, string> = {
  "missing-input-response": "Complete the check before sending.",
  "invalid-input-response": "The check expired or was not completed. Try again.",
  "timeout-or-duplicate": "The check expired. Try again.",
};

export async function verifyTurnstile(config: TurnstileConfig, token: string | undefined, remoteIp: string | undefined, field = "body.turnstileToken") {
  if (!token) throw new AppError("validation_failed", VISITOR_MESSAGES["missing-input-response"]!, [{ path: field, message: "Missing" }]);
  const form = new URLSearchParams({ secret: config.secretKey, response: token, idempotency_key: crypto.randomUUID() });
  if (remoteIp) form.set("remoteip", remoteIp);
  let answer: SiteverifyAnswer;
  try {
    const res = await fetch(config.verifyUrl, { method: "POST", body: form, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
    answer = (await res.json()) as SiteverifyAnswer;
  } catch (e) {
    throw new AppError("provider_unavailable", "We could not check that you are a person just now. Try again in a moment.", [{ path: field, message: String((e as Error).message ?? e) }]);
  }
  if (answer.success) return;
  const codes = answer["error-codes"] ?? [];
  // A wrong or missing secret is our misconfiguration, not the visitor's fault.
  if (codes.some((c) => c.includes("secret"))) throw new AppError("provider_unavailable", "The form's spam check is misconfigured. The creator has been told.", [{ path: field, message: codes.join(", ") }]);
  const message = codes.map((c) => VISITOR_MESSAGES[c]).find(Boolean) ?? "The check did not pass. Try again.";
  throw new AppError("validation_failed", message, [{ path: field, message: codes.join(", ") || "Refused" }]);
}
