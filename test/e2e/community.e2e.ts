import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productImage } from "../../scripts/lib/product-image";
import { APP, expectHeading, flow, launch, shot, VIEWPORTS, sessionCookies } from "./browser";

type Demo = { communitySlug: string; roomId: string; memberSessionCookies: string[]; creatorSessionCookie: string; creatorHandle: string };
const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as Demo;

/** The owner's API calls, as the app's pages make them (same origin, session cookie). */
async function asOwner(d: Demo, p: string, body: unknown) {
  const res = await fetch(`${APP}${p}`, { method: "POST", headers: { cookie: d.creatorSessionCookie, origin: APP, "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("community room on %s", (name, viewport) => {
  it("two members in two browsers see each other's posts and poll votes live, and one claims a drop", async () => {
    const d = demo();
    const { communitySlug, roomId, memberSessionCookies } = d;
    const [cookieA, cookieB] = name === "phone" ? [memberSessionCookies[0]!, memberSessionCookies[1]!] : [memberSessionCookies[2]!, memberSessionCookies[3]!];
    const run = Date.now().toString(36);
    const question = `Which launch first? (${name} ${run})`;
    await asOwner(d, `/api/v1/rooms/${roomId}/polls`, { question, options: ["Serum refill", "Travel kit"], multi: false, closesAt: Date.now() + 3_600_000 });
    const dropTitle = `Sample pack ${name} ${run}`;
    await asOwner(d, `/api/v1/rooms/${roomId}/drops`, { title: dropTitle, perk: "Three travel-size samples", quantity: 5, releaseAt: Date.now() });

    const ctxA = await browser.newContext({ viewport });
    await ctxA.addCookies(sessionCookies(cookieA));
    const ctxB = await browser.newContext({ viewport });
    await ctxB.addCookies(sessionCookies(cookieB));
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await flow(a, `community-room-${name}`, async () => {
      await a.goto(`${APP}/c/${communitySlug}`);
      await expectHeading(a, "Glow Club");
      await shot(a, `community-home-${name}`);
      await a.getByRole("link", { name: "Enter" }).first().click();
      await expectHeading(a, "General");
      await b.goto(`${APP}/c/${communitySlug}/r/${roomId}`);
      await a.getByTestId("room-state").getByText(/^Live/).waitFor();
      await b.getByTestId("room-state").getByText(/^Live/).waitFor();

      const fromA = `Morning from ${name} A ${run}, new shelfie`;
      await a.getByLabel("Write a post").fill(fromA);
      await a.locator("#post-photo").setInputFiles({ name: "shelfie.png", mimeType: "image/png", buffer: productImage({ backdrop: "#e4ecea", product: "#c98a5a", cap: "#2b2622", shape: "bottle" }, 320, 400) });
      await a.getByRole("list", { name: "Photos to post" }).locator("img").waitFor();
      await a.getByRole("button", { name: "Post", exact: true }).click();
      const postB = b.locator("li.room-post", { hasText: fromA });
      await postB.waitFor({ timeout: 3000 });
      await postB.locator("img").scrollIntoViewIfNeeded();
      await postB.locator("img").waitFor();
      const fromB = `Reply from ${name} B ${run}`;
      await b.getByLabel("Write a post").fill(fromB);
      await b.getByRole("button", { name: "Post", exact: true }).click();
      await a.getByText(fromB).waitFor({ timeout: 3000 });
      expect(await a.getByLabel("Write a post").inputValue()).toBe("");

      // Only the most pressing cards show at first; open the rest.
      for (const page of [a, b]) {
        const more = page.getByRole("button", { name: /^All \d+ polls and drops/ });
        if (await more.isVisible()) await more.click();
      }
      // Poll: A's vote shows up in B's tally, then B's in A's.
      const pollA = a.getByRole("article", { name: `Poll: ${question}` });
      const pollB = b.getByRole("article", { name: `Poll: ${question}` });
      await pollB.getByTestId("poll-voters").getByText("0 votes").waitFor();
      await pollA.getByRole("button", { name: /Serum refill/ }).click();
      await pollB.getByTestId("poll-voters").getByText("1 vote").waitFor({ timeout: 3000 });
      await pollB.getByRole("button", { name: /Travel kit/ }).click();
      await pollA.getByTestId("poll-voters").getByText("2 votes").waitFor({ timeout: 3000 });
      await pollA.getByText("50%").first().waitFor();

      // Drop: A claims one; B sees the count go down live.
      const dropA = a.getByRole("article", { name: `Drop: ${dropTitle}` });
      const dropB = b.getByRole("article", { name: `Drop: ${dropTitle}` });
      await dropB.getByText("5 of 5 left").waitFor();
      await dropA.getByRole("button", { name: "Claim" }).click();
      await dropA.getByText("Claimed · it's yours").waitFor({ timeout: 3000 });
      await dropB.getByText("4 of 5 left").waitFor({ timeout: 3000 });
      for (const page of [a, b]) {
        const fewer = page.getByRole("button", { name: "Show fewer" });
        if (await fewer.isVisible()) await fewer.click();
      }
      await shot(b, `community-room-${name}`);
      await shot(a, `community-room-claimed-${name}`);
    });
    await ctxA.close();
    await ctxB.close();
  });
});

describe("storefront to community", () => {
  it("a member who follows the storefront's community link lands in the community still signed in", async () => {
    const d = demo();
    const ctx = await browser.newContext({ viewport: VIEWPORTS.phone });
    await ctx.addCookies(sessionCookies(d.memberSessionCookies[4]!));
    const page = await ctx.newPage();
    await flow(page, "storefront-to-community", async () => {
      await page.goto(`${APP}/@${d.creatorHandle}/community`);
      await expectHeading(page, "Glow Club");
      await page.getByText(/You are a member/).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/c/${d.communitySlug}`);
    });
    await ctx.close();
  });
});
