import { useState } from "react";
import { MAX_POST_CHARS, REACTIONS, type Member, type Post } from "../../../durable-objects/community-room.protocol";
import { Linkified } from "./linkified";

const time = (ms: number) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

interface Props {
  post: Post;
  replies: Post[];
  you: Member | null;
  myReactions: Set<string>;
  origin: string;
  communitySlug: string;
  onReact: (postId: string, emoji: string) => void;
  onReply: (parentId: string, body: string) => boolean;
  onDelete: (postId: string) => void;
  onMute: (userId: string, name: string) => void;
  onBan: (userId: string, name: string) => void;
}

function Body({ post, origin, communitySlug }: { post: Post; origin: string; communitySlug: string }) {
  return (
    <>
      <p>
        <Linkified text={post.body} origin={origin} communitySlug={communitySlug} />
      </p>
      {post.media.length ? (
        <div className="post-media">
          {post.media.map((m, i) =>
            m.kind === "image" ? (
              <img key={i} src={m.url} alt="" loading="lazy" />
            ) : (
              <a key={i} href={m.url} target="_blank" rel="noopener noreferrer nofollow" className="badge badge-neutral">
                {new URL(m.url, origin).hostname}
              </a>
            ),
          )}
        </div>
      ) : null}
    </>
  );
}

/** One post with its reactions, replies and (for its author or the owner) moderation. */
export function PostItem(p: Props) {
  const { post, you } = p;
  const [replying, setReplying] = useState(false);
  const [draft, setDraft] = useState("");
  const [picking, setPicking] = useState(false);
  const owner = you?.role === "owner";
  const canDelete = owner || you?.userId === post.authorId;
  const shown = REACTIONS.filter((e) => (post.reactions[e] ?? 0) > 0);
  return (
    <li className="room-post" data-post-id={post.id}>
      <div className="spread post-head">
        <p className="small">
          <strong>{post.authorName}</strong> <span className="muted">{time(post.createdAt)}</span>
        </p>
        {canDelete || (owner && post.authorId !== you?.userId) ? (
          <div className="post-tools">
            {owner && post.authorId !== you?.userId ? (
              <>
                <button type="button" className="link-button" onClick={() => p.onMute(post.authorId, post.authorName)}>
                  Mute
                </button>
                <button type="button" className="link-button" onClick={() => p.onBan(post.authorId, post.authorName)}>
                  Ban
                </button>
              </>
            ) : null}
            {canDelete ? (
              <button type="button" className="link-button" onClick={() => p.onDelete(post.id)}>
                Delete
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <Body post={post} origin={p.origin} communitySlug={p.communitySlug} />
      <div className="reactions">
        {shown.map((e) => (
          <button key={e} type="button" className="reaction" aria-pressed={p.myReactions.has(`${post.id} ${e}`)} aria-label={`${e} ${post.reactions[e]}`} onClick={() => p.onReact(post.id, e)}>
            {e} <span>{post.reactions[e]}</span>
          </button>
        ))}
        <button type="button" className="reaction reaction-add" aria-expanded={picking} aria-label="React" onClick={() => setPicking((x) => !x)}>
          ☺+
        </button>
        {picking
          ? REACTIONS.map((e) => (
              <button
                key={e}
                type="button"
                className="reaction"
                aria-label={`React ${e}`}
                onClick={() => {
                  p.onReact(post.id, e);
                  setPicking(false);
                }}
              >
                {e}
              </button>
            ))
          : null}
        <button type="button" className="link-button" onClick={() => setReplying((x) => !x)}>
          Reply{p.replies.length ? ` · ${p.replies.length}` : ""}
        </button>
      </div>
      {p.replies.length ? (
        <ol className="replies" aria-label={`Replies to ${post.authorName}`}>
          {p.replies.map((r) => (
            <li key={r.id} className="reply">
              <div className="spread post-head">
                <p className="small">
                  <strong>{r.authorName}</strong> <span className="muted">{time(r.createdAt)}</span>
                </p>
                {owner || you?.userId === r.authorId ? (
                  <button type="button" className="link-button" onClick={() => p.onDelete(r.id)}>
                    Delete
                  </button>
                ) : null}
              </div>
              <Body post={r} origin={p.origin} communitySlug={p.communitySlug} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <form
          className="reply-composer"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim() && p.onReply(post.id, draft.trim())) {
              setDraft("");
              setReplying(false);
            }
          }}
        >
          <label className="visually-hidden" htmlFor={`reply-${post.id}`}>
            Reply to {post.authorName}
          </label>
          <input id={`reply-${post.id}`} className="input" value={draft} maxLength={MAX_POST_CHARS} placeholder={`Reply to ${post.authorName}…`} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <button className="btn btn-small" disabled={!draft.trim()}>
            Reply
          </button>
        </form>
      ) : null}
    </li>
  );
}
