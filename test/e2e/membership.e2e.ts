import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../factories";
import { APP, expectHeading, flow, gateway, launch, shot, uniqueEmail, VIEWPORTS, sessionCookies } from "./browser";

type Demo = { communitySlug: string; paidTierId: string };
const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as Demo;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("paid membership on %s", (name, viewport) => {
  it("a member subscribes to a paid tier, enters the room it opens, and cancels at the period end", async () => {
    const { communitySlug, paidTierId } = demo();
    expect(paidTierId).toMatch(/^tier_/);
    const m = await signIn(gateway, uniqueEmail(`plus-${name}`));
    expect((await gateway(`/api/v1/communities/${communitySlug}/join`, { method: "POST", headers: { cookie: m.cookie } })).status).toBe(200);
    const ctx = await browser.newContext({ viewport });
    await ctx.addCookies(sessionCookies(m.cookie));
    const page = await ctx.newPage();
    await flow(page, `membership-${name}`, async () => {
      await page.goto(`${APP}/c/${communitySlug}`);
      const lounge = page.locator("li", { hasText: "Plus lounge" });
      await lounge.getByText("Locked").waitFor();
      expect(await lounge.getByRole("link", { name: "Enter" }).count()).toBe(0);
      await page.getByRole("button", { name: "Join · £5.00/mo" }).click();
      await page.waitForURL(/\/checkout\/test\/mcs_/);
      await page.getByText("Glow Club: Glow Club Plus (monthly)").waitFor();
      await shot(page, `membership-checkout-${name}`);
      await page.getByRole("button", { name: "Pay £5.00" }).click();
      await page.waitForURL(/\/orders\/ord_\w+\?paid=1/);
      await expectHeading(page, "Thank you for your order");
      await page.getByText("Your membership is active.").waitFor();

      await page.goto(`${APP}/c/${communitySlug}`);
      await page.locator("li.tier-row", { hasText: "Glow Club Plus" }).getByText("Your tier").waitFor();
      await page.locator("li", { hasText: "Plus lounge" }).getByRole("link", { name: "Enter" }).click();
      await page.waitForURL(/\/r\/room_/);
      await page.getByTestId("room-state").getByText(/^Live/).waitFor();
      await shot(page, `membership-room-${name}`);

      await page.goto(`${APP}/orders`);
      const card = page.locator("article", { hasText: "Glow Club Plus" }).first();
      await card.getByText("Active").waitFor();
      await card.getByText(/renews/).waitFor();
      await card.getByRole("button", { name: "Cancel at period end" }).click();
      await card.getByText("Ends at period end").waitFor();
      await card.getByText(/access until/).waitFor();
      await shot(page, `membership-cancelled-${name}`);
      await card.getByRole("button", { name: "Keep my membership" }).click();
      await card.getByText("Active").waitFor();
    });
    await ctx.close();
  });
});
