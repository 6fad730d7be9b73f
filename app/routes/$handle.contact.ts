import { redirect, type ActionFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { handleFrom } from "../lib/storefront.server";
import { readForm } from "../lib/read-body.server";

/** The storefront's contact/booking form posts here (plain HTML, no JavaScript needed). */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const h = handleFrom(params.handle);
  if (!h) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const field = (k: string) => String(form.get(k) ?? "");
  const res = await api(context, request, `/api/v1/storefronts/${h}/messages`, { method: "POST", body: { name: field("name"), email: field("email"), message: field("message"), preferredTime: field("preferredTime"), ...(form.has("cf-turnstile-response") ? { turnstileToken: field("cf-turnstile-response") } : {}) } });
  return redirect(res.ok ? `/@${h}?sent=1#contact` : `/@${h}?form=error#contact`);
}

export const loader = () => {
  throw new Response("Not found", { status: 404 });
};
