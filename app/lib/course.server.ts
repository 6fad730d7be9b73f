import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { api } from "./api.server";
import { courseHref, type Course } from "./course";

export type LoadedCourse = { course: Course; closed: null } | { course: null; closed: { message: string; slug: string } };

/**
 * A course for the member pages. Signed out: to sign-in and back. Not a member, or a tier that
 * does not open it: a `closed` answer the page explains (with the way in). Unknown or a draft: 404.
 * A course opened under another community's address is sent to its own.
 */
export async function loadCourse(context: AppLoadContext, request: Request, slug: string, courseId: string, rest = ""): Promise<LoadedCourse> {
  const res = await api<Course>(context, request, `/api/v1/courses/${encodeURIComponent(courseId)}`);
  if (!res.ok) {
    const url = new URL(request.url);
    if (res.problem.status === 401) throw redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
    if (res.problem.status === 403) return { course: null, closed: { message: res.problem.detail, slug } };
    throw new Response(res.problem.detail, { status: res.problem.status === 400 || res.problem.status === 422 ? 404 : res.problem.status });
  }
  if (res.data.communitySlug !== slug) throw redirect(`${courseHref(res.data.communitySlug, res.data.id)}${rest}`);
  return { course: res.data, closed: null };
}
