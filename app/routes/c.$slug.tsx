import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { timeLeft, useNow } from "../components/room/countdown";
import { CommunitySearch, type FoundPost } from "../components/room/search-results";
import { Card } from "../components/ui/card";
import communityCss from "../styles/community.css?url";
import courseCss from "../styles/course.css?url";
import { CourseProgress } from "../components/course/progress";
import { api } from "../lib/api.server";
import { roomAudience } from "../lib/community";
import { courseHref, type CourseSummary } from "../lib/course";
import { getMe } from "../lib/me.server";
import { formatMoney } from "../lib/money";
import { readForm } from "../lib/read-body.server";
import { Button } from "../components/ui/button";

interface Community {
  slug: string;
  name: string;
  description: string;
  tiers: { id: string; name: string; kind: "free" | "paid"; priceMinor: number; annualPriceMinor: number | null; currency: string }[];
  rooms: { id: string; name: string; tierIds: string[]; canEnter: boolean }[];
  /** `locked`: in a room this visitor may not enter, so the gateway leaves out its title and perk. */
  drops: { id: string; roomId: string; locked: boolean; title: string | null; perk: string | null; quantity: number; claimed: number; releaseAt: number }[];
  membership: { tierId: string; role: "owner" | "member"; status: string } | null;
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: communityCss },
  { rel: "stylesheet", href: courseCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.community.name} · Tandem` : "Community · Tandem" }, { name: "description", content: data?.community.description ?? "" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const slug = encodeURIComponent(params.slug ?? "");
  const [res, courses, me] = await Promise.all([
    api<Community>(context, request, `/api/v1/communities/${slug}`),
    api<{ items: CourseSummary[] }>(context, request, `/api/v1/communities/${slug}/courses`),
    getMe(context, request),
  ]);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  const found = q && res.data.membership ? await api<{ items: FoundPost[] }>(context, request, `/api/v1/communities/${slug}/search?q=${encodeURIComponent(q)}`) : null;
  return {
    community: res.data,
    courses: courses.ok ? courses.data.items : [],
    signedIn: !!me,
    now: Date.now(),
    search: { q, results: found?.ok ? found.data.items : null, error: found && !found.ok ? (found.problem.errors?.[0]?.message ?? found.problem.detail) : null },
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (form.get("intent") === "subscribe") {
    const sub = await api<{ url: string }>(context, request, "/api/v1/checkout", { method: "POST", body: { tierId: String(form.get("tierId") ?? ""), interval: form.get("interval") === "year" ? "year" : "month" } });
    if (!sub.ok && sub.problem.status === 401) throw redirect(`/signin?next=${encodeURIComponent(`/c/${params.slug}`)}`);
    if (sub.ok) throw redirect(sub.data.url);
    return { ok: false, message: sub.problem.errors?.[0]?.message === "Already subscribed" ? "You already subscribe to this tier: manage it from your orders." : sub.problem.detail };
  }
  const res = await api(context, request, `/api/v1/communities/${encodeURIComponent(params.slug ?? "")}/join`, { method: "POST", body: {} });
  if (!res.ok && res.problem.status === 401) throw redirect(`/signin?next=${encodeURIComponent(`/c/${params.slug}`)}`);
  return res.ok ? { ok: true } : { ok: false, message: res.problem.detail };
}

export default function CommunityHome() {
  const { community: c, courses, signedIn, now: serverNow, search } = useLoaderData<typeof loader>();
  const now = useNow(serverNow);
  const busy = useNavigation().state !== "idle";
  const result = useActionData<typeof action>();
  const subscribeError = result && !result.ok ? result.message : null;
  const tierName = (id: string) => c.tiers.find((t) => t.id === id)?.name ?? "a tier";
  return (
    <div className="main-narrow" style={{ maxWidth: "44rem" }}>
      <div className="page-head">
        <p className="muted small">Community</p>
        <h1>{c.name}</h1>
        <p>{c.description}</p>
      </div>
      {c.membership ? (
        <p className="alert alert-success" role="status">
          You are {c.membership.role === "owner" ? "the owner" : `a member (${tierName(c.membership.tierId)})`}.
        </p>
      ) : (
        <Card>
          <h2>Join {c.name}</h2>
          <p className="muted">Free to join. Rooms open right away; some are for members of a paid tier.</p>
          {signedIn ? (
            <Form method="post">
              <button className="btn" disabled={busy}>
                Join the community
              </button>
            </Form>
          ) : (
            <Link className="btn" to={`/signin?next=${encodeURIComponent(`/c/${c.slug}`)}`}>
              Sign in to join
            </Link>
          )}
        </Card>
      )}
      {c.membership?.status === "active" ? <CommunitySearch slug={c.slug} q={search.q} results={search.results} error={search.error} /> : null}
      {c.drops.length ? (
        <section style={{ marginTop: "var(--space-4)" }} aria-label="Drops">
          <h2>Drops</h2>
          <div className="upcoming">
            {c.drops.map((d) => {
              const room = c.rooms.find((r) => r.id === d.roomId);
              const open = now >= d.releaseAt;
              return (
                <article key={d.id} className="room-card drop">
                  <p className="room-card-kicker">{d.claimed >= d.quantity ? "Sold out" : open ? "Live now" : `Opens in ${timeLeft(d.releaseAt - now)}`}</p>
                  <h3>{d.locked ? `A drop in ${room?.name ?? "a members' room"}` : d.title}</h3>
                  <p className="small muted">
                    {d.perk ? `${d.perk} · ` : ""}
                    {Math.max(0, d.quantity - d.claimed)} of {d.quantity} left
                  </p>
                  {room?.canEnter && !d.locked ? (
                    <Link className="btn btn-small" to={`/c/${c.slug}/r/${d.roomId}`}>
                      {open ? "Claim in" : "Wait in"} {room.name}
                    </Link>
                  ) : (
                    <p className="muted small">{c.membership ? "For members of another tier." : "Join the community to claim one."}</p>
                  )}
                </article>
              );
            })}
          </div>
        </section>
      ) : null}
      <section style={{ marginTop: "var(--space-4)" }} aria-labelledby="courses-h">
        <div className="spread">
          <h2 id="courses-h">Courses</h2>
          {c.membership?.role === "owner" ? (
            <Link className="small" to="/studio/community">
              Manage in studio
            </Link>
          ) : null}
        </div>
        {courses.length === 0 ? (
          <div className="room-card empty">
            <strong>No courses yet</strong>
            {c.membership?.role === "owner" ? (
              <>
                Write the first one in your <Link to="/studio/community/courses/new">studio</Link>.
              </>
            ) : (
              "When there is one, it shows up here."
            )}
          </div>
        ) : (
          <div className="course-cards">
            {courses.map((k) => {
              const started = k.progress.completedLessons + k.progress.passedAssessments > 0;
              const go = k.progress.pct === 100 ? "Review" : started ? "Continue" : "Start";
              return (
                <article key={k.id} className="room-card course-card" data-testid="course-card">
                  <p className="room-card-kicker">
                    {k.status === "draft" ? "Draft" : k.locked ? "Locked" : k.progress.pct === 100 ? "Completed" : started ? "In progress" : "Course"}
                  </p>
                  <h3>{k.title}</h3>
                  {k.summary ? <p className="small muted course-card-summary">{k.summary}</p> : null}
                  <p className="small muted">
                    {k.lessonCount} lesson{k.lessonCount === 1 ? "" : "s"}
                    {k.assessmentCount ? ` · ${k.assessmentCount} quiz${k.assessmentCount === 1 ? "" : "zes"}` : ""}
                    {k.locked && k.tierIds.length ? ` · for ${k.tierIds.map(tierName).join(", ")}` : ""}
                  </p>
                  {k.locked ? (
                    c.membership ? (
                      <span className="badge badge-neutral">🔒 Another tier</span>
                    ) : (
                      <span className="badge badge-neutral">🔒 Join to start</span>
                    )
                  ) : (
                    <>
                      <CourseProgress progress={k.progress} compact />
                      <Link className="btn btn-small" to={courseHref(c.slug, k.id)} aria-label={`${go} ${k.title}`}>
                        {go}
                      </Link>
                    </>
                  )}
                </article>
              );
            })}
          </div>
        )}
      </section>
      <Card style={{ marginTop: "var(--space-4)" }}>
        <h2>Rooms</h2>
        <ul className="list">
          {c.rooms.map((r) => (
            <li key={r.id}>
              <span>
                <strong>{r.name}</strong>
                <span className="muted small"> · {roomAudience(r, c.tiers)}</span>
              </span>
              {r.canEnter ? (
                <Link className="btn btn-small" to={`/c/${c.slug}/r/${r.id}`}>
                  Enter
                </Link>
              ) : (
                <span className="badge badge-neutral">Locked</span>
              )}
            </li>
          ))}
        </ul>
      </Card>
      {c.tiers.some((t) => t.kind === "paid") ? (
        <Card style={{ marginTop: "var(--space-4)" }}>
          <h2>Tiers</h2>
          {subscribeError ? <div className="alert alert-error" role="alert">{subscribeError}</div> : null}
          <ul className="list">
            {c.tiers.map((t) => (
              <li key={t.id} className="tier-row">
                <div>
                  <strong>{t.name}</strong>
                  <div className="muted small">{t.kind === "free" ? "Free" : `${formatMoney(t.priceMinor, t.currency)} a month or ${formatMoney(t.annualPriceMinor ?? t.priceMinor * 10, t.currency)} a year`}</div>
                </div>
                {t.kind === "paid" && c.membership?.tierId === t.id ? (
                  <span className="badge badge-verified">Your tier</span>
                ) : t.kind === "paid" && c.membership?.role !== "owner" ? (
                  <Form method="post" className="row tier-buy">
                    <input type="hidden" name="intent" value="subscribe" />
                    <input type="hidden" name="tierId" value={t.id} />
                    <Button type="submit" size="small" name="interval" value="month" disabled={busy}>Join · {formatMoney(t.priceMinor, t.currency)}/mo</Button>
                    <Button type="submit" size="small" variant="secondary" name="interval" value="year" disabled={busy}>{formatMoney(t.annualPriceMinor ?? t.priceMinor * 10, t.currency)}/yr</Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
