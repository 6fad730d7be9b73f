import { isbot } from "isbot";

/** Link-preview fetchers: they unfurl a link in a chat or feed; a person has not clicked yet. */
const PREVIEW = /slackbot|slack-imgproxy|twitterbot|facebookexternalhit|facebookcatalog|meta-externalagent|linkedinbot|discordbot|whatsapp|telegrambot|skypeuripreview|iframely|embedly|pinterestbot|redditbot|applebot|snapchat|vkshare|viber/i;

const IN_APP_PHONE = /^Mozilla\/5\.0 \((?:iPhone|iPad|Linux; Android)[^)]*\) AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)(?!.*compatible)/;

/** Automation that isbot's list may miss: headless browsers, drivers, HTTP libraries. */
const HEADLESS = /headlesschrome|phantomjs|puppeteer|playwright|selenium|webdriver|electron\/|python-requests|python-urllib|aiohttp|httpx|go-http-client|java\/|okhttp|node-fetch|undici|axios|curl\/|wget\/|libwww|scrapy|httpclient/i;

/**
 * Autonomous systems of hosting and cloud providers: people rarely browse from them, scripts
 * usually run there. (AWS, Google Cloud, Azure, DigitalOcean, OVH, Hetzner, Linode/Akamai,
 * Vultr, Contabo, Alibaba, Oracle, Scaleway, Tencent, Leaseweb, M247, IONOS, Hostinger, …)
 */
export const DATACENTER_ASNS = new Set([
  16509, 14618, 8987, 396982, 15169, 19527, 8075, 8068, 14061, 16276, 24940, 63949, 20473, 51167, 45102, 37963, 31898, 12876,
  132203, 45090, 60781, 28753, 9009, 8560, 47583, 213230, 62567, 36352, 46606, 40021, 55286, 35916, 29802, 54290, 20454,
  53667, 206264, 197540, 49981, 43357, 210644, 211252, 209588, 399629, 262287, 7506, 9370, 2516,
]);

/**
 * The big public clouds (AWS, Google Cloud, Microsoft Azure). Beside scripts they carry the
 * egress of enterprise security services (Prisma Access, Netskope and Zscaler points of
 * presence, corporate VPNs), so a real browser arriving from one is not proof of a bot.
 */
export const PUBLIC_CLOUD_ASNS = new Set([16509, 14618, 8987, 396982, 15169, 19527, 8075, 8068]);

export type UaClass = "preview" | "headless" | "bot" | "browser" | "empty";

const classified = new Map<string, UaClass>();

/**
 * A user agent's class, memoised. Browser-shaped user agents are memoised by their shape (digits
 * folded), since in-app browsers put build numbers and device ids in theirs and the bot list's
 * regular expression is the scorer's most expensive step.
 */
export function classifyUserAgent(ua: string): UaClass {
  const key = ua.startsWith("Mozilla/5.0 (") ? ua.replace(/\d+/g, "0") : ua;
  let c = classified.get(key);
  if (c === undefined) {
    c = classifyUncached(ua);
    if (classified.size >= 30_000) classified.clear();
    classified.set(key, c);
  }
  return c;
}

/** What the scorer needs to know about a user agent, computed once per distinct string. */
export interface UaFacts {
  cls: UaClass;
  webview: boolean;
  /** An Android WebView that names no app (see bareWebview). */
  bareWebview: boolean;
  chromium: number | null;
  /** FNV-1a state after the user agent, where the scorer's header fingerprint goes on. */
  hash: number;
}

const facts = new Map<string, UaFacts>();

export function uaFacts(ua: string): UaFacts {
  let f = facts.get(ua);
  if (!f) {
    let h = 0x811c9dc5;
    for (let i = 0; i < ua.length; i++) h = Math.imul(h ^ ua.charCodeAt(i), 0x01000193);
    f = { cls: classifyUserAgent(ua), webview: isWebview(ua), bareWebview: bareWebview(ua), chromium: chromiumMajor(ua), hash: Math.imul(h ^ 0x7c, 0x01000193) };
    if (facts.size >= 30_000) facts.clear();
    facts.set(ua, f);
  }
  return f;
}

function classifyUncached(ua: string): UaClass {
  if (!ua || ua.length < 8) return "empty";
  // In-app browsers carry their app's name (Snapchat, WhatsApp…) in a full phone browser's user agent: not a preview fetcher.
  if (PREVIEW.test(ua) && !IN_APP_PHONE.test(ua)) return "preview";
  if (HEADLESS.test(ua)) return "headless";
  if (isbot(ua)) return "bot";
  return "browser";
}

/** The network a visitor's address sits in: /24 for IPv4, /48 for IPv6. */
export function subnetOf(ip: string): string {
  if (ip.includes(":")) return ip.split(":").slice(0, 3).join(":");
  const end = ip.lastIndexOf(".");
  return end < 0 ? ip : ip.slice(0, end);
}

