import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import type { Post } from "../../durable-objects/community-room.protocol";
import { MAX_POST_CHARS } from "../../durable-objects/community-room.protocol";
import { api } from "../lib/api.server";
import { useRoom } from "../lib/use-room";
import communityCss from "../styles/community.css?url";

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
  return { slug, roomId: params.roomId!, roomName: room?.name ?? "Room", communityName: community.ok ? community.data.name : "Community", posts: posts.data.items.reverse() };
}

const time = (ms: number) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export default function Room() {
  const d = useLoaderData<typeof loader>();
  const room = useRoom(d.roomId, d.posts);
  const [draft, setDraft] = useState("");
  return (
    <div className="main-narrow room" style={{ maxWidth: "44rem" }}>
      <div className="page-head spread">
        <div>
          <p className="muted small">
            <Link to={`/c/${d.slug}`}>{d.communityName}</Link>
          </p>
          <h1>{d.roomName}</h1>
        </div>
        <span className={room.state === "live" ? "badge badge-verified" : "badge badge-unverified"} role="status" data-testid="room-state">
          {room.state === "live" ? `Live · ${room.online} here` : room.state === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
      </div>
      <ol className="room-feed" aria-live="polite" aria-label="Posts">
        {room.posts.length === 0 ? <li className="empty">No posts yet. Say hello.</li> : null}
        {room.posts.map((p) => (
          <li key={p.id} className="room-post">
            <p className="small">
              <strong>{p.authorName}</strong> <span className="muted">{time(p.createdAt)}</span>
            </p>
            <p>{p.body}</p>
          </li>
        ))}
      </ol>
      <form
        className="room-composer"
        onSubmit={(e) => {
          e.preventDefault();
          const body = draft.trim();
          if (body && room.post(body)) setDraft("");
        }}
      >
        <label htmlFor="post-body" className="visually-hidden">
          Write a post
        </label>
        <textarea id="post-body" rows={2} value={draft} maxLength={MAX_POST_CHARS} placeholder="Write to the room…" onChange={(e) => setDraft(e.target.value)} />
        <button className="btn" disabled={!draft.trim() || room.state !== "live"}>
          Post
        </button>
      </form>
      {room.error ? (
        <p className="alert alert-error" role="alert">
          {room.error}
        </p>
      ) : null}
    </div>
  );
}
