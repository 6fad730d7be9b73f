import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AddMemberBody, CreateBrandBody } from "../../workers/brands/schemas";
import { AddDomainBody } from "../../workers/campaigns/schemas";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select, zodValidator } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { requireBrand, type ApiKey, type Member } from "../lib/brand.server";
import { countryOptions, industryOptions, sizeOptions } from "../lib/options";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Settings · Brand console · Tandem" }];

/** A destination domain and the DNS record that proves the brand owns it. */
interface Domain {
  id: string;
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  verification: { type: "TXT"; name: string; value: string };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { me, brand } = await requireBrand(context, request);
  const canManage = brand.role !== "member";
  const [keys, team, domains] = await Promise.all([
    canManage ? api<{ items: ApiKey[] }>(context, request, `/api/v1/brands/${brand.id}/api-keys`) : null,
    api<{ items: Member[] }>(context, request, `/api/v1/brands/${brand.id}/members`),
    api<{ items: Domain[] }>(context, request, `/api/v1/brands/${brand.id}/domains`),
  ]);
  return { brand, canManage, me: me.user.id, keys: keys?.ok ? keys.data.items : [], team: team.ok ? team.data.items : [], domains: domains.ok ? domains.data.items : [] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "profile") {
    const body = Object.fromEntries(["name", "website", "industry", "companySize", "country"].map((k) => [k, String(form.get(k) ?? "").trim()]));
    const res = await api(context, request, `/api/v1/brands/${brand.id}`, { method: "PATCH", body });
    return res.ok ? { intent, saved: true } : { intent, errors: fieldErrors(res.problem), message: res.problem.detail };
  }
  if (intent === "create-key") {
    const res = await api<{ secret: string; name: string }>(context, request, `/api/v1/brands/${brand.id}/api-keys`, { method: "POST", body: { name: String(form.get("name") ?? "") } });
    return res.ok ? { intent, secret: res.data.secret, name: res.data.name } : { intent, errors: fieldErrors(res.problem), message: res.problem.detail };
  }
  if (intent === "add-member") {
    const res = await api(context, request, `/api/v1/brands/${brand.id}/members`, { method: "POST", body: { email: String(form.get("email") ?? "").trim(), role: String(form.get("role") ?? "") } });
    return res.ok ? { intent, added: String(form.get("email")) } : { intent, errors: fieldErrors(res.problem), message: res.problem.detail };
  }
  if (intent === "remove-member") {
    const res = await api(context, request, `/api/v1/brands/${brand.id}/members/${encodeURIComponent(String(form.get("memberId")))}`, { method: "DELETE" });
    return res.ok ? { intent, removed: true } : { intent, message: res.problem.detail };
  }
  if (intent === "verify-domain") {
    const domainId = String(form.get("domainId") ?? "");
    const res = await api<Domain>(context, request, `/api/v1/brands/${brand.id}/domains/${encodeURIComponent(domainId)}/verify`, { method: "POST", body: {} });
    return res.ok ? { intent, domainId, verified: res.data.domain } : { intent, domainId, message: res.problem.detail, unavailable: res.problem.status === 503 };
  }
  if (intent === "add-domain") {
    const res = await api<Domain>(context, request, `/api/v1/brands/${brand.id}/domains`, { method: "POST", body: { domain: String(form.get("domain") ?? "").trim() } });
    return res.ok ? { intent, added: res.data.domain } : { intent, errors: fieldErrors(res.problem), message: res.problem.detail };
  }
  if (intent === "revoke-key") {
    const res = await api(context, request, `/api/v1/brands/${brand.id}/api-keys/${encodeURIComponent(String(form.get("keyId")))}`, { method: "DELETE" });
    return res.ok ? { intent, revoked: true } : { intent, message: res.problem.detail };
  }
  return { intent, message: "Unknown action" };
}

const roleOptions = (mine: string) =>
  [
    { value: "member", label: "Member" },
    { value: "admin", label: "Admin" },
    ...(mine === "owner" ? [{ value: "owner", label: "Owner" }] : []),
  ];

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "never");

