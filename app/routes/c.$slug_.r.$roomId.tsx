import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { type Drop, type Poll, type Post } from "../../durable-objects/community-room.protocol";
import { Composer } from "../components/room/composer";
import { useNow } from "../components/room/countdown";
import { DropCard } from "../components/room/drop-card";
import { OwnerTools } from "../components/room/owner-tools";
import { PollCard } from "../components/room/poll-card";
import { PostItem } from "../components/room/post-item";
import { api } from "../lib/api.server";
import { useRoom } from "../lib/use-room";
import communityCss from "../styles/community.css?url";

type Card = { kind: "drop"; drop: Drop } | { kind: "poll"; poll: Poll };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: communityCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.roomName} · ${data.communityName} · Tandem` : "Room · Tandem" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const [posts, community] = await Promise.all([
    api<{ items: Post[] }>(context, request, `/api/v1/rooms/${encodeURIComponent(params.roomId ?? "")}/posts?limit=50`),
    api<{ name: string; rooms: { id: string; name: string }[] }>(context, request, `/api/v1/communities/${encodeURIComponent(slug)}`),
  ]);
  if (!posts.ok) {
    if (posts.problem.status === 401) throw redirect(`/signin?next=${encodeURIComponent(new URL(request.url).pathname)}`);
    throw new Response(posts.problem.detail, { status: posts.problem.status });
  }
  const room = community.ok ? community.data.rooms.find((r) => r.id === params.roomId) : undefined;
  return {
    slug,
    roomId: params.roomId!,
    roomName: room?.name ?? "Room",
    communityName: community.ok ? community.data.name : "Community",
    posts: posts.data.items.reverse(),
    origin: new URL(request.url).origin,
    now: Date.now(),
  };
}

export default function Room() {
  const d = useLoaderData<typeof loader>();
  const room = useRoom(d.roomId, d.posts);
  const now = useNow(d.now);
  const [notice, setNotice] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const owner = room.you?.role === "owner";

  // Replies sit under their post when the post is loaded; otherwise they show on their own.
  const { top, replies } = useMemo(() => {
    const ids = new Set(room.posts.map((p) => p.id));
    const replies = new Map<string, Post[]>();
    const top: Post[] = [];
    for (const p of room.posts) {
      if (p.parentId && ids.has(p.parentId)) replies.set(p.parentId, [...(replies.get(p.parentId) ?? []), p]);
      else top.push(p);
    }
    return { top, replies };
  }, [room.posts]);

  const ban = async (userId: string, name: string) => {
    if (!confirm(`Ban ${name}? They leave every room of this community until you lift it.`)) return;
    const res = await fetch(`/api/v1/communities/${d.slug}/bans`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ userId }) });
    setNotice(res.ok ? `${name} is banned.` : ((await res.json()) as { detail?: string }).detail ?? "Could not ban.");
  };
  // What needs a member now comes first: live drops, open polls, then drops to come, then what is over.
  const cards = useMemo(() => {
    const rank = (c: Card) =>
      c.kind === "drop" ? (c.drop.claimed >= c.drop.quantity ? 4 : c.drop.releaseAt <= now ? 0 : 2) : c.poll.closed || c.poll.closesAt <= now ? 3 : 1;
    return [...room.drops.map((drop) => ({ kind: "drop" as const, drop })), ...room.polls.map((poll) => ({ kind: "poll" as const, poll }))].sort((a, b) => rank(a) - rank(b));
  }, [room.drops, room.polls, now]);
  const muted = room.mutedUntil && room.mutedUntil > now ? room.mutedUntil : null;
  const side = room.polls.length || room.drops.length || owner;

  return (
    <div className="room">
      <div className="page-head spread">
        <div>
          <p className="muted small">
            <Link to={`/c/${d.slug}`}>{d.communityName}</Link>
          </p>
          <h1>{d.roomName}</h1>
        </div>
        <span className={room.state === "live" ? "badge badge-verified" : "badge badge-unverified"} role="status" data-testid="room-state">
          {room.state === "live" ? `Live · ${room.online} here` : room.state === "connecting" ? "Connecting…" : room.state === "closed" ? "Closed" : "Reconnecting…"}
        </span>
      </div>
      <div className={side ? "room-layout" : "room-layout room-layout-single"}>
        {side ? (
          <aside className="room-side" aria-label="Polls and drops">
            {owner ? <OwnerTools roomId={d.roomId} onPoll={(input) => room.send({ type: "poll.create", ...input })} /> : null}
            {cards.length ? (
              <div className={showAll ? "room-cards room-cards-all" : "room-cards"}>
                {cards.map((c) =>
                  c.kind === "drop" ? (
                    <DropCard key={c.drop.id} drop={c.drop} mine={room.mine.claims.has(c.drop.id)} now={now} onClaimed={(n) => room.claimed(c.drop.id, n)} />
                  ) : (
                    <PollCard key={c.poll.id} poll={c.poll} myVote={room.mine.votes[c.poll.id]} now={now} onVote={(choices) => room.vote(c.poll.id, choices)} />
                  ),
                )}
              </div>
            ) : null}
            {cards.length > 2 ? (
              <button type="button" className="btn btn-small btn-ghost room-cards-more" data-wide-needed={cards.length > 4} aria-expanded={showAll} onClick={() => setShowAll((x) => !x)}>
                {showAll ? "Show fewer" : `All ${cards.length} polls and drops`}
              </button>
            ) : null}
          </aside>
        ) : null}
        <div className="room-main">
          {room.hasEarlier ? (
            <button type="button" className="btn btn-small btn-ghost room-earlier" onClick={() => void room.loadEarlier()}>
              Show earlier posts
            </button>
          ) : null}
          <ol className="room-feed" aria-live="polite" aria-label="Posts">
            {top.length === 0 ? <li className="empty">No posts yet. Say hello.</li> : null}
            {top.map((p) => (
              <PostItem
                key={p.id}
                post={p}
                replies={replies.get(p.id) ?? []}
                you={room.you}
                myReactions={room.mine.reactions}
                origin={d.origin}
                communitySlug={d.slug}
                onReact={(postId, emoji) => room.send({ type: "reaction.toggle", postId, emoji: emoji as "❤️" })}
                onReply={(parentId, body) => room.send({ type: "reply.create", parentId, body })}
                onDelete={(postId) => confirm("Delete this post for everyone?") && room.send({ type: "post.delete", postId })}
                onMute={(userId, name) => room.send({ type: "member.mute", userId, minutes: 60 }) && setNotice(`${name} is muted for an hour.`)}
                onBan={(userId, name) => void ban(userId, name)}
              />
            ))}
          </ol>
          <Composer
            roomId={d.roomId}
            disabled={room.state !== "live" || !!muted}
            placeholder={muted ? "You are muted for now" : "Write to the room…"}
            onPost={(body, images) => room.send({ type: "post.create", body, media: images.map((url) => ({ kind: "image" as const, url })) })}
          />
          {room.error ? (
            <p className="alert alert-error" role="alert">
              {room.error}
            </p>
          ) : null}
          {notice ? (
            <p className="alert alert-info" role="status">
              {notice}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
