import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { safeNext } from "../../workers/lib/safe-next";
import { api, fieldErrors, relayCookies } from "./api.server";

export type OtpActionData = { step: "email" | "code"; email: string; errors?: Record<string, string>; message?: string };

/** Handles both halves of email sign-in for any page that embeds <OtpSignIn>. */
export async function otpAction(context: AppLoadContext, request: Request, form: FormData, next: string): Promise<OtpActionData | Response> {
  const email = String(form.get("email") ?? "").trim();
  if (form.get("intent") === "otp-start") {
    const res = await api(context, request, "/api/v1/auth/otp/start", { method: "POST", body: { email } });
    if (!res.ok) return { step: "email", email, errors: fieldErrors(res.problem), message: res.problem.errors ? undefined : res.problem.detail };
    return { step: "code", email };
  }
  const code = String(form.get("code") ?? "").replace(/\s+/g, "");
  const res = await api(context, request, "/api/v1/auth/otp/verify", { method: "POST", body: { email, code } });
  if (!res.ok) {
    const locked = res.problem.code === "account_locked" || res.problem.code === "too_many_attempts";
    return { step: locked && res.problem.code === "too_many_attempts" ? "email" : "code", email, message: res.problem.detail, errors: locked ? undefined : { code: res.problem.detail } };
  }
  // Checked here too, whatever the caller passed: the one rule for every post-sign-in redirect.
  return redirect(safeNext(next, new URL(request.url).origin, "/welcome"), { headers: relayCookies(res.headers) });
}
