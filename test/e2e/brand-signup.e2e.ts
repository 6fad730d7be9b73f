import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, expectHeading, flow, launch, shot, signInWithCode, uniqueEmail, VIEWPORTS } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("brand signup on %s", (name, viewport) => {
  it("walks account → company → first goal, with inline validation, and lands in the console", async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const email = uniqueEmail(`brand-${name}`);

    await flow(page, `brand-${name}`, async () => {
      await page.goto(`${APP}/brand/signup`);
      await expectHeading(page, "Bring your brand to Tandem");
      expect(await page.locator('.steps li[aria-current="step"]').textContent()).toContain("Account");
      await shot(page, `brand-signup-1-account-${name}`);

      // Inline validation from the shared zod schema, before anything is sent.
      await page.getByLabel("Work email").fill("not-an-email");
      await page.getByLabel("Work email").blur();
      expect(await page.getByRole("alert").first().textContent()).toContain("valid email");

      await signInWithCode(page, email, `brand-signup-1b-${name}`);
      await page.waitForURL(`${APP}/brand/signup`);
      await page.getByLabel("Company name").waitFor();
      expect(await page.locator('.steps li[aria-current="step"]').textContent()).toContain("Company");

      await page.getByLabel("Company name").fill("Fern & Fable");
      await page.getByLabel("Website").fill("not a website");
      await page.getByLabel("Website").blur();
      expect(await page.locator(".field .error").first().textContent()).toContain("full address");
      await shot(page, `brand-signup-2-company-invalid-${name}`);

      await page.getByLabel("Website").fill("fernandfable.example");
      await page.getByLabel("Industry").selectOption("home");
      await page.getByLabel("Company size").selectOption("11-50");
      await page.getByLabel("Country").selectOption("GB");
      await page.getByRole("button", { name: "Continue" }).click();

      await page.getByText("What should Fern & Fable achieve first?").waitFor();
      expect(await page.locator('.steps li[aria-current="step"]').textContent()).toContain("First goal");
      // Leaving and coming back resumes at the step reached.
      await page.goto(`${APP}/brand/signup`);
      await page.getByText("What should Fern & Fable achieve first?").waitFor();
      await page.getByRole("radio", { name: /Drive traffic/ }).check();
      await shot(page, `brand-signup-3-goal-${name}`);
      await page.getByRole("button", { name: "Open my console" }).click();

      await page.waitForURL(/\/brand\?welcome=1$/);
      await expectHeading(page, "Fern & Fable");
      expect(await page.getByText("Drive traffic").count()).toBeGreaterThan(0);
      expect(await page.getByRole("navigation", { name: "Brand console" }).isVisible()).toBe(true);
      await shot(page, `brand-console-${name}`);

      // An API key is shown once, then only its prefix.
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByLabel("New key name").fill("Shopify");
      await page.getByRole("button", { name: "Create key" }).click();
      const secret = await page.getByTestId("new-api-key").textContent();
      expect(secret).toMatch(/^tdm_/);
      // Add a teammate: they are emailed and listed as invited.
      const mate = uniqueEmail(`mate-${name}`);
      await page.getByLabel("Teammate's email").fill(mate);
      await page.getByLabel("Role").selectOption("admin");
      await page.getByRole("button", { name: "Add to team" }).click();
      await page.getByText(`Added ${mate}`).waitFor();
      expect(await page.locator("#team li", { hasText: mate }).textContent()).toContain("Invited, has not signed in yet");
      await shot(page, `brand-settings-${name}`);
      await page.reload();
      expect(await page.content()).not.toContain(secret!);

      // Sign out ends the session: the console sends you to sign in.
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${APP}/`);
      await page.goto(`${APP}/brand`);
      expect(page.url()).toContain("/signin?next=%2Fbrand");
    });
    await context.close();
  });
});
