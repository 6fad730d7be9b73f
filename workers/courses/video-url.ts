/**
 * Lesson videos are links to a host that embeds them: YouTube, Vimeo or Loom, over https. The
 * URL is stored as given; the UI turns it into the provider's embed.
 */
export type VideoProvider = "youtube" | "vimeo" | "loom";

export function videoProvider(url: string): VideoProvider | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" || u.username || u.password || u.port) return null;
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  const parts = u.pathname.split("/").filter(Boolean);
  if (host === "youtube.com" || host === "m.youtube.com" || host === "youtube-nocookie.com") {
    const id = parts[0] === "watch" ? u.searchParams.get("v") : parts[0] === "shorts" || parts[0] === "embed" || parts[0] === "live" ? parts[1] : null;
    return id && /^[\w-]{6,20}$/.test(id) ? "youtube" : null;
  }
  if (host === "youtu.be") return parts[0] && /^[\w-]{6,20}$/.test(parts[0]) ? "youtube" : null;
  if (host === "vimeo.com") return parts[0] && /^\d{4,12}$/.test(parts[0]) ? "vimeo" : null;
  if (host === "player.vimeo.com") return parts[0] === "video" && parts[1] && /^\d{4,12}$/.test(parts[1]) ? "vimeo" : null;
  if (host === "loom.com") return (parts[0] === "share" || parts[0] === "embed") && parts[1] && /^[0-9a-f]{16,64}$/i.test(parts[1]) ? "loom" : null;
  return null;
}
