/**
 * Development-only pages (the outbox) live on the gateway, which mounts them only in development.
 * In production this forwarder does not reach it either: the path simply does not exist (ADR 007).
 */
export const onRequest: PagesFunction<Env> = ({ request, env }) => {
  if (env.ENVIRONMENT !== "development") {
    return new Response(JSON.stringify({ type: "about:blank", title: "Not found", status: 404, detail: "No such route.", code: "not_found" }), {
      status: 404,
      headers: { "content-type": "application/problem+json" },
    });
  }
  return env.API.fetch(new Request(request.url, request));
};
