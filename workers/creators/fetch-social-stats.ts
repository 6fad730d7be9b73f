import type { OAuth2Tokens } from "arctic";
import { z } from "zod";
import { AppError } from "../lib/errors";
import type { SocialProvider } from "../auth/oauth-providers";

/** Documented shapes of the two stats endpoints we read (only the fields used). */
const YouTubeChannels = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string(), customUrl: z.string().optional() }),
        statistics: z.object({ subscriberCount: z.string().optional(), hiddenSubscriberCount: z.boolean().optional() }),
      }),
    )
    .default([]),
});

const TikTokUserInfo = z.object({
  data: z.object({
    user: z.object({
      open_id: z.string(),
      username: z.string().optional(),
      display_name: z.string().optional(),
      follower_count: z.number().int().optional(),
    }),
  }),
  error: z.object({ code: z.string() }).optional(),
});

export const YOUTUBE_CHANNELS_URL = "https://www.googleapis.com/youtube/v3/channels?part=snippet,statistics&mine=true";
export const TIKTOK_USER_INFO_URL = "https://open.tiktokapis.com/v2/user/info/?fields=open_id,username,display_name,follower_count";

async function getJson(url: string, accessToken: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  if (!res.ok) throw new AppError("provider_unavailable", `The platform answered ${res.status} when asked for your profile.`);
  return res.json();
}

/** Reads the verified account's id, handle and follower count with the user's access token. */
export async function fetchSocialStats(provider: SocialProvider, tokens: OAuth2Tokens) {
  const token = tokens.accessToken();
  if (provider === "youtube") {
    const body = YouTubeChannels.safeParse(await getJson(YOUTUBE_CHANNELS_URL, token));
    const channel = body.success ? body.data.items[0] : undefined;
    if (!channel) throw new AppError("oauth_failed", "That Google account has no YouTube channel.");
    const subs = channel.statistics.hiddenSubscriberCount ? null : Number(channel.statistics.subscriberCount ?? NaN);
    return {
      providerAccountId: channel.id,
      handle: (channel.snippet.customUrl ?? channel.snippet.title).replace(/^@/, ""),
      followers: subs !== null && Number.isFinite(subs) ? subs : null,
    };
  }
  const body = TikTokUserInfo.safeParse(await getJson(TIKTOK_USER_INFO_URL, token));
  if (!body.success) throw new AppError("provider_unavailable", "TikTok returned a profile we could not read.");
  const u = body.data.data.user;
  return { providerAccountId: u.open_id, handle: u.username ?? u.display_name ?? u.open_id, followers: u.follower_count ?? null };
}
