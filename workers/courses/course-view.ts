import { withoutAnswers } from "./course-document";
import type { CommunityRow, CourseRow } from "./course-access";
import { contentOf } from "./course-access";
import type { summariseProgress } from "./course-progress";

/** The course as the API returns it: the owner gets the full document (answers included, saveable as is); learners get it without answers. */
export function courseView(course: CourseRow, community: CommunityRow, canEdit: boolean, progress: ReturnType<typeof summariseProgress>) {
  const content = contentOf(course);
  return {
    id: course.id,
    communityId: community.id,
    communitySlug: community.slug,
    title: course.title,
    summary: course.summary,
    tierIds: course.tierIds,
    status: course.status,
    position: course.position,
    createdAt: new Date(course.createdAt).toISOString(),
    updatedAt: new Date(course.updatedAt).toISOString(),
    canEdit,
    modules: canEdit ? content.modules : withoutAnswers(content).modules,
    progress,
  };
}
