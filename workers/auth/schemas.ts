import { z } from "zod";

/** Request and response shapes for sign-in. Shared with the web app for inline validation. */
export const EmailSchema = z.email({ error: "Enter a valid email address" }).max(254);

export const OtpStartBody = z.strictObject({ email: EmailSchema });

export const OtpVerifyBody = z.strictObject({
  email: EmailSchema,
  code: z.string().regex(/^\d{6}$/, { error: "The code is 6 digits" }),
});

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  emailVerified: z.boolean(),
});

export const OtpStartResult = z.object({ sent: z.literal(true), expiresInSeconds: z.number().int() });
export const SignInResult = z.object({ user: UserSchema });

export const ProvidersResult = z.object({ google: z.boolean(), linkedin: z.boolean(), youtube: z.boolean(), tiktok: z.boolean() });
