import type { AppLoadContext } from "@remix-run/cloudflare";
import type { Providers } from "../components/otp-sign-in";
import { api } from "./api.server";

const NONE: Providers = { google: false, linkedin: false, youtube: false, tiktok: false };

export async function getProviders(context: AppLoadContext, request: Request): Promise<Providers> {
  const res = await api<Providers>(context, request, "/api/v1/auth/providers");
  return res.ok ? res.data : NONE;
}
