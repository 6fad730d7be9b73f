import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { requireMe, type Me } from "./me.server";

/** The signed-in creator, or a redirect into onboarding until they have a handle and an account. */
export async function requireCreator(context: AppLoadContext, request: Request): Promise<{ me: Me; creator: NonNullable<Me["creator"]> }> {
  const me = await requireMe(context, request);
  if (!me.creator || me.creator.socialAccounts.length === 0) throw redirect("/studio/onboarding");
  return { me, creator: me.creator };
}
