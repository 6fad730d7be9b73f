import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { APP } from "./browser";

/** The app's own answers to what an attacker sends a browser to (no browser needed to check them). */
const demoPath = process.env.E2E_DEMO_PATH ?? path.join(import.meta.dirname, "../../.data/demo.json");
const demo = () => JSON.parse(fs.readFileSync(demoPath, "utf8")) as { brandSessionCookie: string };

describe("the app refuses what an attacker would send a signed-in visitor", () => {
  it("sign-in never redirects off the app, whatever next= holds", async () => {
    const cookie = demo().brandSessionCookie;
    for (const next of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example/", "/%0A/evil.example"]) {
      const res = await fetch(`${APP}/signin?next=${next}`, { headers: { cookie }, redirect: "manual" });
      expect(res.status, next).toBe(302);
      expect(new URL(res.headers.get("location")!, APP).origin, next).toBe(new URL(APP).origin);
    }
    const own = await fetch(`${APP}/signin?next=/studio`, { headers: { cookie }, redirect: "manual" });
    expect(new URL(own.headers.get("location")!, APP).pathname).toBe("/studio");
  });

  it("a sign-in form posted from another site is a 403 problem, not a 500 (login CSRF)", async () => {
    const res = await fetch(`${APP}/signin`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "intent=otp-start&email=victim%40example.com",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("a body the page never sends is a 400 problem, not a 500", async () => {
    const res = await fetch(`${APP}/signin`, { method: "POST", headers: { origin: APP, "content-type": "application/json" }, body: "{", redirect: "manual" });
    expect(res.status).toBe(400);
  });

  it("a cross-site WebSocket upgrade through the app is refused by the gateway", async () => {
    const url = `${APP.replace(/^http/, "ws")}/api/v1/rooms/room_x/live`;
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { origin: "https://evil.example", cookie: demo().brandSessionCookie } });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => reject(new Error("a foreign origin opened a room socket")));
      ws.on("error", () => undefined);
    });
    expect(status).toBe(403);
  });
});
