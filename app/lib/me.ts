/** Who is signed in, as the gateway's GET /api/v1/me describes them. */
export interface Me {
  kind: "user";
  user: { id: string; email: string; name: string | null; emailVerified: boolean };
  brands: { id: string; name: string; role: "owner" | "admin" | "member"; onboardingStep: "goal" | "complete" }[];
  creator: {
    id: string;
    handle: string;
    displayName: string;
    bio: string;
    niches: string[];
    socialAccounts: { id: string; platform: string; handle: string; followers: number | null; verified: boolean; snapshotAt: string }[];
  } | null;
}

/** Where a signed-in person belongs: their console, or the chooser. */
export function homeFor(me: Me): string {
  const brand = me.brands[0];
  if (brand) return brand.onboardingStep === "complete" ? "/brand" : "/brand/signup";
  if (me.creator) return "/studio";
  return "/welcome";
}
