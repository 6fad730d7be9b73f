import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Card } from "../components/ui/card";
import { Button } from "../components/ui/button";
import { api } from "../lib/api.server";
import { requireBrand, type ApiKey } from "../lib/brand.server";
import { countryOptions, goalOptions, industryOptions } from "../lib/options";

export const meta: MetaFunction = () => [{ title: "Brand console · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { me, brand } = await requireBrand(context, request);
  const canManage = brand.role !== "member";
  const keys = canManage ? await api<{ items: ApiKey[] }>(context, request, `/api/v1/brands/${brand.id}/api-keys`) : null;
  const activeKeys = keys?.ok ? keys.data.items.filter((k) => !k.revokedAt).length : 0;
  return { brand, email: me.user.email, activeKeys, canManage };
}

const label = (opts: { value: string; label: string }[], v: string | null) => opts.find((o) => o.value === v)?.label ?? v ?? "—";

export default function BrandHome() {
  const { brand, email, activeKeys, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const goal = goalOptions.find((g) => g.value === brand.goal);
  const checklist = [
    { done: true, text: "Create your account" },
    { done: true, text: "Add your company" },
    { done: Boolean(brand.goal), text: "Choose a first goal" },
    { done: activeKeys > 0, text: "Create an API key for your store or tools", to: "/brand/settings#api-keys" },
  ];
  const done = checklist.filter((c) => c.done).length;
  return (
    <>
      {params.get("welcome") && (
        <div className="alert alert-success" role="status" style={{ marginBottom: "var(--space-5)" }}>
          {brand.name} is set up. Welcome to Tandem.
        </div>
      )}
      <div className="page-head spread">
        <div>
          <h1>{brand.name}</h1>
          <p>Signed in as {email} · {brand.role}</p>
        </div>
        {canManage && <Button variant="secondary" to="/brand/settings">Edit profile</Button>}
      </div>
      <div className="grid">
        <Card>
          <h2>Getting started</h2>
          <p className="muted small">{done} of {checklist.length} done</p>
          <ul className="checklist">
            {checklist.map((c) => (
              <li key={c.text}>
                <span className="tick" data-done={c.done} aria-hidden="true">{c.done ? "✓" : ""}</span>
                <span>{c.to && !c.done ? <Link to={c.to}>{c.text}</Link> : c.text}<span className="visually-hidden">{c.done ? " (done)" : " (to do)"}</span></span>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2>First goal</h2>
          <p className="stat">{goal?.label ?? "Not set"}</p>
          <p className="muted small">{goal?.blurb}</p>
        </Card>
        <Card>
          <h2>Company</h2>
          <ul className="list small">
            <li><span className="muted">Website</span><a href={brand.website} rel="noreferrer" target="_blank">{brand.website.replace(/^https?:\/\//, "")}</a></li>
            <li><span className="muted">Industry</span><span>{label(industryOptions, brand.industry)}</span></li>
            <li><span className="muted">Size</span><span>{brand.companySize} people</span></li>
            <li><span className="muted">Country</span><span>{label(countryOptions, brand.country)}</span></li>
          </ul>
        </Card>
      </div>
    </>
  );
}
