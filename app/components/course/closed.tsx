import { Link } from "@remix-run/react";
import { Card } from "../ui/card";

/** What a signed-in person sees when a course is not open to them: why, and the way in. */
export function CourseClosed({ slug, message }: { slug: string; message: string }) {
  return (
    <div className="main-narrow" style={{ margin: "0 auto" }}>
      <Card>
        <p className="room-card-kicker">Locked</p>
        <h1 style={{ fontSize: "var(--text-xl)" }}>This course is not open to you yet</h1>
        <p className="muted">{message}</p>
        <Link className="btn" to={`/c/${slug}`}>
          Go to the community
        </Link>
      </Card>
    </div>
  );
}
