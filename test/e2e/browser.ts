import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Fetcher } from "../factories";

export const APP = process.env.E2E_APP_URL ?? "http://localhost:8788";
export const GATEWAY = process.env.E2E_GATEWAY_URL ?? "http://localhost:8787";
/** The gateway over HTTP, for a test's set-up through the API (the factories take it). */
export const gateway: Fetcher = (p, init) => fetch(`${GATEWAY}${p}`, init);
export const SCREENSHOTS = path.join(import.meta.dirname, "screenshots");

/** A session cookie (the header form `tandem_session=…`) for a browser context, as the app sets it. */
export const sessionCookies = (cookie: string) => [{ name: "tandem_session", value: cookie.split("=")[1]!, domain: "localhost", path: "/", httpOnly: true, secure: true, sameSite: "Lax" as const }];

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/**
 * Debian's Chromium with the flags this machine needs. Playwright gives every launch a fresh,
 * empty profile directory of its own (it refuses an explicit --user-data-dir for that reason).
 */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // A sticky header would be painted mid-page in a full-page capture taken while scrolled.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
}

async function mailTo(email: string): Promise<{ to: string; subject: string }[]> {
  const res = await fetch(`${APP}/dev/outbox`, { headers: { accept: "application/json" } });
  return ((await res.json()) as { to: string; subject: string }[]).filter((m) => m.to === email);
}

/** How many mails `email` has had so far; pass it to `codeFor` as `after` to wait for a newer one. */
export const mailCount = async (email: string) => (await mailTo(email)).length;

/**
 * Reads the newest sign-in code for `email` from the development outbox (newest first). With
 * `after`, waits until more than that many mails have reached `email`, so a resent code is
 * never confused with the one it replaced.
 */
export async function codeFor(email: string, { after = 0 }: { after?: number } = {}): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const mail = await mailTo(email);
    const code = mail.length > after ? mail[0]?.subject.match(/\d{6}/)?.[0] : undefined;
    if (code) return code;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no code for ${email} after ${after} earlier mails`);
}

export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.test`;

/** Signs in through the email-code form that every entry point embeds. */
export async function signInWithCode(page: Page, email: string, shotPrefix?: string) {
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: /Create account|Continue/ }).click();
  await page.getByLabel("Sign-in code").waitFor();
  if (shotPrefix) await shot(page, `${shotPrefix}-code`);
  await page.getByLabel("Sign-in code").fill(await codeFor(email));
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Runs a browser flow; on failure saves what the page looked like, then rethrows. */
export async function flow(page: Page, name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    fs.mkdirSync(path.join(import.meta.dirname, ".out"), { recursive: true });
    await page.screenshot({ path: path.join(import.meta.dirname, ".out", `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
    throw e;
  }
}

/** Waits until the page's main heading reads exactly `text` (client navigation renders a tick later). */
export async function expectHeading(page: Page, text: string) {
  const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  await page.locator("h1", { hasText: exactly }).first().waitFor({ timeout: 10_000 });
  const actual = (await page.locator("h1").first().textContent())?.trim();
  if (actual !== text) throw new Error(`expected heading "${text}", got "${actual}"`);
}

/** The headers a phone's browser sends when a person taps a link (the fraud scorer checks them against the user agent). */
const PHONE_TAP = {
  "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-language": "en-GB,en;q=0.9",
  "sec-fetch-mode": "navigate",
};

/**
 * Taps a tracked link as a phone would, from address `ip`, and returns the redirect's status.
 * Raw HTTP, not fetch: Node's fetch always sends `Sec-Fetch-Mode: cors`, which no tap does.
 */
export function tapLink(url: string, ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "GET", headers: { ...PHONE_TAP, "cf-connecting-ip": ip } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}
