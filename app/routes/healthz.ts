import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

/** Healthy when the app reads D1 itself and the gateway reports both databases up. */
export async function loader({ context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const [d1, gateway] = await Promise.allSettled([
    env.DB.prepare("select 1").first(),
    env.API.fetch("https://gateway.internal/healthz").then((r) => r.ok),
  ]);
  const ok = d1.status === "fulfilled" && gateway.status === "fulfilled" && gateway.value === true;
  return Response.json(ok ? { ok: true } : { ok: false, d1: d1.status === "fulfilled", gateway: gateway.status === "fulfilled" && gateway.value }, { status: ok ? 200 : 503 });
}
