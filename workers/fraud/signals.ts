import { isbot } from "isbot";

/** Link-preview fetchers: they unfurl a link in a chat or feed; a person has not clicked yet. */
const PREVIEW = /slackbot|slack-imgproxy|twitterbot|facebookexternalhit|facebookcatalog|meta-externalagent|linkedinbot|discordbot|whatsapp|telegrambot|skypeuripreview|iframely|embedly|pinterestbot|redditbot|applebot|snapchat|vkshare|viber/i;

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

export type UaClass = "preview" | "headless" | "bot" | "browser" | "empty";

export function classifyUserAgent(ua: string): UaClass {
  if (!ua || ua.length < 8) return "empty";
  if (PREVIEW.test(ua)) return "preview";
  if (HEADLESS.test(ua)) return "headless";
  if (isbot(ua)) return "bot";
  return "browser";
}

/** The network a visitor's address sits in: /24 for IPv4, /48 for IPv6. */
export function subnetOf(ip: string): string {
  if (ip.includes(":")) return ip.split(":").slice(0, 3).join(":");
  return ip.split(".").slice(0, 3).join(".");
}

/** A wider block (/16, or /32 for IPv6) for measuring how spread out traffic is. */
export function blockOf(ip: string): string {
  if (ip.includes(":")) return ip.split(":").slice(0, 2).join(":");
  return ip.split(".").slice(0, 2).join(".");
}
