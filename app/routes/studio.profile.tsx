import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { UpdateCreatorBody } from "../../workers/creators/schemas";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, zodValidator } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { requireCreator } from "../lib/creator.server";
import { nicheOptions } from "../lib/options";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Profile · Creator studio · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  return { creator };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  const form = await readForm(request);
  const body = { displayName: String(form.get("displayName") ?? ""), bio: String(form.get("bio") ?? ""), niches: form.getAll("niches").map(String) };
  const res = await api(context, request, `/api/v1/creators/${creator.id}`, { method: "PATCH", body });
  return res.ok ? { saved: true } : { errors: fieldErrors(res.problem), message: res.problem.detail };
}

export default function StudioProfile() {
  const { creator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { saved?: boolean; errors?: Record<string, string>; message?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  return (
    <div className="main-narrow">
      <div className="page-head">
        <h1>Profile</h1>
        <p>How you appear to brands and on your storefront at /@{creator.handle}.</p>
      </div>
      <Card>
        <Form method="post" className="stack" noValidate>
          {result?.saved && <div className="alert alert-success" role="status">Saved.</div>}
          {result?.message && !result.errors && <div className="alert alert-error" role="alert">{result.message}</div>}
          <Input label="Display name" name="displayName" defaultValue={creator.displayName} error={result?.errors?.displayName} validate={zodValidator(UpdateCreatorBody.shape.displayName.unwrap())} />
          <Input label="Bio" name="bio" defaultValue={creator.bio} maxLength={280} error={result?.errors?.bio} hint="One or two lines. Up to 280 characters." />
          <fieldset className="field">
            <legend>Niches</legend>
            <div className="chips" style={{ marginTop: "var(--space-2)" }}>
              {nicheOptions.map((n) => (
                <label key={n.value} className="chip">
                  <input type="checkbox" name="niches" value={n.value} defaultChecked={creator.niches.includes(n.value)} />
                  <span>{n.label}</span>
                </label>
              ))}
            </div>
            {result?.errors?.niches && <span className="error" role="alert">{result.errors.niches}</span>}
          </fieldset>
          <div><Button type="submit" disabled={busy}>Save profile</Button></div>
        </Form>
      </Card>
    </div>
  );
}
