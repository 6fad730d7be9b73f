import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { APP, expectHeading, flow, launch, shot, VIEWPORTS } from "./browser";

type Demo = { creatorSessionCookie: string };
const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as Demo;
const session = (cookie: string) => [{ name: "tandem_session", value: cookie.split("=")[1]!, domain: "localhost", path: "/", httpOnly: true, secure: true, sameSite: "Lax" as const }];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("community members on %s", (name, viewport) => {
  it("the owner adds a paid tier, grants it to a member, and bans then lets a member back", async () => {
    const ctx = await browser.newContext({ viewport });
    await ctx.addCookies(session(demo().creatorSessionCookie));
    const page = await ctx.newPage();
    const member = name === "phone" ? "member38" : "member39";
    const tier = `Inner circle ${name} ${Date.now().toString(36)}`;
    await flow(page, `community-members-${name}`, async () => {
      await page.goto(`${APP}/studio/community`);
      await page.getByRole("link", { name: "Members and tiers" }).click();
      await expectHeading(page, "Members and tiers");

      // A paid tier needs a price it can read.
      await page.getByLabel("Name", { exact: true }).fill(tier);
      await page.getByLabel("Price a month").fill("four pounds");
      await page.getByRole("button", { name: "Add tier" }).click();
      await page.getByText("Enter a price, like 4.99").waitFor();
      await page.getByLabel("Price a month").fill("4.99");
      await page.getByRole("button", { name: "Add tier" }).click();
      await page.getByText("Tier added.").waitFor();
      await page.getByText("£4.99 a month").first().waitFor();

      await page.getByLabel("Find a member").fill(member);
      await page.getByLabel("Find a member").press("Enter");
      const row = page.getByTestId("member-row").filter({ hasText: member });
      await row.waitFor();
      await row.getByLabel(`Tier for ${member}`).selectOption({ label: tier });
      await row.getByRole("button", { name: "Save" }).click();
      await page.getByText("Tier granted.").waitFor();
      await shot(page, `studio-community-members-${name}`);

      page.once("dialog", (d) => void d.accept());
      await row.getByRole("button", { name: "Ban" }).click();
      await page.getByText("Banned: their open rooms closed.").waitFor();
      await row.getByText("Banned", { exact: true }).waitFor();
      await row.getByRole("button", { name: "Lift ban" }).click();
      await page.getByText("Ban lifted.").waitFor();
    });
    await ctx.close();
  });
});
