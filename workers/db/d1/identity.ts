import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** People who can sign in. A user may belong to brands (Postgres) and/or own a creator profile. */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  emailVerifiedAt: integer("email_verified_at"),
  name: text("name"),
  createdAt: integer("created_at").notNull(),
  lastSignInAt: integer("last_sign_in_at"),
});

/** Session rows are keyed by the SHA-256 of the cookie token: the token itself is never stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    revokedAt: integer("revoked_at"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time sign-in codes, keyed by email (not user) so unknown emails behave identically. */
export const otpCodes = sqliteTable(
  "otp_codes",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: integer("consumed_at"),
  },
  (t) => [index("otp_codes_email_idx").on(t.email, t.createdAt)],
);

/**
 * Per-email account ceiling and send window. `consecutive_failures` counts every code comparison
 * since the last successful sign-in within a 24 h window that opens at `failure_window_start`
 * (each attempt is counted before it is compared); at the ceiling the account locks until
 * `locked_until`, the end of that window.
 */
export const otpThrottles = sqliteTable("otp_throttles", {
  email: text("email").primaryKey(),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  failureWindowStart: integer("failure_window_start").notNull().default(0),
  lockedUntil: integer("locked_until"),
  sendWindowStart: integer("send_window_start").notNull().default(0),
  sendsInWindow: integer("sends_in_window").notNull().default(0),
});

/**
 * Per (email, network) sign-in budget: a stranger's network locks only itself out of an email,
 * never the owner on another network (docs/decisions/010-sign-in-attempt-limits.md).
 */
export const otpNetworkThrottles = sqliteTable(
  "otp_network_throttles",
  {
    email: text("email").notNull(),
    network: text("network").notNull(),
    attempts: integer("attempts").notNull().default(0),
    windowStart: integer("window_start").notNull(),
    lockedUntil: integer("locked_until"),
  },
  (t) => [primaryKey({ columns: [t.email, t.network] })],
);

/** Google / LinkedIn identities linked to a user. */
export const oauthAccounts = sqliteTable(
  "oauth_accounts",
  {
    id: text("id").primaryKey(),
    provider: text("provider", { enum: ["google", "linkedin"] }).notNull(),
    providerUserId: text("provider_user_id").notNull(),
    userId: text("user_id").notNull().references(() => users.id),
    email: text("email"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("oauth_accounts_provider_uid").on(t.provider, t.providerUserId)],
);

/** Brand API keys: hashed at rest, scoped to one brand (a Postgres id), revocable. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdByUserId: text("created_by_user_id").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_keys_brand_idx").on(t.brandId)],
);

/** Mail the development Emailer would have sent (dev only; production sends real mail). */
export const devOutbox = sqliteTable("dev_outbox", {
  id: text("id").primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  at: integer("at").notNull().default(sql`(unixepoch() * 1000)`),
});

/** In-app notifications (the bell): one row per person per event worth telling them. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link").notNull(),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
    /**
     * The notification's email, with the row as its outbox: `pending` until the Emailer took it
     * (at once, or from the cron drain), `dead` after OUTBOX_MAX_ATTEMPTS refusals. Rows from
     * before the outbox are `sent`: they were mailed, or their moment has passed.
     */
    mailState: text("mail_state", { enum: ["pending", "sent", "dead"] }).notNull().default("sent"),
    mailAttempts: integer("mail_attempts").notNull().default(0),
    mailError: text("mail_error"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt), index("notifications_mail_idx").on(t.mailState, t.createdAt)],
);
