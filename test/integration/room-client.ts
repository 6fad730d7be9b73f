import { api } from "./helpers";

export type Frame = { type: string; [k: string]: unknown };

/** Opens a room socket the way the browser does (through the app origin, with the session cookie). */
export async function connect(roomId: string, cookie?: string) {
  const res = await api(`/api/v1/rooms/${roomId}/live`, { headers: { upgrade: "websocket", ...(cookie ? { cookie } : {}) } });
  if (res.status !== 101) return { res, ws: null, frames: [] as Frame[], next: async (_type: string, _ms?: number) => ({}) as Frame, closed: Promise.resolve({ code: 0, reason: "" }) };
  const ws = res.webSocket!;
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.addEventListener("close", (e) => r({ code: e.code, reason: e.reason })));
  ws.accept();
  const frames: Frame[] = [];
  const waiters: ((f: Frame) => void)[] = [];
  ws.addEventListener("message", (e) => {
    const f = JSON.parse(String(e.data)) as Frame;
    frames.push(f);
    waiters.shift()?.(f);
  });
  let read = 0;
  /** The next frame of `type` not read yet. */
  const next = async (type: string, ms = 5000): Promise<Frame> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = frames.findIndex((f, k) => k >= read && f.type === type);
      if (i >= 0) {
        read = i + 1;
        return frames[i]!;
      }
      if (Date.now() > deadline) throw new Error(`no ${type} frame; got ${JSON.stringify(frames.slice(read))}`);
      await new Promise<Frame>((r) => {
        waiters.push(r);
        setTimeout(() => r({ type: "timeout" }), 100);
      });
    }
  };
  return { res, ws, frames, next, closed };
}
