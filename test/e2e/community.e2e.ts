import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, expectHeading, flow, launch, shot, VIEWPORTS } from "./browser";

const demo = () => JSON.parse(fs.readFileSync(process.env.E2E_DEMO_PATH ?? path.resolve(import.meta.dirname, "../../.data/demo.json"), "utf8")) as { communitySlug: string; roomId: string; memberSessionCookies: string[] };
const session = (cookie: string) => [{ name: "tandem_session", value: cookie.split("=")[1]!, domain: "localhost", path: "/", httpOnly: true, secure: true, sameSite: "Lax" as const }];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe.each(Object.entries(VIEWPORTS))("community room on %s", (name, viewport) => {
  it("two members in two browsers see each other's posts live", async () => {
    const { communitySlug, roomId, memberSessionCookies } = demo();
    const [cookieA, cookieB] = name === "phone" ? [memberSessionCookies[0]!, memberSessionCookies[1]!] : [memberSessionCookies[2]!, memberSessionCookies[3]!];
    const ctxA = await browser.newContext({ viewport });
    await ctxA.addCookies(session(cookieA));
    const ctxB = await browser.newContext({ viewport });
    await ctxB.addCookies(session(cookieB));
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

      const fromA = `Morning from ${name} A ${Date.now().toString(36)}`;
      await a.getByLabel("Write a post").fill(fromA);
      await a.getByRole("button", { name: "Post" }).click();
      await b.getByText(fromA).waitFor({ timeout: 3000 });
      const fromB = `Reply from ${name} B ${Date.now().toString(36)}`;
      await b.getByLabel("Write a post").fill(fromB);
      await b.getByRole("button", { name: "Post" }).click();
      await a.getByText(fromB).waitFor({ timeout: 3000 });
      expect(await a.getByLabel("Write a post").inputValue()).toBe("");
      await shot(b, `community-room-${name}`);
    });
    await ctxA.close();
    await ctxB.close();
  });
});
