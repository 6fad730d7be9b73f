import { Form, Link } from "@remix-run/react";

export interface FoundPost {
  id: string;
  roomId: string;
  roomName: string;
  body: string;
  createdAt: number;
}

const when = (ms: number) => new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** Search across the rooms a member may enter (GET ?q=), with the results linking into each room. */
export function CommunitySearch({ slug, q, results, error }: { slug: string; q: string; results: FoundPost[] | null; error: string | null }) {
  return (
    <section className="room-card community-search" aria-label="Search posts">
      <Form method="get" role="search" className="search-row">
        <label htmlFor="community-q" className="visually-hidden">
          Search posts
        </label>
        <input id="community-q" name="q" type="search" className="input" defaultValue={q} minLength={2} maxLength={100} placeholder="Search posts in your rooms" />
        <button className="btn btn-secondary btn-small">Search</button>
      </Form>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {results ? (
        results.length === 0 ? (
          <p className="muted small">Nothing matches “{q}” yet.</p>
        ) : (
          <ol className="search-results" aria-label="Matching posts">
            {results.map((r) => (
              <li key={r.id}>
                <Link to={`/c/${slug}/r/${r.roomId}`}>
                  <span className="muted small">
                    {r.roomName} · {when(r.createdAt)}
                  </span>
                  <span className="search-body">{r.body}</span>
                </Link>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
