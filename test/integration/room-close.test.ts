import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CommunityRoom } from "../../durable-objects/community-room";

/**
 * A client that vanishes (a closed laptop, a killed load generator) is reported to the room with a
 * reserved code (1006, or 1005 for a close frame without one). The room must still finish the
 * close: echoing the reserved code threw, the socket was never closed, and every dropped client
 * left a connection in CLOSE-WAIT until the dev gateway ran out of file descriptors.
 */
describe("the room finishes every close, whatever code the peer reported", () => {
  for (const code of [1000, 1001, 1005, 1006, 1015, 4000]) {
    it(`closes its end after a peer close with code ${code}`, async () => {
      const stub = env.COMMUNITY_ROOM.get(env.COMMUNITY_ROOM.idFromName(`close-${code}-${Date.now()}`));
      await runInDurableObject(stub, async (room: CommunityRoom) => {
        const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
        server.accept();
        client.accept();
        const seen = new Promise<number>((resolve) => client.addEventListener("close", (e) => resolve(e.code)));
        await room.webSocketClose(server, code);
        expect(server.readyState).toBeGreaterThanOrEqual(WebSocket.CLOSING);
        expect(await seen).toBe(code === 1005 || code === 1006 || code === 1015 ? 1000 : code);
      });
    });
  }

  it("closes its end after a socket error", async () => {
    const stub = env.COMMUNITY_ROOM.get(env.COMMUNITY_ROOM.idFromName(`close-error-${Date.now()}`));
    await runInDurableObject(stub, async (room: CommunityRoom) => {
      const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
      server.accept();
      client.accept();
      await room.webSocketError(server);
      expect(server.readyState).toBeGreaterThanOrEqual(WebSocket.CLOSING);
    });
  });
});
