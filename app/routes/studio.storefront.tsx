import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Card } from "../components/ui/card";
import { StorefrontEditor } from "../components/storefront-editor/editor";
import { TemplatePicker } from "../components/storefront-editor/template-picker";
import { requireCreator } from "../lib/creator.server";
import { loadEditor, runEditorAction, type EditorAction } from "../lib/storefront-editor.server";
import editorCss from "../styles/editor.css?url";
import storefrontCss from "../styles/storefront.css?url";
import { readForm, readJson } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Storefront · Creator studio · Tandem" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: storefrontCss },
  { rel: "stylesheet", href: editorCss },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  return { ...(await loadEditor(context, request)), displayName: creator.displayName, handle: creator.handle };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireCreator(context, request);
  let a: EditorAction;
  if (request.headers.get("content-type")?.includes("application/json")) a = (await readJson(request)) as EditorAction;
  else {
    const f = await readForm(request);
    const intent = String(f.get("intent"));
    a = intent === "rollback" ? { intent, version: Number(f.get("version")) } : intent === "start" ? { intent, template: String(f.get("template")), replace: f.get("replace") === "true" } : ({ intent } as EditorAction);
  }
  const { result, headers } = await runEditorAction(context, request, a);
  return data(result, { headers });
}

export default function StudioStorefront() {
  const d = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  if (!d.storefront) {
    return (
      <div>
        <div className="page-head">
          <h1>Your storefront</h1>
          <p>
            One page at <strong>/@{d.handle}</strong> for everything you recommend. Pick a starting point; you can change every block, colour and font.
          </p>
        </div>
        <TemplatePicker templates={d.templates} busy={busy} />
      </div>
    );
  }
  return (
    <div>
      <div className="page-head">
        <h1>Your storefront</h1>
        <p>
          Change blocks, colours and fonts and watch the preview follow. Visitors see the published version at <a href={`/@${d.handle}`}>/@{d.handle}</a>.
        </p>
      </div>
      <StorefrontEditor key={d.storefront.draftRevision} storefront={d.storefront} products={d.products} displayName={d.displayName} />
      <div className="ed-below">
        <Card>
          <h2>Versions</h2>
          {d.versions.length === 0 ? (
            <p className="muted">Nothing published yet. Each publish is kept here, and you can go back to any of them.</p>
          ) : (
            <ol className="ed-versions">
              {d.versions.map((v) => (
                <li key={v.version}>
                  <span>
                    <strong>Version {v.version}</strong> · {v.note} · <time dateTime={new Date(v.publishedAt).toISOString()}>{new Date(v.publishedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</time>
                  </span>
                  {v.live ? (
                    <span className="badge badge-verified">Live</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="rollback" />
                      <input type="hidden" name="version" value={v.version} />
                      <button className="btn btn-secondary btn-small" disabled={busy}>
                        Roll back to this
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card>
          <h2>Messages</h2>
          {d.messages.length === 0 ? (
            <p className="muted">When visitors use a contact or booking form on your storefront, their messages appear here.</p>
          ) : (
            <ul className="ed-messages">
              {d.messages.map((m) => (
                <li key={m.id}>
                  <p>
                    <strong>{m.name}</strong> · <a href={`mailto:${m.email}`}>{m.email}</a> · <span className="muted">{m.kind === "booking" ? `Booking${m.preferredTime ? `: ${m.preferredTime}` : ""}` : "Contact"}</span>
                  </p>
                  <p>{m.message}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2>Start again from a template</h2>
          <p className="muted">Replaces your draft (your live page stays as it is until you publish).</p>
          <TemplatePicker templates={d.templates} busy={busy} replace />
        </Card>
      </div>
    </div>
  );
}
