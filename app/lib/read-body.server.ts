import { AppError, toProblem } from "../../workers/lib/errors";

/**
 * An action's body, or a 400 problem+json naming the body when it is not what the page sends:
 * a JSON body posted to a form action (or the reverse) is the client's mistake, never a 500.
 */
function badBody(expected: string): Response {
  const message = `The request body is not ${expected}.`;
  return new Response(JSON.stringify(toProblem(new AppError("bad_request", message, [{ path: "body", message }]))), {
    status: 400,
    headers: { "content-type": "application/problem+json" },
  });
}

export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badBody("a form (application/x-www-form-urlencoded or multipart/form-data)");
  }
}

export async function readJson<T = unknown>(request: Request): Promise<T> {
  try {
    return (await request.json()) as T;
  } catch {
    throw badBody("valid JSON");
  }
}
