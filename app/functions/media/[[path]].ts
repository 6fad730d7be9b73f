/** Catalog and storefront images live in R2 behind the gateway (/media/:key, long-cached); same origin for storefront pages and their CSP. */
export const onRequest: PagesFunction<Env> = ({ request, env }) => env.API.fetch(new Request(request.url, request));
