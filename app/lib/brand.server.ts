import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { api } from "./api.server";
import { requireMe, type Me } from "./me.server";

export interface Brand {
  id: string;
  name: string;
  website: string;
  industry: string;
  companySize: string;
  country: string;
  goal: string | null;
  /** Days creators' campaign earnings stay pending before payout. */
  holdingDays: number;
  onboardingStep: "goal" | "complete";
  role: "owner" | "admin" | "member";
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Member {
  id: string;
  userId: string;
  email: string;
  role: "owner" | "admin" | "member";
  joined: boolean;
  createdAt: string;
}

/** The signed-in person's brand, or a redirect into signup when they have none yet. */
export async function requireBrand(context: AppLoadContext, request: Request): Promise<{ me: Me; brand: Brand }> {
  const me = await requireMe(context, request);
  const membership = me.brands[0];
  if (!membership || membership.onboardingStep !== "complete") throw redirect("/brand/signup");
  const res = await api<Brand>(context, request, `/api/v1/brands/${membership.id}`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  return { me, brand: res.data };
}
