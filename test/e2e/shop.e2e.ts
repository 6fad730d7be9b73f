import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buy, createCreator, createCreatorProduct, payTestCheckout, signIn } from "../factories";
import { APP, codeFor, expectHeading, flow, gateway, GATEWAY, launch, shot, uniqueEmail, VIEWPORTS, sessionCookies } from "./browser";

const json = (cookie: string, body: unknown, method = "POST") => ({ method, headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** A creator with a published storefront whose Shop block shows a download they sell. */
async function creatorWithShop(name: string) {
  const who = await signIn(gateway, uniqueEmail(`shop-${name}`));
  const handle = `kai_${name}_${Date.now().toString(36)}`.slice(0, 30);
  const profile = await createCreator(gateway, who.cookie, { handle, displayName: `Kai ${name === "phone" ? "Phone" : "Desk"}`, niches: ["fitness"] });
  await gateway(`/api/v1/creators/${profile.id}/social`, json(who.cookie, { platform: "instagram", handle: `kai.${name}`, followers: 8000 }));
  const started = (await (await gateway("/api/v1/storefronts/mine", json(who.cookie, { template: "services" }))).json()) as { draftRevision: number; draft: { blocks: unknown[] } };
  const doc = { ...started.draft, blocks: [{ id: "shopblock01", type: "shop", props: { heading: "Train with me", intro: "Plans I wrote and sessions with me." } }, ...started.draft.blocks] };
  expect((await gateway("/api/v1/storefronts/mine/draft", json(who.cookie, { doc, revision: started.draftRevision }, "PUT"))).status).toBe(200);
  expect((await gateway("/api/v1/storefronts/mine/publish", json(who.cookie, { note: "Shop" }))).status).toBe(200);
  const plan = await createCreatorProduct(gateway, who.cookie, { kind: "digital", title: "12-week strength plan", description: "Three sessions a week, printable.", priceMinor: 1_400, currency: "GBP", status: "active" }, { name: "strength-plan.pdf", bytes: new TextEncoder().encode("%PDF-1.4 strength plan") });
  return { cookie: who.cookie, handle, plan };
}

describe.each(Object.entries(VIEWPORTS))("creator shop on %s", (name, viewport) => {
  it("a fan buys a creator's download and gets the file; the creator adds a physical good, sees the sale and fulfils a shipped order", async () => {
    const creator = await creatorWithShop(name);
    const fan = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await fan.newPage();
    await flow(page, `shop-fan-${name}`, async () => {
      await page.goto(`${APP}/@${creator.handle}`);
      const shop = page.locator("#shop");
      await shop.getByRole("heading", { name: "Train with me" }).waitFor();
      await shop.screenshot({ path: `${import.meta.dirname}/screenshots/shop-block-${name}.png` });
      await shop.getByRole("link", { name: /12-week strength plan/ }).click();
      await expectHeading(page, "12-week strength plan");
      await page.getByText("Instant download").first().waitFor();
      await shot(page, `shop-product-${name}`);

      // Buying needs an account: the fan signs in and comes back to the product.
      await page.getByRole("button", { name: "Buy · £14" }).click();
      await page.waitForURL(/\/signin\?next=/);
      const email = uniqueEmail(`fan-${name}`);
      await page.getByLabel("Work email").fill(email);
      await page.getByRole("button", { name: /Create account|Continue/ }).click();
      await page.getByLabel("Sign-in code").fill(await codeFor(email));
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectHeading(page, "12-week strength plan");
      await page.getByRole("button", { name: "Buy · £14" }).click();

      await page.waitForURL(/\/checkout\/test\/mcs_/);
      await page.getByText("Test mode.").waitFor();
      await page.getByText("12-week strength plan").waitFor();
      await shot(page, `shop-checkout-${name}`);
      await page.getByRole("button", { name: "Pay £14.00" }).click();
      await page.waitForURL(/\/orders\/ord_\w+\?paid=1/);
      await expectHeading(page, "Thank you for your order");
      await page.locator(".badge", { hasText: "Fulfilled" }).waitFor();
      await shot(page, `shop-order-${name}`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download strength-plan.pdf" }).click()]);
      expect(download.suggestedFilename()).toBe("strength-plan.pdf");
      expect(fs.readFileSync((await download.path())!, "utf8")).toBe("%PDF-1.4 strength plan");
      await page.getByRole("link", { name: "Orders", exact: true }).click();
      await expectHeading(page, "Your orders");
      await page.getByText("12-week strength plan").first().waitFor();
    });

    const studio = await browser.newContext({ viewport });
    await studio.addCookies(sessionCookies(creator.cookie));
    const desk = await studio.newPage();
    await flow(desk, `shop-studio-${name}`, async () => {
      await desk.goto(`${APP}/studio/shop`);
      await expectHeading(desk, "Shop");
      await desk.getByText("you earn £13.30").waitFor();
      // A mistake is named inline; then a physical good with stock goes on sale.
      await desk.getByLabel("What is it?").selectOption("physical");
      await desk.getByLabel("Title").fill("Resistance band set");
      await desk.getByLabel("Price").fill("twelve");
      await desk.getByRole("button", { name: "Add product" }).click();
      await desk.getByText("Enter a price, like 15 or 15.00").waitFor();
      await desk.getByLabel("Price").fill("24.50");
      await desk.getByLabel("Stock (optional)").fill("1");
      await desk.getByRole("button", { name: "Add product" }).click();
      await desk.getByText("Product added.").waitFor();
      await desk.getByText("Physical good · £24.50 · 0 sold · 1 left").waitFor();
      await shot(desk, `shop-studio-${name}`);
    });

    // The fan buys the last band, giving a shipping address; it then shows as sold out.
    await flow(page, `shop-fan-ship-${name}`, async () => {
      await page.goto(`${APP}/@${creator.handle}/shop/resistance-band-set`);
      await page.getByRole("button", { name: "Buy · £24.50" }).click();
      await page.waitForURL(/\/checkout\/test\/mcs_/);
      // Without an address the browser keeps the form (the gateway would refuse it too: see orders.test.ts).
      await page.getByRole("button", { name: "Pay £24.50" }).click();
      expect(await page.getByLabel("Full name").evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
      expect(page.url()).toMatch(/\/checkout\/test\/mcs_/);
      await page.getByLabel("Full name").fill("Robin Fan");
      await page.getByLabel("Address", { exact: true }).fill("4 Mill Lane");
      await page.getByLabel("Town or city").fill("York");
      await page.getByLabel("Postcode").fill("YO1 7HH");
      await shot(page, `shop-checkout-address-${name}`);
      await page.getByRole("button", { name: "Pay £24.50" }).click();
      await page.waitForURL(/\/orders\/ord_/);
      await page.getByText("Shipping to Robin Fan, 4 Mill Lane, York YO1 7HH, GB").waitFor();
      await page.goto(`${APP}/@${creator.handle}/shop/resistance-band-set?fresh=1`);
      await page.getByText("Sold out for now.").waitFor();
    });

    await flow(desk, `shop-fulfil-${name}`, async () => {
      await desk.goto(`${APP}/studio/shop`);
      await desk.getByText("Ship to Robin Fan, 4 Mill Lane, York YO1 7HH, GB").waitFor();
      await desk.getByRole("button", { name: "Mark fulfilled" }).click();
      await desk.locator(".shop-order .badge", { hasText: "Fulfilled" }).nth(1).waitFor();
      expect(await desk.getByRole("button", { name: "Mark fulfilled" }).count()).toBe(0);
      // The seller refunds part of the band order; its row shows what went back.
      const band = desk.locator(".shop-order", { hasText: "Resistance band set" });
      await band.getByLabel("Amount to refund (empty: everything left)").fill("4.50");
      await band.getByRole("button", { name: "Refund" }).click();
      await band.getByText("£4.50 refunded").waitFor();
      await band.locator(".badge", { hasText: "Partly refunded" }).waitFor();
      await shot(desk, `shop-refund-${name}`);
    });
    await fan.close();
    await studio.close();
  });

  it("the creator sees a sale pending, then available after the window, sets up payouts and is paid", async () => {
    const creator = await creatorWithShop(`${name}p`);
    const kit = await createCreatorProduct(gateway, creator.cookie, { kind: "service", title: "Form check video call", priceMinor: 2_500, currency: "GBP", status: "active" });
    const fan = await signIn(gateway, uniqueEmail(`payfan-${name}`));
    await payTestCheckout(gateway, (await buy(gateway, fan.cookie, [{ productId: kit.id, quantity: 1 }])).url);

    const ctx = await browser.newContext({ viewport });
    await ctx.addCookies(sessionCookies(creator.cookie));
    const page = await ctx.newPage();
    await flow(page, `earnings-${name}`, async () => {
      await page.goto(`${APP}/studio/earnings`);
      await expectHeading(page, "Earnings");
      // The browser-test stack fires no crons by itself: the sale waits for the settlement job.
      expect(await page.getByTestId("pending-GBP").textContent()).toBe("£23.75");
      expect(await page.getByTestId("available-GBP").textContent()).toBe("£0.00");
      await page.getByText(/£23\.75 becomes available on/).waitFor();
      await shot(page, `earnings-pending-${name}`);

      // The demo's sales window is zero days: the next run of the job makes it available.
      expect((await fetch(`${GATEWAY}/__scheduled?cron=${encodeURIComponent("* * * * *")}`)).status).toBe(200);
      await page.reload();
      expect(await page.getByTestId("available-GBP").textContent()).toBe("£23.75");
      expect(await page.getByTestId("pending-GBP").textContent()).toBe("£0.00");
      await page.getByText("Nothing pending").waitFor();

      await page.getByLabel("Country").selectOption("GB");
      await page.getByRole("button", { name: "Set up payouts" }).click();
      await page.waitForURL(/onboarding=done/);
      await page.getByText("Payout details saved.").waitFor();
      await page.getByRole("button", { name: "Pay out £23.75 now" }).click();
      await page.waitForURL(/paid=1/);
      // The payouts queue sends it; the page shows it paid once the transfer has gone through.
      for (let i = 0; i < 40 && !(await page.locator(".badge", { hasText: /^Paid$/ }).count()); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await page.locator(".badge", { hasText: /^Paid$/ }).waitFor();
      expect(await page.getByTestId("paid-GBP").textContent()).toBe("£23.75");
      expect(await page.getByTestId("available-GBP").textContent()).toBe("£0.00");
      await shot(page, `earnings-paid-${name}`);
      const [statement] = await Promise.all([page.waitForEvent("download"), page.locator(".statement-links a").first().click()]);
      const csv = fs.readFileSync((await statement.path())!, "utf8");
      expect(csv).toMatch(/^date,type,reference,currency,pending,available,in_transit/);
      expect(csv).toMatch(/Storefront sale,ord_\w+,GBP,23.75,0.00,0.00/);
      expect(csv).toMatch(/Payout sent,po_\w+,GBP,0.00,0.00,-23.75/);
    });
    await ctx.close();
  });
});
