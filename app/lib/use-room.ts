import { useEffect, useRef, useState } from "react";
import { ServerFrame, type Post } from "../../durable-objects/community-room.protocol";

export type RoomState = "connecting" | "live" | "reconnecting";

/**
 * A room's live connection: the socket goes to /api/v1/rooms/:id/live on this origin (the
 * session cookie goes along), frames are parsed with the shared protocol, and a dropped
 * connection comes back with backoff. Posts arrive oldest first.
 */
export function useRoom(roomId: string, initial: Post[]) {
  const [posts, setPosts] = useState<Post[]>(initial);
  const [state, setState] = useState<RoomState>("connecting");
  const [online, setOnline] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const socket = useRef<WebSocket | null>(null);

  useEffect(() => {
    let closed = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/rooms/${roomId}/live`;
      const ws = new WebSocket(url);
      socket.current = ws;
      ws.onopen = () => {
        attempt = 0;
        setState("live");
      };
      ws.onmessage = (e) => {
        const parsed = ServerFrame.safeParse(JSON.parse(String(e.data)));
        if (!parsed.success) return;
        const f = parsed.data;
        if (f.type === "hello") setPosts(f.history);
        else if (f.type === "post.created") setPosts((p) => (p.some((x) => x.id === f.post.id) ? p : [...p, f.post]));
        else if (f.type === "presence") setOnline(f.online);
        else if (f.type === "error") setError(f.message);
      };
      ws.onclose = () => {
        if (closed) return;
        setState("reconnecting");
        timer = setTimeout(open, Math.min(10_000, 500 * 2 ** attempt++));
      };
    };
    open();
    return () => {
      closed = true;
      clearTimeout(timer);
      socket.current?.close(1000, "leaving");
    };
  }, [roomId]);

  const post = (body: string) => {
    setError(null);
    if (socket.current?.readyState !== WebSocket.OPEN) {
      setError("Not connected yet; try again in a moment.");
      return false;
    }
    socket.current.send(JSON.stringify({ type: "post.create", body }));
    return true;
  };
  return { posts, state, online, error, post };
}
