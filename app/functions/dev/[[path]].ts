/** Development-only pages (the outbox) live on the gateway, which refuses them in production. */
export const onRequest: PagesFunction<Env> = ({ request, env }) => env.API.fetch(new Request(request.url, request));
