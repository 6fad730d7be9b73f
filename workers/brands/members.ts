import { and, eq, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { users } from "../db/d1/schema";
import { brandMembers, brands } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandRole, BrandTenant } from "../lib/tenancy";

type Member = typeof brandMembers.$inferSelect;

async function withEmails(deps: Deps, rows: Member[]) {
  const people = rows.length ? await deps.db.select().from(users).where(inList(users.id, rows.map((r) => r.userId))) : [];
  return rows.map((m) => {
    const u = people.find((p) => p.id === m.userId);
    return {
      id: m.id,
      userId: m.userId,
      email: u?.email ?? "",
      role: m.role,
      joined: Boolean(u?.lastSignInAt),
      createdAt: m.createdAt.toISOString(),
    };
  });
}

export async function listMembers(deps: Deps, tenant: BrandTenant) {
  const pg = await deps.pg();
  const rows = await pg.select().from(brandMembers).where(eq(brandMembers.brandId, tenant.brandId)).orderBy(brandMembers.createdAt);
  return withEmails(deps, rows);
}

/** Only owners hand out or take away ownership. */
function assertMayGrant(tenant: BrandTenant, role: BrandRole) {
  if (role === "owner" && tenant.role !== "owner") throw new AppError("forbidden", "Only owners can make someone an owner.");
}

/**
 * Adds a person to the brand by email. Someone who has never signed in gets an account
 * waiting for them (unverified until they sign in with a code) and an email saying so.
 */
export async function addMember(deps: Deps, tenant: BrandTenant, input: { email: string; role: BrandRole }) {
  assertMayGrant(tenant, input.role);
  const email = input.email.trim().toLowerCase();
  const now = deps.now();
  const [user] = await deps.db
    .insert(users)
    .values({ id: newId("user"), email, createdAt: now })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`${users.email}` } })
    .returning();
  const pg = await deps.pg();
  let row: Member | undefined;
  try {
    [row] = await pg.insert(brandMembers).values({ id: newId("member"), brandId: tenant.brandId, userId: user!.id, role: input.role }).returning();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `${email} is already on this team.`, [{ path: "body.email", message: "Already on this team" }]);
    throw e;
  }
  const [brand] = await pg.select({ name: brands.name }).from(brands).where(eq(brands.id, tenant.brandId));
  await deps.emailer.send({
    to: email,
    subject: `You have been added to ${brand!.name} on Tandem`,
    text: `You are now ${input.role === "admin" ? "an admin" : `a ${input.role}`} of ${brand!.name} on Tandem.\n\nSign in with this email address at ${deps.config.appOrigin}/signin to open the brand console.`,
    html: `<p>You are now ${input.role === "admin" ? "an admin" : `a ${input.role}`} of <strong>${brand!.name.replace(/[<>&]/g, "")}</strong> on Tandem.</p><p><a href="${deps.config.appOrigin}/signin">Sign in with this email address</a> to open the brand console.</p>`,
  });
  return (await withEmails(deps, [row!]))[0]!;
}

async function memberOf(deps: Deps, tenant: BrandTenant, memberId: string) {
  const pg = await deps.pg();
  const [m] = await pg.select().from(brandMembers).where(and(eq(brandMembers.id, memberId), eq(brandMembers.brandId, tenant.brandId)));
  if (!m) throw new AppError("not_found", `No member ${memberId} in this brand.`);
  return m;
}

async function assertNotLastOwner(deps: Deps, tenant: BrandTenant, member: Member) {
  if (member.role !== "owner") return;
  const pg = await deps.pg();
  const [{ owners } = { owners: 0 }] = await pg
    .select({ owners: sql<number>`count(*)::int` })
    .from(brandMembers)
    .where(and(eq(brandMembers.brandId, tenant.brandId), eq(brandMembers.role, "owner")));
  if (owners <= 1) throw new AppError("conflict", "A brand needs at least one owner. Make someone else an owner first.");
}

export async function updateMemberRole(deps: Deps, tenant: BrandTenant, memberId: string, role: BrandRole) {
  const member = await memberOf(deps, tenant, memberId);
  assertMayGrant(tenant, role);
  if (member.role === "owner" && tenant.role !== "owner") throw new AppError("forbidden", "Only owners can change an owner's role.");
  if (role !== "owner") await assertNotLastOwner(deps, tenant, member);
  const pg = await deps.pg();
  const [row] = await pg.update(brandMembers).set({ role }).where(and(eq(brandMembers.id, memberId), eq(brandMembers.brandId, tenant.brandId))).returning();
  return (await withEmails(deps, [row!]))[0]!;
}

export async function removeMember(deps: Deps, tenant: BrandTenant, memberId: string) {
  const member = await memberOf(deps, tenant, memberId);
  if (member.role === "owner" && tenant.role !== "owner") throw new AppError("forbidden", "Only owners can remove an owner.");
  await assertNotLastOwner(deps, tenant, member);
  const pg = await deps.pg();
  await pg.delete(brandMembers).where(and(eq(brandMembers.id, memberId), eq(brandMembers.brandId, tenant.brandId)));
}
