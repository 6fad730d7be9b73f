/** Same-origin forwarder: every /api/* request (WebSocket upgrades too) goes to the gateway. */
export const onRequest: PagesFunction<Env> = ({ request, env }) => env.API.fetch(new Request(request.url, request));
