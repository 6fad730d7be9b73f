import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCreator, signIn } from "../factories";
import { APP, expectHeading, flow, gateway, launch, shot, uniqueEmail, VIEWPORTS, sessionCookies } from "./browser";

const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as { campaignId: string; creatorHandle: string };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Scrolls through the page so lazy images load, then back to the top. */
async function loadAll(page: Page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await page.waitForLoadState("networkidle");
}

const blockNames = (page: Page) => page.locator(".ed-block .ed-block-name > span:first-child").allTextContents();

describe.each(Object.entries(VIEWPORTS))("storefront builder on %s", (name, viewport) => {
  it("a creator starts from a template, reorders and edits blocks with a live preview, publishes, and the page opens on a phone", async () => {
    const { campaignId } = demo();
    const who = await signIn(gateway, uniqueEmail(`sf-${name}`));
    const handle = `ava_${name}_${Date.now().toString(36)}`.slice(0, 30);
    const profile = await createCreator(gateway, who.cookie, { handle, displayName: `Ava ${name === "phone" ? "Phone" : "Desk"}`, niches: ["beauty"] });
    await gateway(`/api/v1/creators/${profile.id}/social`, { method: "POST", headers: { "content-type": "application/json", cookie: who.cookie }, body: JSON.stringify({ platform: "instagram", handle: "ava.glow", followers: 12000 }) });
    const joined = await gateway(`/api/v1/campaigns/${campaignId}/accept`, { method: "POST", headers: { cookie: who.cookie } });
    expect(joined.status).toBe(200);

    const ctx = await browser.newContext({ viewport });
    await ctx.addCookies(sessionCookies(who.cookie));
    const page = await ctx.newPage();
    await flow(page, `storefront-builder-${name}`, async () => {
      await page.goto(`${APP}/studio/storefront`);
      await expectHeading(page, "Your storefront");
      await shot(page, `studio-storefront-templates-${name}`);
      await page.getByRole("button", { name: "Start with Fashion" }).click();
      await page.getByTestId("storefront-preview").waitFor();
      expect(await blockNames(page)).toEqual(["Hero", "Product grid", "Featured product", "Links", "Community invite"]);

      // Reorder: drag "Links" onto the product grid's place, then move it back down one with the arrow.
      await page.getByTestId("block-links").dragTo(page.getByTestId("block-productGrid"));
      expect(await blockNames(page)).toEqual(["Hero", "Links", "Product grid", "Featured product", "Community invite"]);
      await page.getByRole("button", { name: "Move Links down" }).click();
      expect(await blockNames(page)).toEqual(["Hero", "Product grid", "Links", "Featured product", "Community invite"]);

      // Edit the hero: the preview follows as you type.
      await page.getByTestId("block-hero").getByRole("button", { name: /^Hero/ }).click();
      await page.getByLabel("Headline").fill("Ava's glow shelf");
      await page.getByTestId("storefront-preview").getByRole("heading", { name: "Ava's glow shelf" }).waitFor();
      // A required field left empty is flagged and not saved.
      await page.getByLabel("Headline").fill("");
      await page.getByText("A heading is required").waitFor();
      await page.getByText("Fix the highlighted fields to save").waitFor();
      await page.getByLabel("Headline").fill("Ava's glow shelf");

      // Add a text block and pick a theme colour.
      await page.getByRole("button", { name: "+ Add a block" }).click();
      await page.getByRole("menuitem", { name: /Text/ }).click();
      await page.getByLabel("Heading").fill("Why I started");
      await page.getByRole("tab", { name: "Theme" }).click();
      await page.getByLabel("Accent", { exact: true }).fill("#2f6f5e");
      await page.getByRole("tab", { name: "Blocks" }).click();
      await page.getByText("All changes saved").waitFor({ timeout: 10_000 });
      await shot(page, `studio-storefront-editor-${name}`);

      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await page.getByText("Published version 1.").waitFor();
      await expect(page.getByRole("button", { name: "Publish", exact: true }).isDisabled()).resolves.toBe(true);

      // The visitor's view, on a phone.
      const visitor = await browser.newContext({ viewport: VIEWPORTS.phone });
      const v = await visitor.newPage();
      const res = await v.goto(`${APP}/@${handle}`);
      expect(res!.status()).toBe(200);
      expect(res!.headers()["content-security-policy"]).toContain("default-src 'none'");
      await v.getByRole("heading", { level: 1, name: "Ava's glow shelf" }).waitFor();
      await v.getByRole("heading", { name: "Why I started" }).waitFor();
      expect(await v.locator("script:not([type='application/ld+json'])").count()).toBe(0);
      const headings = await v.locator("main h1, main h2").allTextContents();
      expect(headings.indexOf("Shop my picks")).toBeLessThan(headings.indexOf("Find me elsewhere"));
      expect(await v.locator(".sf-card").count()).toBeGreaterThan(0);
      await loadAll(v);
      await shot(v, `storefront-visitor-${name}-editor`);
      await v.locator(".sf-card").first().click();
      await v.getByRole("link", { name: /^Buy from|See it on/ }).waitFor();
      await shot(v, `storefront-product-${name}-editor`);
      await visitor.close();
    });
    await ctx.close();
  });
});

describe("seeded storefront", () => {
  it("opens /@mia on a phone with zero scripts", async () => {
    const { creatorHandle } = demo();
    const ctx = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    await flow(page, "seeded-storefront", async () => {
      await page.goto(`${APP}/@${creatorHandle}`);
      await page.locator("h1").waitFor();
      expect(await page.locator("script:not([type='application/ld+json'])").count()).toBe(0);
      await loadAll(page);
      await shot(page, "storefront-seeded-phone");
      await page.goto(`${APP}/@${creatorHandle}/p/glow-serum`);
      await expectHeading(page, "Glow Serum");
      await loadAll(page);
      await shot(page, "storefront-seeded-product-phone");
    });
    await ctx.close();
  });
});