/** A wider block (/16, or /32 for IPv6) for measuring how spread out traffic is. */
export function blockOf(ip: string): string {
  if (ip.includes(":")) return ip.split(":").slice(0, 2).join(":");
  return ip.split(".").slice(0, 2).join(".");
}

/** In-app browsers (Instagram, Facebook, TikTok, Snapchat, Android WebView…): they often send no Accept-Language or Referer. */
export const isWebview = (ua: string) => /; wv\)|FBAN|FBAV|Instagram|musical_ly|BytedanceWebview|TikTok|Snapchat|Line\/|GSA\//.test(ua);

/**
 * An Android WebView (`; wv)`) whose user agent names no app. The social and messaging apps
 * people open links in add their token (Instagram, FBAV, musical_ly, Line/…); a bare WebView is
 * what an SDK or a hidden view inside some other app loads, the vehicle of background click fraud.
 */
export const bareWebview = (ua: string) => ua.includes("; wv)") && !/FBAN|FBAV|FB_IAB|Instagram|musical_ly|BytedanceWebview|TikTok|Snapchat|Line\/|GSA\/|Pinterest|Twitter|LinkedInApp|KAKAOTALK|WhatsApp|Telegram|YaApp|baiduboxapp|MicroMessenger/.test(ua);

/** The Chromium major version a user agent claims (not Chrome on iOS, which is WebKit), or null. */
export function chromiumMajor(ua: string): number | null {
  if (/CriOS|EdgiOS|FxiOS|OPiOS/.test(ua)) return null;
  const m = /(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/.exec(ua);
  return m ? Number(m[1]) : null;
}

/** The Chromium major version in a Sec-CH-UA header (`"Chromium";v="130", …`), or null. */
export function secChUaMajor(header: string): number | null {
  const m = /"(?:Chromium|Google Chrome|Microsoft Edge|Android WebView)";\s*v="(\d+)"/.exec(header);
  return m ? Number(m[1]) : null;
}

/**
 * Whether the request's headers contradict its user agent, as a script wearing a browser's user
 * agent gives itself away: Chromium ≥ 90 always sends Sec-CH-UA on a secure navigation and its
 * version matches; Safari and Firefox never send it; a browser navigating always accepts
 * text/html. Only judged when the headers were recorded (`secFetchMode`/`accept` not undefined).
 */
export function headerMismatch(ua: UaFacts, secChUa: string | null | undefined, accept: string | null | undefined): boolean {
  if (secChUa === undefined && accept === undefined) return false;
  if (accept == null || accept === "" || !/text\/html|application\/xhtml/.test(accept)) return true;
  const claimed = ua.chromium;
  const sent = secChUa ? secChUaMajor(secChUa) : null;
  if (claimed === null) return !!secChUa && sent !== null;
  if (!secChUa) return claimed >= 90 && !ua.webview;
  return sent !== null && sent !== claimed;
}

/** The host of a Referer ("" without one). */
export function refererHost(referer: string | null | undefined): string {
  if (!referer) return "";
  const start = referer.indexOf("//");
  const from = start < 0 ? 0 : start + 2;
  const end = referer.indexOf("/", from);
  return referer.slice(from, end < 0 ? undefined : end).toLowerCase();
}

/**
 * Where people ordinarily come from: social networks, search, mail, messaging and newsletter
 * platforms. Traffic surging from anywhere else (coupon sites, offerwalls) is worth a look.
 */
const KNOWN_SOURCES = new Set([
  "instagram.com", "facebook.com", "fb.com", "messenger.com", "threads.net", "tiktok.com", "youtube.com", "youtu.be", "t.co", "twitter.com", "x.com",
  "linktr.ee", "beacons.ai", "stan.store", "pinterest.com", "pin.it", "reddit.com", "snapchat.com", "linkedin.com", "lnkd.in", "tumblr.com", "twitch.tv",
  "bsky.app", "mastodon.social", "discord.com", "telegram.org", "t.me", "whatsapp.com", "wa.me", "slack.com", "teams.microsoft.com", "microsoft.com",
  "office.com", "outlook.com", "live.com", "google.com", "mail.google.com", "bing.com", "duckduckgo.com", "yahoo.com", "ecosia.org", "baidu.com",
  "yandex.ru", "naver.com", "substack.com", "beehiiv.com", "mailchi.mp", "medium.com", "quora.com", "vk.com", "line.me", "kakao.com",
]);

const sources = new Map<string, boolean>();

export function knownSource(host: string): boolean {
  let known = sources.get(host);
  if (known === undefined) {
    known = isKnownSource(host);
    if (sources.size >= 10_000) sources.clear();
    sources.set(host, known);
  }
  return known;
}

function isKnownSource(host: string): boolean {
  if (!host) return false;
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) {
    if (KNOWN_SOURCES.has(h)) return true;
    if (/^google\.[a-z.]+$/.test(h)) return true;
  }
  return false;
}
