import { AppError, problemResponse } from "../../../workers/lib/errors";

/**
 * Development-only pages (the outbox) live on the gateway, which mounts them only in development.
 * In production this forwarder does not reach it either: the path simply does not exist (ADR 007).
 */
export const onRequest: PagesFunction<Env> = ({ request, env }) => {
  if (env.ENVIRONMENT !== "development") return problemResponse(new AppError("not_found", "No such route."));
  return env.API.fetch(new Request(request.url, request));
};
