import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { requireCreator } from "../lib/creator.server";
import { formatMoney, parseMoney } from "../lib/money";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Members and tiers · Community · Tandem" }];

interface Tier {
  id: string;
  name: string;
  kind: "free" | "paid";
  priceMinor: number;
  currency: string;
}
interface Member {
  userId: string;
  name: string;
  tierId: string;
  role: "owner" | "member";
  status: "active" | "banned";
  joinedAt: number;
}

const CURRENCIES = ["GBP", "USD", "EUR"].map((c) => ({ value: c, label: c }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  const found = await api<{ slug: string; name: string; tiers: Tier[] }>(context, request, `/api/v1/communities/by-creator/${encodeURIComponent(creator.handle)}`);
  if (!found.ok) throw redirect("/studio/community");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const after = url.searchParams.get("after") ?? "";
  const params = new URLSearchParams({ limit: "50", ...(q ? { q } : {}), ...(after ? { after } : {}) });
  const members = await api<{ items: Member[]; nextAfter: string | null }>(context, request, `/api/v1/communities/${encodeURIComponent(found.data.slug)}/members?${params}`);
  if (!members.ok) throw new Response(members.problem.detail, { status: members.problem.status });
  return { community: found.data, members: members.data.items, nextAfter: members.data.nextAfter, q, paged: !!after };
}

/** One form, several intents: add a tier, grant or revoke a member's tier, ban or lift a ban. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  const found = await api<{ slug: string }>(context, request, `/api/v1/communities/by-creator/${encodeURIComponent(creator.handle)}`);
  if (!found.ok) throw redirect("/studio/community");
  const base = `/api/v1/communities/${encodeURIComponent(found.data.slug)}`;
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const userId = encodeURIComponent(String(form.get("userId") ?? ""));
  if (intent === "tier") {
    const kind = String(form.get("kind")) === "paid" ? "paid" : "free";
    const currency = String(form.get("currency") ?? "GBP");
    const price = kind === "paid" ? parseMoney(String(form.get("price") ?? ""), currency) : 0;
    if (price === null) return { intent, ok: false, errors: { priceMinor: "Enter a price, like 4.99" } as Record<string, string>, message: null };
    const res = await api(context, request, `${base}/tiers`, { method: "POST", body: { name: String(form.get("name") ?? ""), kind, priceMinor: price, currency } });
    return res.ok ? { intent, ok: true, errors: {}, message: "Tier added." } : { intent, ok: false, errors: fieldErrors(res.problem), message: res.problem.detail };
  }
  const calls: Record<string, () => ReturnType<typeof api>> = {
    grant: () => api(context, request, `${base}/grants`, { method: "POST", body: { userId: String(form.get("userId")), tierId: String(form.get("tierId")) } }),
    revoke: () => api(context, request, `${base}/grants/${userId}`, { method: "DELETE" }),
    ban: () => api(context, request, `${base}/bans`, { method: "POST", body: { userId: String(form.get("userId")) } }),
    unban: () => api(context, request, `${base}/bans/${userId}`, { method: "DELETE" }),
  };
  const call = calls[intent];
  if (!call) return { intent, ok: false, errors: {}, message: "Unknown action." };
  const res = await call();
  const done = { grant: "Tier granted.", revoke: "Back on the free tier.", ban: "Banned: their open rooms closed.", unban: "Ban lifted." }[intent];
  return res.ok ? { intent, ok: true, errors: {}, message: done ?? "Done." } : { intent, ok: false, errors: {}, message: res.problem.detail };
}

function MemberRow({ m, tiers }: { m: Member; tiers: Tier[] }) {
  const [tierId, setTierId] = useState(m.tierId);
  const free = tiers.find((t) => t.kind === "free");
  return (
    <li data-testid="member-row">
      <div style={{ flex: "1 1 12rem" }}>
        <strong>{m.name}</strong>
        <span className="muted small">
          {" "}
          · joined {new Date(m.joinedAt).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}
          {m.role === "owner" ? " · owner" : ""}
        </span>
        {m.status === "banned" ? <span className="badge badge-unverified" style={{ marginLeft: "var(--space-2)" }}>Banned</span> : null}
      </div>
      {m.role === "owner" ? (
        <span className="muted small">Every room, every course</span>
      ) : (
        <div className="row" style={{ gap: "var(--space-2)" }}>
          <Form method="post" className="row" style={{ gap: "var(--space-2)" }}>
            <input type="hidden" name="userId" value={m.userId} />
            <label className="visually-hidden" htmlFor={`tier-${m.userId}`}>
              Tier for {m.name}
            </label>
            <select id={`tier-${m.userId}`} name="tierId" className="input" style={{ minHeight: 36, width: "auto" }} value={tierId} onChange={(e) => setTierId(e.target.value)}>
              {tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            {tierId !== m.tierId ? (
              <Button size="small" name="intent" value={tierId === free?.id ? "revoke" : "grant"}>
                Save
              </Button>
            ) : null}
          </Form>
          <Form method="post">
            <input type="hidden" name="userId" value={m.userId} />
            {m.status === "banned" ? (
              <Button size="small" variant="secondary" name="intent" value="unban">
                Lift ban
              </Button>
            ) : (
              <Button size="small" variant="ghost" name="intent" value="ban" onClick={(e) => !confirm(`Ban ${m.name}? They leave every room until you lift it.`) && e.preventDefault()}>
                Ban
              </Button>
            )}
          </Form>
        </div>
      )}
    </li>
  );
}

export default function Members() {
  const { community: c, members, nextAfter, q, paged } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [kind, setKind] = useState("paid");
  const tierForm = useRef<HTMLFormElement>(null);
  // A tier that was added clears the form for the next one.
  useEffect(() => {
    if (result?.intent === "tier" && result.ok) tierForm.current?.reset();
  }, [result]);
  return (
    <>
      <div className="page-head">
        <p className="muted small">
          <Link to="/studio/community">{c.name}</Link>
        </p>
        <h1>Members and tiers</h1>
        <p>Grant a paid tier to the people you invite (checkout comes with payments), and ban anyone who spoils the room.</p>
      </div>
      {result?.message ? (
        <p className={result.ok ? "alert alert-success" : "alert alert-error"} role={result.ok ? "status" : "alert"} style={{ marginBottom: "var(--space-4)" }}>
          {result.message}
        </p>
      ) : null}
      <div className="grid" style={{ alignItems: "start" }}>
        <Card>
          <h2>Tiers</h2>
          <ul className="list">
            {c.tiers.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong>
                <span className="muted small">{t.kind === "free" ? "Free" : `${formatMoney(t.priceMinor, t.currency)} a month`}</span>
              </li>
            ))}
          </ul>
          <Form ref={tierForm} method="post" className="stack" style={{ marginTop: "var(--space-4)", gap: "var(--space-3)" }}>
            <h3>Add a tier</h3>
            <Input label="Name" name="name" required maxLength={60} placeholder="Inner circle" error={result?.intent === "tier" ? result.errors.name : undefined} />
            <Select label="Kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)} options={[{ value: "paid", label: "Paid" }, { value: "free", label: "Free" }]} />
            {kind === "paid" ? (
              <div className="row" style={{ alignItems: "flex-start" }}>
                <div style={{ flex: 1 }}>
                  <Input label="Price a month" name="price" inputMode="decimal" placeholder="4.99" error={result?.intent === "tier" ? result.errors.priceMinor : undefined} />
                </div>
                <Select label="Currency" name="currency" defaultValue="GBP" options={CURRENCIES} />
              </div>
            ) : null}
            <Button name="intent" value="tier" disabled={busy}>
              Add tier
            </Button>
          </Form>
        </Card>
        <Card>
          <div className="spread">
            <h2>Members</h2>
            <Form method="get" role="search" className="row" style={{ gap: "var(--space-2)" }}>
              <label className="visually-hidden" htmlFor="member-q">
                Find a member
              </label>
              <input id="member-q" name="q" type="search" className="input" style={{ minHeight: 36, width: "12rem" }} defaultValue={q} placeholder="Find by name" />
            </Form>
          </div>
          {members.length === 0 ? (
            <div className="empty">
              <strong>{q ? `No one called “${q}”` : "No members yet"}</strong>
              {q ? "Try part of the name." : `Share /c/${c.slug} from your storefront and socials.`}
            </div>
          ) : (
            <ul className="list">
              {members.map((m) => (
                <MemberRow key={m.userId} m={m} tiers={c.tiers} />
              ))}
            </ul>
          )}
          <div className="row" style={{ marginTop: "var(--space-3)" }}>
            {paged ? <Link to={q ? `?q=${encodeURIComponent(q)}` : "?"}>First page</Link> : null}
            {nextAfter ? <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), after: nextAfter })}`}>Next page</Link> : null}
          </div>
        </Card>
      </div>
    </>
  );
}