export default function BrandSettings() {
  const { brand, canManage, keys, team, me, domains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | { intent?: string; saved?: boolean; secret?: string; name?: string; added?: string; errors?: Record<string, string>; message?: string; domainId?: string; verified?: string; unavailable?: boolean }
    | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const checking = navigation.state === "submitting" && navigation.formData?.get("intent") === "verify-domain" ? String(navigation.formData.get("domainId")) : null;
  const shape = CreateBrandBody.shape;
  const profileErrors = result?.intent === "profile" ? result.errors : undefined;
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
        <p>Your company profile, your team, and the keys your store and tools use to reach Tandem.</p>
      </div>
      <div className="stack" style={{ gap: "var(--space-5)" }}>
        <Card>
          <h2>Company profile</h2>
          {!canManage && <p className="muted">Only owners and admins can edit the profile.</p>}
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="profile" />
            {result?.intent === "profile" && result.saved && <div className="alert alert-success" role="status">Saved.</div>}
            {result?.intent === "profile" && result.message && !profileErrors && <div className="alert alert-error" role="alert">{result.message}</div>}
            <fieldset disabled={!canManage} className="stack">
              <Input label="Company name" name="name" defaultValue={brand.name} error={profileErrors?.name} validate={zodValidator(shape.name)} />
              <Input label="Website" name="website" type="url" defaultValue={brand.website} error={profileErrors?.website} validate={zodValidator(shape.website)} />
              <Select label="Industry" name="industry" options={industryOptions} defaultValue={brand.industry} error={profileErrors?.industry} />
              <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 12rem), 1fr))" }}>
                <Select label="Company size" name="companySize" options={sizeOptions} defaultValue={brand.companySize} error={profileErrors?.companySize} />
                <Select label="Country" name="country" options={countryOptions} defaultValue={brand.country} error={profileErrors?.country} />
              </div>
              <div><Button type="submit" disabled={busy}>Save profile</Button></div>
            </fieldset>
          </Form>
        </Card>
        <Card id="team">
          <h2>Team</h2>
          <p className="muted small">Owners and admins edit the brand and its keys; members can look but not change. Only owners make owners, and a brand always keeps one.</p>
          {result?.intent === "add-member" && result.added && <div className="alert alert-success" role="status">Added {result.added}. We emailed them how to sign in.</div>}
          {(result?.intent === "add-member" || result?.intent === "remove-member") && result.message && !result.errors && <div className="alert alert-error" role="alert">{result.message}</div>}
          <ul className="list">
            {team.map((m) => (
              <li key={m.id}>
                <div>
                  <strong>{m.email}</strong> {m.userId === me && <span className="muted small">(you)</span>}
                  <div className="muted small">{m.joined ? "Signed in" : "Invited, has not signed in yet"}</div>
                </div>
                <div className="row">
                  <span className="badge badge-neutral">{m.role}</span>
                  {canManage && m.userId !== me && (brand.role === "owner" || m.role !== "owner") && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="memberId" value={m.id} />
                      <Button variant="ghost" size="small" type="submit" aria-label={`Remove ${m.email}`}>Remove</Button>
                    </Form>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {canManage && (
            <Form key={result?.added ?? "add"} method="post" className="row" style={{ alignItems: "flex-end", marginTop: "var(--space-4)" }} noValidate>
              <input type="hidden" name="intent" value="add-member" />
              <div style={{ flex: "2 1 14rem" }}>
                <Input label="Teammate's email" name="email" type="email" error={result?.intent === "add-member" ? result.errors?.email : undefined} validate={zodValidator(AddMemberBody.shape.email)} />
              </div>
              <div style={{ flex: "1 1 8rem" }}>
                <Select label="Role" name="role" options={roleOptions(brand.role)} defaultValue="member" />
              </div>
              <Button type="submit" disabled={busy}>Add to team</Button>
            </Form>
          )}
        </Card>
        <Card id="domains">
          <h2>Domains</h2>
          <p className="muted small">
            Creators' links and your campaigns send visitors only to domains you have proven are yours. Add the TXT record shown at your DNS host, then press Verify; subdomains are included.
          </p>
          {result?.intent === "add-domain" && result.added && <div className="alert alert-success" role="status">Added {result.added}. Add its TXT record, then verify it.</div>}
          {result?.intent === "add-domain" && result.message && !result.errors && <div className="alert alert-error" role="alert">{result.message}</div>}
          <ul className="list">
            {domains.map((d) => (
              <li key={d.id} data-testid={`domain-${d.domain}`}>
                <div className="stack" style={{ gap: "var(--space-2)" }}>
                  <div>
                    <strong>{d.domain}</strong>{" "}
                    {d.verified ? <span className="badge badge-verified">Verified {fmt(d.verifiedAt)}</span> : <span className="badge badge-unverified">Not verified: links cannot point here yet</span>}
                  </div>
                  {!d.verified && (
                    <div className="muted small stack" style={{ gap: "var(--space-2)" }}>
                      <span>
                        Add this <strong>TXT</strong> record at your DNS host:
                      </span>
                      <dl className="dns-record">
                        <dt>Name</dt>
                        <dd><code className="secret">{d.verification.name}</code></dd>
                        <dt>Value</dt>
                        <dd><code className="secret">{d.verification.value}</code></dd>
                      </dl>
                    </div>
                  )}
                  {result?.intent === "verify-domain" && result.domainId === d.id && result.verified && <div className="alert alert-success" role="status">{d.domain} is verified. Links may point there now.</div>}
                  {result?.intent === "verify-domain" && result.domainId === d.id && result.message && (
                    <div className="alert alert-error" role="alert">
                      {result.unavailable ? "We could not reach DNS just now; nothing changed. Try again in a minute." : result.message}
                    </div>
                  )}
                </div>
                {canManage && !d.verified && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="verify-domain" />
                    <input type="hidden" name="domainId" value={d.id} />
                    <Button variant="secondary" size="small" type="submit" disabled={busy} aria-label={`Verify ${d.domain}`}>
                      {checking === d.id ? "Checking DNS…" : "Verify"}
                    </Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {canManage && (
            <Form key={result?.intent === "add-domain" ? (result.added ?? "add-domain") : "add-domain"} method="post" className="row" style={{ alignItems: "flex-end", marginTop: "var(--space-4)" }} noValidate>
              <input type="hidden" name="intent" value="add-domain" />
              <div style={{ flex: "1 1 14rem" }}>
                <Input label="Another domain" name="domain" placeholder="shop.example.com" error={result?.intent === "add-domain" ? result.errors?.domain : undefined} validate={zodValidator(AddDomainBody.shape.domain)} />
              </div>
              <Button type="submit" disabled={busy}>Add domain</Button>
            </Form>
          )}
        </Card>
        {canManage && (
          <Card id="api-keys">
            <h2>API keys</h2>
            <p className="muted small">A key acts for {brand.name} only. Send it as <code>Authorization: Bearer …</code>. We store only a hash, so copy it when it is shown.</p>
            {result?.intent === "create-key" && result.secret && (
              <div className="alert alert-success stack" role="status" style={{ gap: "var(--space-2)" }}>
                <strong>Key “{result.name}” created. Copy it now: it will not be shown again.</strong>
                <code className="secret" data-testid="new-api-key">{result.secret}</code>
              </div>
            )}
            {result?.intent === "revoke-key" && result.message && <div className="alert alert-error" role="alert">{result.message}</div>}
            <Form key={result?.secret ?? "create"} method="post" className="row" style={{ alignItems: "flex-end", margin: "var(--space-4) 0" }} noValidate>
              <input type="hidden" name="intent" value="create-key" />
              <div style={{ flex: "1 1 14rem" }}>
                <Input label="New key name" name="name" placeholder="e.g. Shopify store" error={result?.intent === "create-key" ? result.errors?.name : undefined} />
              </div>
              <Button type="submit" disabled={busy}>Create key</Button>
            </Form>
            {keys.length === 0 ? (
              <div className="empty"><strong>No keys yet</strong>Create one to connect your store, a spreadsheet or your own scripts.</div>
            ) : (
              <ul className="list">
                {keys.map((k) => (
                  <li key={k.id}>
                    <div>
                      <strong>{k.name}</strong> <code className="small muted">{k.prefix}…</code>
                      <div className="muted small">Created {fmt(k.createdAt)} · last used {fmt(k.lastUsedAt)}</div>
                    </div>
                    {k.revokedAt ? (
                      <span className="badge badge-neutral">Revoked {fmt(k.revokedAt)}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-key" />
                        <input type="hidden" name="keyId" value={k.id} />
                        <Button variant="secondary" size="small" type="submit">Revoke</Button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
