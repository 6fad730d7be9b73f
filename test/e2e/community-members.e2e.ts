import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, expectHeading, flow, launch, shot, VIEWPORTS, sessionCookies } from "./browser";

type Demo = { creatorSessionCookie: string; roomId: string; memberSessionCookies: string[] };
const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as Demo;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function post(cookie: string, p: string, body?: unknown) {
  const res = await fetch(`${APP}${p}`, { method: "POST", headers: { cookie, origin: APP, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

describe("owner tools in a room", () => {
  it("the owner schedules a drop of a storefront product and members see it link to the product", async () => {
    const d = demo();
    const ctx = await browser.newContext({ viewport: VIEWPORTS.phone });
    await ctx.addCookies(sessionCookies(d.creatorSessionCookie));
    const page = await ctx.newPage();
    const title = `Serum hour ${Date.now().toString(36)}`;
    await flow(page, "room-owner-drop", async () => {
      await page.goto(`${APP}/c/glow-club/r/${d.roomId}`);
      await page.getByTestId("room-state").getByText(/^Live/).waitFor();
      await page.getByRole("button", { name: "Schedule a drop" }).click();
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("What members get").selectOption({ label: "Glow Serum · Lumen Skincare" });
      await page.getByLabel("Quantity").fill("5");
      await shot(page, "room-owner-drop-phone");
      await page.getByRole("button", { name: "Schedule the drop" }).click();
      await page.getByText("Drop scheduled.").waitFor();
      const card = page.getByRole("article", { name: `Drop: ${title}` });
      await card.waitFor();
      expect(await card.getByRole("link", { name: "See the product" }).getAttribute("href")).toBe("/@mia/p/glow-serum?utm_source=community&utm_medium=drop&utm_campaign=glow-club");
    });
    await ctx.close();
  });
});

describe("drop claims", () => {
  it("the owner sees who claimed a drop, in order, and downloads them as CSV", async () => {
    const d = demo();
    const title = `Tote restock ${Date.now().toString(36)}`;
    const drop = await post(d.creatorSessionCookie, `/api/v1/rooms/${d.roomId}/drops`, { title, perk: "A signed tote", quantity: 3, releaseAt: Date.now() });
    for (const cookie of d.memberSessionCookies.slice(20, 22)) await post(cookie, `/api/v1/drops/${drop.id}/claim`);
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop });
    await ctx.addCookies(sessionCookies(d.creatorSessionCookie));
    const page = await ctx.newPage();
    await flow(page, "studio-drop-claims", async () => {
      await page.goto(`${APP}/studio/community`);
      await page.getByRole("listitem").filter({ hasText: title }).getByRole("link", { name: "Claims →" }).click();
      await expectHeading(page, title);
      // Claims reach the list through the events queue; reload until both are there.
      for (let i = 0; i < 20 && (await page.getByRole("list", { name: "Claims in order" }).getByRole("listitem").count()) < 2; i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await page.getByText("member21").waitFor();
      await page.getByText("member22").waitFor();
      await shot(page, "studio-drop-claims-desktop");
      const csv = await (await page.request.get(`${APP}/studio/community/drops/${drop.id}.csv`)).text();
      expect(csv.split("\r\n")[0]).toBe("\uFEFFposition,member,member_id,claim_id,claimed_at,status");
      expect(csv).toContain("1,member21,");
    });
    await ctx.close();
  });
});

describe.each(Object.entries(VIEWPORTS))("community members on %s", (name, viewport) => {
  it("the owner adds a paid tier, grants it to a member, and bans then lets a member back", async () => {
    const ctx = await browser.newContext({ viewport });
    await ctx.addCookies(sessionCookies(demo().creatorSessionCookie));
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
