import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrand, signIn } from "../factories";
import { APP, codeFor, expectHeading, flow, gateway, launch, mailCount, shot, uniqueEmail, VIEWPORTS } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());


/** A brand that signed up earlier (made through the API), so this run has its own account. */
async function returningBrand(label: string) {
  const email = uniqueEmail(label);
  const { cookie } = await signIn(gateway, email);
  await createBrand(gateway, cookie, { name: `Returning ${label}`, website: "https://returning.example", industry: "travel", companySize: "1-10", country: "IE" });
  return { email, name: `Returning ${label}` };
}

describe.each(Object.entries(VIEWPORTS))("landing and sign-in on %s", (name, viewport) => {
  it("a returning brand signs in with a code and lands in their console; a wrong code is explained", async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await flow(page, `signin-${name}`, async () => {
      await page.goto(APP);
      await expectHeading(page, "Brands and creators, working in tandem.");
      await shot(page, `landing-${name}`);

      await page.getByRole("link", { name: "Sign in" }).click();
      await expectHeading(page, "Welcome back");
      const brand = await returningBrand(`returning-${name}`);
      await page.getByLabel("Work email").fill(brand.email);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByLabel("Sign-in code").fill("000000");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("That code is not right").waitFor();
      await shot(page, `signin-wrong-code-${name}`);
      const sent = await mailCount(brand.email);
      await page.getByRole("button", { name: "Send a new code" }).click();
      await page.getByLabel("Sign-in code").fill(await codeFor(brand.email, { after: sent }));
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${APP}/brand`);
      await expectHeading(page, brand.name);
    });
    await context.close();
  });
});
