import { sql } from "drizzle-orm";
import { creators, users } from "../db/d1/schema";

/**
 * What a member is called in a community (rooms, posts, member lists, drop claims): the name
 * they chose (their creator name, else the name on their account), else a neutral name made
 * from their user id: "Member " and the id's last six characters, which are random (ULID), so
 * the name is stable per member and tells nothing about their email. A chosen name that looks
 * like an email address is not used.
 */
export const memberName = sql<string>`coalesce(
  nullif(trim(${creators.displayName}), ''),
  case when instr(${users.name}, '@') > 0 then null else nullif(trim(${users.name}), '') end,
  'Member ' || upper(substr(${users.id}, -6))
)`;

/** The generated name alone (the same as `memberName` gives a member without a chosen name). */
export const generatedName = (userId: string) => `Member ${userId.slice(-6).toUpperCase()}`;
