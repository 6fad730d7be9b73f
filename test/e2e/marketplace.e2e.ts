import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCreator, signIn } from "../factories";
import { APP, expectHeading, flow, gateway, launch, shot, tapLink, uniqueEmail, VIEWPORTS, sessionCookies } from "./browser";

const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as { brandSessionCookie: string; openCampaignId: string };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("marketplace on %s", (name, viewport) => {
  it("a creator joins an open campaign, copies a link, and one click shows on both dashboards within 5 seconds", async () => {
    const { brandSessionCookie, openCampaignId } = demo();
    const who = await signIn(gateway, uniqueEmail(`mk-${name}`));
    const displayName = `Noa ${name} ${Date.now().toString(36)}`;
    const profile = await createCreator(gateway, who.cookie, { handle: `noa_${name}_${Date.now().toString(36)}`, displayName, niches: ["beauty"] });
    await gateway(`/api/v1/creators/${profile.id}/social`, { method: "POST", headers: { "content-type": "application/json", cookie: who.cookie }, body: JSON.stringify({ platform: "instagram", handle: "noa.glow", followers: 8200 }) });

    const creatorCtx = await browser.newContext({ viewport, permissions: ["clipboard-read", "clipboard-write"] });
    await creatorCtx.addCookies(sessionCookies(who.cookie));
    const page = await creatorCtx.newPage();
    const brandCtx = await browser.newContext({ viewport });
    await brandCtx.addCookies(sessionCookies(brandSessionCookie));
    const brandPage = await brandCtx.newPage();

    await flow(page, `marketplace-${name}`, async () => {
      await page.goto(`${APP}/studio/marketplace?niche=beauty`);
      await expectHeading(page, "Marketplace");
      const offer = page.getByTestId(`offer-${openCampaignId}`);
      await offer.waitFor();
      await shot(page, `creator-marketplace-${name}`);
      await offer.getByRole("button", { name: "Join campaign" }).click();
      await offer.getByText("You joined. Share these links:").waitFor();
      const link = (await offer.getByTestId("affiliate-link").first().textContent())!;
      expect(link).toMatch(/\/l\/[0-9A-Za-z]{8}$/);
      await offer.getByRole("button", { name: "Copy link" }).first().click();
      await offer.getByRole("button", { name: "Copied ✓" }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      await shot(page, `creator-marketplace-joined-${name}`);

      await page.goto(`${APP}/studio`);
      await page.getByText("Night Repair Mask").first().waitFor();
      await brandPage.goto(`${APP}/brand/campaigns/${openCampaignId}`);
      await expectHeading(brandPage, "Night Repair Mask");

      expect(await tapLink(link, `81.2.70.${name === "phone" ? 11 : 12}`)).toBe(302);
      const clickedAt = Date.now();
      await Promise.all([
        brandPage.locator("table.data tr", { hasText: displayName }).waitFor({ timeout: 5_000 }),
        page.getByText(/· 1 click ·/).first().waitFor({ timeout: 5_000 }),
      ]);
      const seconds = (Date.now() - clickedAt) / 1000;
      expect(seconds).toBeLessThan(5);
      console.log(`click visible on both dashboards after ${seconds.toFixed(1)} s (${name})`);
      await shot(page, `creator-studio-earnings-${name}`);
      const csv = await page.request.get(`${APP}/studio/earnings.csv`);
      expect((await csv.text()).replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("campaign,brand,currency,earned,valid_clicks,conversions,epc,links");
      await shot(brandPage, `brand-campaign-creator-row-${name}`);
    });
    await creatorCtx.close();
    await brandCtx.close();
  });
});
