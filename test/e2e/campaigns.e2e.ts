import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrand, createCreator, fundWallet, mintLink, signIn } from "../factories";
import { APP, expectHeading, flow, GATEWAY, gateway, launch, shot, tapLink, uniqueEmail, VIEWPORTS } from "./browser";


let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("campaigns on %s", (name, viewport) => {
  it("a brand creates and launches a campaign, and a click on a creator's link shows on its dashboard within seconds", async () => {
    const email = uniqueEmail(`campaigns-${name}`);
    const { cookie } = await signIn(gateway, email);
    const domain = `camp-${name}-${Date.now().toString(36)}.example`;
    const brandId = (await createBrand(gateway, cookie, { name: `Juniper ${name}`, website: `https://${domain}`, industry: "home", companySize: "11-50", country: "GB" })).id;
    // Launch commits the budget from the wallet (the wallet's own flow is wallet.e2e.ts).
    await fundWallet(gateway, cookie, brandId, 50_000);
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: "tandem_session", value: cookie.split("=")[1]!, domain: "localhost", path: "/", httpOnly: true, secure: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await flow(page, `campaigns-${name}`, async () => {
      await page.goto(`${APP}/brand/campaigns`);
      await expectHeading(page, "Campaigns");
      await page.getByText("No campaigns yet").waitFor();
      await shot(page, `brand-campaigns-empty-${name}`);
      await page.getByRole("link", { name: "Create your first campaign" }).click();
      await expectHeading(page, "New campaign");
      await page.getByLabel("Campaign name").fill("Linen season");
      await page.getByRole("radio", { name: /Per click/ }).check();
      await page.getByLabel("Rate per click").fill("0.45");
      await page.getByLabel("Total budget").fill("500");
      await page.getByLabel("Daily cap (optional)").fill("50");
      // The forecast follows the form: with no history yet it says so.
      await page.getByTestId("forecast").getByText("budget lasts").waitFor();
      await page.getByTestId("forecast").getByText(/Confidence: low/).waitFor();
      await shot(page, `brand-campaign-new-${name}`);
      await page.getByRole("button", { name: "Save draft and continue" }).click();

      // Step 2: audience and schedule (saved as a draft at every step).
      await page.waitForURL(/\/setup\?step=2$/);
      // The URL changes before the new step has rendered: wait for the step itself.
      await page.locator('.steps li[aria-current="step"]', { hasText: "Audience and schedule" }).waitFor();
      await page.getByRole("checkbox", { name: "Home" }).check();
      await page.getByLabel("Time zone").selectOption("Europe/London");
      await page.getByRole("button", { name: "Save and continue" }).click();
      // Step 3: brief and pages; a page off the brand's domain is refused inline.
      await page.waitForURL(/\/setup\?step=3$/);
      await page.getByLabel("Brief").fill("Two looks in the linen set, natural light.");
      await page.getByLabel("Deliverables").fill("One Reel and three Stories");
      await page.getByLabel("Usage rights").fill("Organic reuse for 90 days");
      await page.getByLabel(/Pages to promote/).fill("https://elsewhere.example/linen");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await page.getByText("not one of this brand's registered domains").waitFor();
      await page.getByLabel(/Pages to promote/).fill(`https://${domain}/linen`);
      await page.getByRole("button", { name: "Save and continue" }).click();
      // Step 4: review with the forecast, then launch.
      await page.waitForURL(/\/setup\?step=4$/);
      await page.getByTestId("forecast").getByText("budget lasts").waitFor();
      await shot(page, `brand-campaign-review-${name}`);
      await page.getByRole("button", { name: "Launch campaign" }).click();
      await expectHeading(page, "Linen season");
      expect(await page.locator(".badge").first().textContent()).toBe("Active");
      const campaignId = new URL(page.url()).pathname.split("/").pop()!;

      // A creator's link for this campaign, and one real click on it.
      const creator = await signIn(gateway, uniqueEmail(`campaign-creator-${name}`));
      const profile = await createCreator(gateway, creator.cookie, { handle: `linen_${name}_${Date.now().toString(36)}`, displayName: "Ada Linen", niches: ["home"] });
      const link = await mintLink(gateway, cookie, { campaignId, creatorId: profile.id, destination: `https://${domain}/linen` });
      expect(await tapLink(`${GATEWAY}/l/${link.code}`, "81.2.69.160")).toBe(302);
      const clickedAt = Date.now();

      // The dashboard refreshes itself: the click and the creator appear without a reload.
      await page.locator("table.data td", { hasText: "Ada Linen" }).waitFor({ timeout: 10_000 });
      expect(Date.now() - clickedAt).toBeLessThan(10_000);
      expect(await page.locator(".kpi", { hasText: "Valid clicks" }).locator(".value").textContent()).toBe("1");
      expect(await page.locator(".kpi", { hasText: "Spend" }).locator(".value").textContent()).toBe("£0.45");
      await shot(page, `brand-campaign-dashboard-${name}`);

      // Every table downloads as CSV.
      const csv = await page.request.get(`${APP}/brand/campaigns/${campaignId}/export.csv?table=creators`);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
      expect(lines[0]).toBe("creator,handle,valid_clicks,invalid_clicks,conversions,revenue_GBP,spend_GBP,roi");
      expect(lines[1]).toMatch(/^Ada Linen,linen_.*,1,0,0,0\.00,0\.45,-1\.0000$/);

      // Fraud controls: a what-if at another sensitivity before saving it.
      await page.getByRole("heading", { name: "Fraud controls" }).waitFor();
      await page.locator('input[type="range"][name="threshold"]').fill("0.7");
      await page.getByText(/would have been flagged/).waitFor();
      await page.getByRole("button", { name: "Save sensitivity" }).click();
      await page.getByText("This is the current setting.").waitFor();
      expect(await page.getByText("flag clicks scoring 0.70 or more").count()).toBe(1);
    });
    await context.close();
  });
});
