import { roomAudience } from "../lib/community";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CreateCommunityBody } from "../../workers/communities/schemas";
import { ActivityChart } from "../components/activity-chart";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, zodValidator } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { pct, type CourseSummary } from "../lib/course";
import { requireCreator } from "../lib/creator.server";
import courseCss from "../styles/course.css?url";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Community · Creator studio · Tandem" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: courseCss }];

interface Community {
  slug: string;
  name: string;
  description: string;
  tiers: { id: string; name: string }[];
  rooms: { id: string; name: string; tierIds: string[] }[];
}

interface OwnerDrop {
  id: string;
  roomId: string;
  title: string;
  perk: string | null;
  quantity: number;
  claimed: number;
  releaseAt: number;
}

interface Analytics {
  windowDays: number;
  members: number;
  newMembers: number;
  activeMembers: number;
  posts: number;
  lessonsCompleted: number;
  assessmentsSubmitted: number;
  polls: { count: number; voters: number; participation: number | null };
  drops: { count: number; quantity: number; claimed: number; sellThrough: number | null };
  courses: { started: number; completed: number; completionRate: number | null; items: { id: string; title: string; lessons: number; started: number; completed: number; completionRate: number | null }[] };
  daily: { day: string; active: number; posts: number }[];
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  const found = await api<Community>(context, request, `/api/v1/communities/by-creator/${encodeURIComponent(creator.handle)}`);
  if (!found.ok) {
    if (found.problem.status !== 404) throw new Response(found.problem.detail, { status: found.problem.status });
    return { community: null, analytics: null, courses: [] as CourseSummary[], drops: [] as OwnerDrop[], handle: creator.handle, now: Date.now() };
  }
  const slug = encodeURIComponent(found.data.slug);
  const [analytics, courses, drops] = await Promise.all([
    api<Analytics>(context, request, `/api/v1/communities/${slug}/analytics`),
    api<{ items: CourseSummary[] }>(context, request, `/api/v1/communities/${slug}/courses`),
    api<{ items: OwnerDrop[] }>(context, request, `/api/v1/communities/${slug}/drops`),
  ]);
  return { community: found.data, analytics: analytics.ok ? analytics.data : null, courses: courses.ok ? courses.data.items : [], drops: drops.ok ? drops.data.items : [], handle: creator.handle, now: Date.now() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireCreator(context, request);
  const form = await readForm(request);
  const body = { slug: String(form.get("slug") ?? "").trim(), name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") };
  const res = await api(context, request, "/api/v1/communities", { method: "POST", body });
  if (res.ok) throw redirect("/studio/community?started=1");
  return { errors: fieldErrors(res.problem), message: res.problem.detail };
}

const suggestSlug = (handle: string) => `${handle.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-club`.slice(0, 40);

export default function StudioCommunity() {
  const d = useLoaderData<typeof loader>();
  if (!d.community) return <StartCommunity handle={d.handle} />;
  return <Dashboard community={d.community} analytics={d.analytics} courses={d.courses} drops={d.drops} now={d.now} />;
}

function StartCommunity({ handle }: { handle: string }) {
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; message?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  const e = result?.errors ?? {};
  return (
    <div className="main-narrow">
      <div className="page-head">
        <h1>Start your community</h1>
        <p>A members' space of your own: live rooms, polls, drops and courses, with the same sign-in as your storefront. It starts with a free tier and a General room.</p>
      </div>
      <Card>
        <Form method="post" className="stack" noValidate>
          {result?.message && !Object.keys(e).length ? (
            <div className="alert alert-error" role="alert">
              {result.message}
            </div>
          ) : null}
          <Input label="Name" name="name" defaultValue="" placeholder="e.g. Glow Club" error={e.name} maxLength={80} />
          <Input label="Address" name="slug" prefix="/c/" defaultValue={suggestSlug(handle)} error={e.slug} hint="Lowercase letters, digits and hyphens; 3 to 40 characters." validate={zodValidator(CreateCommunityBody.shape.slug)} autoCapitalize="none" autoCorrect="off" spellCheck={false} />
          <Input label="What it is about (optional)" name="description" defaultValue="" error={e.description} maxLength={500} placeholder="One sentence members see when they arrive." />
          <div>
            <Button type="submit" disabled={busy}>
              {busy ? "Starting…" : "Start the community"}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

function Dashboard({ community: c, analytics: a, courses, drops, now }: { community: Community; analytics: Analytics | null; courses: CourseSummary[]; drops: OwnerDrop[]; now: number }) {
  const [params] = useSearchParams();
  const stats = new Map(a?.courses.items.map((x) => [x.id, x]) ?? []);
  const tiles = a
    ? [
        { label: "Members", value: a.members.toLocaleString("en"), sub: `${a.newMembers.toLocaleString("en")} new in ${a.windowDays} days` },
        { label: "Active members", value: a.activeMembers.toLocaleString("en"), sub: `posted, voted, claimed or learned in ${a.windowDays} days` },
        { label: "Posts", value: a.posts.toLocaleString("en"), sub: `in ${a.windowDays} days` },
        { label: "Poll participation", value: pct(a.polls.participation), sub: a.polls.count ? `${a.polls.voters} votes on ${a.polls.count} poll${a.polls.count === 1 ? "" : "s"}` : "no polls yet" },
        { label: "Drop sell-through", value: pct(a.drops.sellThrough), sub: a.drops.count ? `${a.drops.claimed} of ${a.drops.quantity} claimed` : "no drops opened yet" },
        { label: "Course completion", value: pct(a.courses.completionRate), sub: a.courses.started ? `${a.courses.completed} of ${a.courses.started} learners finished` : "no learners yet" },
      ]
    : [];
  return (
    <>
      {params.get("started") ? (
        <div className="alert alert-success" role="status" style={{ marginBottom: "var(--space-4)" }}>
          {c.name} is open at /c/{c.slug}. Share it, then write a first course.
        </div>
      ) : null}
      {params.get("deleted") ? (
        <div className="alert alert-info" role="status" style={{ marginBottom: "var(--space-4)" }}>
          The course was deleted.
        </div>
      ) : null}
      <div className="page-head spread">
        <div>
          <h1>{c.name}</h1>
          <p>
            <a href={`/c/${c.slug}`}>/c/{c.slug}</a> · {c.rooms.length} room{c.rooms.length === 1 ? "" : "s"} · <Link to="/studio/community/members">{c.tiers.length} tier{c.tiers.length === 1 ? "" : "s"}</Link>
          </p>
        </div>
        <div className="row">
          <Button variant="secondary" to="/studio/community/members">
            Members and tiers
          </Button>
          <Button variant="secondary" to={`/c/${c.slug}`}>
            Open community
          </Button>
        </div>
      </div>
      {a ? (
        <div className="kpis" data-testid="community-stats">
          {tiles.map((t) => (
            <div className="kpi" key={t.label}>
              <div className="label">{t.label}</div>
              <div className="value">{t.value}</div>
              <div className="sub">{t.sub}</div>
            </div>
          ))}
        </div>
      ) : (
        <div className="alert alert-info">The numbers could not be loaded just now. Reload to try again.</div>
      )}
      <div className="sc-grid">
        <Card>
          <h2>Activity</h2>
          {a ? <ActivityChart daily={a.daily} days={a.windowDays} now={now} /> : null}
        </Card>
        <Card>
          <h2>Rooms</h2>
          <ul className="list">
            {c.rooms.map((r) => (
              <li key={r.id}>
                <span>
                  <strong>{r.name}</strong>
                  <span className="muted small"> · {roomAudience(r, c.tiers)}</span>
                </span>
                <Link className="btn btn-secondary btn-small" to={`/c/${c.slug}/r/${r.id}`}>
                  Open
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card style={{ marginTop: "var(--space-4)" }}>
        <div className="spread">
          <h2>Courses</h2>
          <Button size="small" to="/studio/community/courses/new">
            New course
          </Button>
        </div>
        {courses.length === 0 ? (
          <div className="empty">
            <strong>No courses yet</strong>
            Turn what you know into modules of lessons and short quizzes for your members.
          </div>
        ) : (
          <ul className="sc-courses">
            {courses.map((k) => {
              const s = stats.get(k.id);
              return (
                <li key={k.id}>
                  <Link to={`/studio/community/courses/${k.id}`} className="sc-course">
                    <span className="sc-course-title">
                      <strong>{k.title}</strong>
                      <span className={k.status === "published" ? "badge badge-verified" : "badge badge-neutral"}>{k.status === "published" ? "Published" : "Draft"}</span>
                    </span>
                    <span className="muted small">
                      {k.moduleCount} module{k.moduleCount === 1 ? "" : "s"} · {k.lessonCount} lesson{k.lessonCount === 1 ? "" : "s"}
                      {k.assessmentCount ? ` · ${k.assessmentCount} quiz${k.assessmentCount === 1 ? "" : "zes"}` : ""}
                    </span>
                    <span className="sc-course-stat small">
                      {k.status === "draft" ? (
                        <span className="muted">Members cannot see it yet</span>
                      ) : s && s.started ? (
                        <>
                          <strong>{pct(s.completionRate)}</strong> <span className="muted">completed · {s.completed} of {s.started} learners</span>
                        </>
                      ) : (
                        <span className="muted">No learners yet</span>
                      )}
                    </span>
                    <span className="sc-course-edit" aria-hidden="true">
                      Edit →
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card style={{ marginTop: "var(--space-4)" }}>
        <h2>Drops</h2>
        {drops.length === 0 ? (
          <div className="empty">
            <strong>No drops yet</strong>
            Schedule one from a room (Owner tools → Schedule a drop): a limited number of a product or a perk, claimed in the room.
          </div>
        ) : (
          <ul className="list">
            {drops.map((x) => (
              <li key={x.id}>
                <span>
                  <strong>{x.title}</strong>
                  <span className="muted small">
                    {" "}
                    · {x.claimed} of {x.quantity} claimed · {x.releaseAt > now ? "opens" : "opened"} {new Date(x.releaseAt).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}
                  </span>
                </span>
                <Link className="small" to={`/studio/community/drops/${x.id}`}>
                  Claims →
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
