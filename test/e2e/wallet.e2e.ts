import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrand, signIn } from "../factories";
import { APP, expectHeading, flow, gateway, launch, shot, uniqueEmail, VIEWPORTS } from "./browser";


let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("brand wallet on %s", (name, viewport) => {
  it("a brand tops up its wallet through the test-mode checkout: declined first, then paid", async () => {
    const { cookie } = await signIn(gateway, uniqueEmail(`wallet-${name}`));
    await createBrand(gateway, cookie, { name: `Wallet ${name}`, website: `https://wallet-${name}-${Date.now().toString(36)}.example`, industry: "home", companySize: "1-10", country: "GB" });
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: "tandem_session", value: cookie.split("=")[1]!, domain: "localhost", path: "/", httpOnly: true, secure: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await flow(page, `wallet-${name}`, async () => {
      await page.goto(`${APP}/brand/wallet`);
      await expectHeading(page, "Wallet");
      await page.getByText("No money in your wallet yet").waitFor();
      await page.getByText("No top-ups yet.").waitFor();
      await shot(page, `brand-wallet-empty-${name}`);

      // A typo is named inline, not sent.
      await page.getByLabel("Amount").fill("12,3x");
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await page.getByText("Enter an amount, like 250 or 250.00").waitFor();

      await page.getByLabel("Amount").fill("40");
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await page.waitForURL(/\/checkout\/test\/mcs_/);
      await page.getByText("Test mode.").waitFor();
      await page.getByText("£40.00").first().waitFor();
      await page.getByRole("button", { name: "Decline payment" }).click();
      await page.getByText("The payment was declined. Nothing was charged.").waitFor();
      await shot(page, `checkout-test-declined-${name}`);
      await page.getByRole("link", { name: "Back to Tandem" }).click();
      await expectHeading(page, "Wallet");
      await page.getByText("No money in your wallet yet").waitFor();
      await page.locator(".badge", { hasText: "Declined" }).waitFor();

      await page.getByLabel("Amount").fill("250.00");
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await page.waitForURL(/\/checkout\/test\/mcs_/);
      await shot(page, `checkout-test-${name}`);
      await page.getByRole("button", { name: "Pay £250.00" }).click();
      await page.waitForURL(/\/brand\/wallet\?paid=1/);
      expect(await page.getByTestId("balance-GBP").textContent()).toBe("£250.00");
      await page.locator(".badge", { hasText: "Paid" }).waitFor();
      await shot(page, `brand-wallet-funded-${name}`);
      await page.getByRole("link", { name: "Receipt" }).first().click();
      await expectHeading(page, "Receipt");
      await page.getByText("£250.00").first().waitFor();
      await page.getByText(/^TND-/).waitFor();
      await shot(page, `brand-wallet-receipt-${name}`);
    });
    await context.close();
  });
});
