import type { Mail } from "../lib/emailer";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function otpMail(to: string, code: string, appOrigin: string): Mail {
  const text = [
    `Your Tandem sign-in code is ${code}.`,
    "",
    "It works once and expires in 10 minutes.",
    "If you did not ask for it, you can ignore this email.",
    "",
    appOrigin,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;background:#f6f5f2;padding:32px">
<div style="max-width:420px;margin:auto;background:#fff;border-radius:16px;padding:32px">
<p style="font-size:15px;color:#3b3a36">Your Tandem sign-in code</p>
<p style="font-size:34px;letter-spacing:8px;font-weight:700;color:#14130f;margin:8px 0 16px">${escape(code)}</p>
<p style="font-size:14px;color:#6b6a64">It works once and expires in 10 minutes. If you did not ask for it, ignore this email.</p>
</div></body></html>`;
  return { to, subject: `${code} is your Tandem sign-in code`, text, html };
}
