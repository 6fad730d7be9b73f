import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { ServerFrame, type ClientFrame, type Drop, type Member, type Poll, type Post } from "../../durable-objects/community-room.protocol";

export type RoomState = "connecting" | "live" | "reconnecting" | "closed";

export interface RoomMine {
  reactions: Set<string>;
  votes: Record<string, number[]>;
  claims: Set<string>;
}

type Outgoing = z.input<typeof ClientFrame>;

/**
 * A room's live connection: the socket goes to /api/v1/rooms/:id/live on this origin (the
 * session cookie goes along), frames are parsed with the shared protocol, and a dropped
 * connection comes back with backoff (a ban closes it for good). Posts arrive oldest first.
 */
export function useRoom(roomId: string, initial: Post[]) {
  const [posts, setPosts] = useState<Post[]>(initial);
  const [polls, setPolls] = useState<Poll[]>([]);
  const [drops, setDrops] = useState<Drop[]>([]);
  const [mine, setMine] = useState<RoomMine>({ reactions: new Set(), votes: {}, claims: new Set() });
  const [you, setYou] = useState<Member | null>(null);
  const [mutedUntil, setMutedUntil] = useState<number | null>(null);
  const [state, setState] = useState<RoomState>("connecting");
  const [online, setOnline] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const youRef = useRef<Member | null>(null);

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
        switch (f.type) {
          case "hello":
            youRef.current = f.you;
            setYou(f.you);
            // A reconnect keeps the earlier posts someone loaded; the room's last 50 replace the rest.
            setPosts((prev) => {
              const first = f.history[0]?.id;
              const older = first ? prev.filter((p) => p.id < first) : [];
              return [...older, ...f.history];
            });
            setPolls(f.polls);
            setDrops(f.drops);
            setOnline(f.online);
            setMine({ reactions: new Set(f.mine.reactions), votes: f.mine.votes, claims: new Set(f.mine.claims) });
            break;
          case "post.created":
            setPosts((p) => (p.some((x) => x.id === f.post.id) ? p : [...p, f.post]));
            break;
          case "post.deleted":
            setPosts((p) => p.filter((x) => x.id !== f.postId));
            break;
          case "reaction.updated":
            setPosts((p) => p.map((x) => (x.id === f.postId ? { ...x, reactions: { ...x.reactions, [f.emoji]: f.count } } : x)));
            if (f.userId === youRef.current?.userId)
              setMine((m) => {
                const reactions = new Set(m.reactions);
                if (f.on) reactions.add(`${f.postId} ${f.emoji}`);
                else reactions.delete(`${f.postId} ${f.emoji}`);
                return { ...m, reactions };
              });
            break;
          case "poll.updated":
            setPolls((p) => (p.some((x) => x.id === f.poll.id) ? p.map((x) => (x.id === f.poll.id ? f.poll : x)) : [f.poll, ...p]));
            break;
          case "drop.created":
            setDrops((d) => (d.some((x) => x.id === f.drop.id) ? d : [f.drop, ...d]));
            break;
          case "drop.claimed":
            setDrops((d) => d.map((x) => (x.id === f.dropId ? { ...x, claimed: Math.max(x.claimed, f.claimed) } : x)));
            if (f.userId === youRef.current?.userId) setMine((m) => ({ ...m, claims: new Set([...m.claims, f.dropId]) }));
            break;
          case "member.muted":
            if (f.userId === youRef.current?.userId) setMutedUntil(f.until);
            break;
          case "presence":
            setOnline(f.online);
            break;
          case "error":
            setError(f.message);
            break;
        }
      };
      ws.onclose = (e) => {
        if (closed) return;
        if (e.code === 4003) {
          setState("closed");
          setError("You were removed from this community.");
          return;
        }
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

  const send = (frame: Outgoing) => {
    setError(null);
    if (socket.current?.readyState !== WebSocket.OPEN) {
      setError("Not connected yet; try again in a moment.");
      return false;
    }
    socket.current.send(JSON.stringify(frame));
    return true;
  };

  const vote = (pollId: string, choices: number[]) => {
    if (!send({ type: "poll.vote", pollId, choices })) return false;
    setMine((m) => ({ ...m, votes: { ...m.votes, [pollId]: choices } }));
    return true;
  };
  /** After a claim through the REST route: the room's own frame updates the count for everyone. */
  const claimed = (dropId: string, count: number) => {
    setMine((m) => ({ ...m, claims: new Set([...m.claims, dropId]) }));
    setDrops((d) => d.map((x) => (x.id === dropId ? { ...x, claimed: Math.max(x.claimed, count) } : x)));
  };

  /** Older posts from the room's history (REST, newest first), put before what is shown; false when there are no more. */
  const [hasEarlier, setHasEarlier] = useState(initial.length >= 50);
  const loadEarlier = async () => {
    const oldest = posts[0]?.id;
    if (!oldest) return setHasEarlier(false);
    const res = await fetch(`/api/v1/rooms/${roomId}/posts?before=${oldest}&limit=50`, { headers: { accept: "application/json" } });
    if (!res.ok) return setError("Could not load earlier posts; try again.");
    const page = (await res.json()) as { items: Post[]; nextBefore: string | null };
    setPosts((p) => [...page.items.reverse().filter((x) => !p.some((y) => y.id === x.id)), ...p]);
    setHasEarlier(page.nextBefore !== null);
  };

  return { posts, polls, drops, mine, you, mutedUntil, state, online, error, setError, send, vote, claimed, hasEarlier, loadEarlier };
}
