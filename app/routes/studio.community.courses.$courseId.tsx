import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { CourseEditor, type SaveResult } from "../components/course-editor/editor";
import { api } from "../lib/api.server";
import { courseHref, type Course } from "../lib/course";
import { emptyCourse, fromCourse } from "../lib/course-doc";
import { requireCreator } from "../lib/creator.server";
import courseCss from "../styles/course.css?url";
import { readJson } from "../lib/read-body.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: courseCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course?.title || "New course"} · Creator studio · Tandem` }];

interface Community {
  slug: string;
  name: string;
  tiers: { id: string; name: string }[];
}

async function myCommunity(context: LoaderFunctionArgs["context"], request: Request) {
  const { creator } = await requireCreator(context, request);
  const res = await api<Community>(context, request, `/api/v1/communities/by-creator/${encodeURIComponent(creator.handle)}`);
  if (!res.ok) throw redirect("/studio/community");
  return res.data;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const community = await myCommunity(context, request);
  const tiers = community.tiers.map((t) => ({ id: t.id, name: t.name }));
  if (params.courseId === "new") return { community: { slug: community.slug, name: community.name }, tiers, course: null };
  const res = await api<Course>(context, request, `/api/v1/courses/${encodeURIComponent(params.courseId ?? "")}`);
  if (!res.ok || !res.data.canEdit || res.data.communitySlug !== community.slug) throw new Response("No such course in your community.", { status: 404 });
  return { community: { slug: community.slug, name: community.name }, tiers, course: res.data };
}

type ActionData = SaveResult;

export async function action({ params, request, context }: ActionFunctionArgs) {
  const community = await myCommunity(context, request);
  const body = (await readJson(request)) as { intent: "save" | "delete"; course?: unknown };
  const isNew = params.courseId === "new";
  const id = encodeURIComponent(params.courseId ?? "");
  if (body.intent === "delete") {
    const res = await api(context, request, `/api/v1/courses/${id}`, { method: "DELETE" });
    if (res.ok) throw redirect("/studio/community?deleted=1");
    return data<ActionData>({ ok: false, message: res.problem.detail, errors: {}, at: Date.now() });
  }
  const res = await api<Course>(context, request, isNew ? `/api/v1/communities/${encodeURIComponent(community.slug)}/courses` : `/api/v1/courses/${id}`, { method: isNew ? "POST" : "PUT", body: body.course });
  if (res.ok) {
    if (isNew) throw redirect(`/studio/community/courses/${res.data.id}?created=1`);
    return data<ActionData>({ ok: true, course: fromCourse(res.data), at: Date.now() });
  }
  const errors: Record<string, string> = {};
  for (const e of res.problem.errors ?? []) errors[e.path.replace(/^body\.?/, "")] ??= e.message;
  const n = Object.keys(errors).length;
  return data<ActionData>({ ok: false, message: n ? `Not saved: ${n === 1 ? "one field needs" : `${n} fields need`} a look.` : res.problem.detail, errors, at: Date.now() });
}

export default function CourseEditorPage() {
  const { community, tiers, course } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const nav = useNavigation();
  const submit = useSubmit();
  const [params] = useSearchParams();
  const saving = nav.state !== "idle" && nav.formMethod != null;
  return (
    <div className="ce-page">
      <p className="small" style={{ marginBottom: "var(--space-3)" }}>
        <Link to="/studio/community">← Community</Link>
      </p>
      <div className="page-head">
        <h1>{course ? course.title : "New course"}</h1>
        <p>
          Modules of lessons, each with an optional quiz. Save sends the whole course; learners keep their progress in the lessons you keep.
          {course ? (
            <>
              {" "}
              <Link to={courseHref(community.slug, course.id)} target="_blank">
                {course.status === "published" ? "View it as a member" : "Preview the draft"} ↗
              </Link>
            </>
          ) : null}
        </p>
      </div>
      {params.get("created") && !result ? (
        <div className="alert alert-success" role="status" style={{ marginBottom: "var(--space-4)" }}>
          Course created as a {course?.status === "published" ? "published course" : "draft"}.
        </div>
      ) : null}
      <CourseEditor
        key={course?.id ?? "new"}
        initial={course ? fromCourse(course) : emptyCourse()}
        tiers={tiers}
        isNew={!course}
        result={result}
        saving={saving}
        onSave={(payload) => submit({ intent: "save", course: payload } as never, { method: "post", encType: "application/json" })}
        onDelete={() => submit({ intent: "delete" }, { method: "post", encType: "application/json" })}
      />
    </div>
  );
}
