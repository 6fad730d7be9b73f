import { Form, useNavigation } from "@remix-run/react";
import { EmailSchema } from "../../workers/auth/schemas";
import type { OtpActionData } from "../lib/otp-action.server";
import { Button } from "./ui/button";
import { Input, zodValidator } from "./ui/field";
import { GoogleIcon, LinkedInIcon } from "./ui/icons";

export interface Providers {
  google: boolean;
  linkedin: boolean;
  youtube: boolean;
  tiktok: boolean;
}

/** Email-code sign-in, plus Google and LinkedIn when the server has credentials for them. */
export function OtpSignIn({ data, next, providers, cta = "Continue" }: { data?: OtpActionData; next: string; providers: Providers; cta?: string }) {
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const step = data?.step ?? "email";
  const oauth = (p: "google" | "linkedin") => `/api/v1/auth/oauth/${p}/start?next=${encodeURIComponent(next)}`;

  if (step === "code") {
    return (
      <div className="stack">
      <Form method="post" className="stack" key="code">
        <input type="hidden" name="intent" value="otp-verify" />
        <input type="hidden" name="email" value={data!.email} />
        <p>
          We sent a 6-digit code to <strong>{data!.email}</strong>. It works once and expires in 10 minutes.
        </p>
        {data?.message && !data.errors?.code && <div className="alert alert-error" role="alert">{data.message}</div>}
        <Input
          label="Sign-in code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          className="input-code"
          required
          autoFocus
          error={data?.errors?.code}
          validate={(v) => (/^\d{6}$/.test(v.trim()) ? undefined : "The code is 6 digits")}
        />
        <Button type="submit" block disabled={busy}>{busy ? "Checking…" : "Sign in"}</Button>
      </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="otp-start" />
          <input type="hidden" name="email" value={data!.email} />
          <Button variant="ghost" size="small" type="submit" disabled={busy}>Send a new code</Button>
        </Form>
      </div>
    );
  }

  return (
    <div className="stack">
      {(providers.google || providers.linkedin) && (
        <>
          <div className="stack" style={{ gap: "var(--space-2)" }}>
            {providers.google && <Button variant="provider" block href={oauth("google")}><GoogleIcon /> Continue with Google</Button>}
            {providers.linkedin && <Button variant="provider" block href={oauth("linkedin")}><LinkedInIcon /> Continue with LinkedIn</Button>}
          </div>
          <p className="muted small" style={{ textAlign: "center", margin: 0 }}>or use your email</p>
        </>
      )}
      <Form method="post" className="stack" key="email">
        <input type="hidden" name="intent" value="otp-start" />
        {data?.message && <div className="alert alert-error" role="alert">{data.message}</div>}
        <Input
          label="Work email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.email}
          error={data?.errors?.email}
          validate={zodValidator(EmailSchema)}
          hint="We will email you a 6-digit code. No password to remember."
        />
        <Button type="submit" block disabled={busy}>{busy ? "Sending…" : cta}</Button>
      </Form>
    </div>
  );
}
