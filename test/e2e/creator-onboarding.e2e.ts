import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, expectHeading, flow, launch, shot, signInWithCode, uniqueEmail, VIEWPORTS } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("creator onboarding on %s", (name, viewport) => {
  it("claims a handle, picks niches, adds a social handle (marked unverified) and opens the studio", async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const email = uniqueEmail(`creator-${name}`);
    const handle = `e2e_${name}_${Date.now().toString(36)}`;

    await flow(page, `creator-${name}`, async () => {
      await page.goto(`${APP}/studio/onboarding`);
      await expectHeading(page, "Earn from what you already make");
      await shot(page, `creator-onboarding-1-account-${name}`);
      await signInWithCode(page, email);
      await page.waitForURL(`${APP}/studio/onboarding`);
      await page.getByText("Claim your handle").waitFor();

      // Reserved and taken handles are refused as you type.
      await page.getByLabel("Handle").fill("admin");
      await page.getByText("That handle is reserved").waitFor();
      await page.getByLabel("Handle").fill("mia");
      await page.getByText("That handle is taken").waitFor();
      await page.getByLabel("Handle").fill(handle);
      await page.getByText(`@${handle} is yours to claim`).waitFor();
      await page.getByLabel("Display name").fill("Noor Haddad");
      await page.getByRole("checkbox", { name: "Wellness" }).check();
      await page.getByRole("checkbox", { name: "Food" }).check();
      await shot(page, `creator-onboarding-2-handle-${name}`);
      await page.getByRole("button", { name: "Claim handle" }).click();

      await page.getByText(`Prove your reach, @${handle}`).waitFor();
      expect(await page.getByRole("button", { name: "Add at least one account to finish" }).isDisabled()).toBe(true);
      await page.getByLabel("Platform").selectOption("instagram");
      await page.getByLabel("Handle").fill("@noor.eats");
      await page.getByLabel("Followers").fill("23,500");
      await page.getByRole("button", { name: "Add handle" }).click();
      await page.getByText("@noor.eats").waitFor();
      expect(await page.locator(".badge-unverified").last().textContent()).toBe("Unverified");
      await shot(page, `creator-onboarding-3-socials-${name}`);

      await page.getByRole("link", { name: "Finish and open my studio" }).click();
      await page.waitForURL(/\/studio\?welcome=1$/);
      await expectHeading(page, "Hi, Noor Haddad");
      expect(await page.getByText("23.5K").first().isVisible()).toBe(true);
      expect(await page.locator(".badge-unverified").count()).toBeGreaterThan(0);
      await shot(page, `creator-studio-${name}`);

      // The same session works across the product: the brand signup knows who you are.
      await page.goto(`${APP}/brand/signup`);
      await expectHeading(page, "Tell us about your company");
    });
    await context.close();
  });
});
