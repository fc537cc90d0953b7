import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, timestamptz, updatedAt } from "./columns";
import { orgId } from "./org-id";

/** What a person receives; a missing row means everything on (the digest is opt-out). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    orgId: orgId(),
    userId: text("user_id").notNull(),
    reminders: boolean("reminders").notNull().default(true),
    digest: boolean("digest").notNull().default(true),
    alerts: boolean("alerts").notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

export const chatKinds = ["slack", "teams"] as const;
export type ChatKind = (typeof chatKinds)[number];

/**
 * An incoming webhook of Slack or Microsoft Teams. The URL is a secret (anyone holding it can
 * post): stored encrypted with the auth secret, shown masked.
 */
export const chatChannels = pgTable(
  "chat_channels",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    kind: text("kind", { enum: chatKinds }).notNull(),
    name: text("name").notNull(),
    urlCiphertext: text("url_ciphertext").notNull(),
    urlMask: text("url_mask").notNull(),
    reminders: boolean("reminders").notNull().default(true),
    digest: boolean("digest").notNull().default(true),
    alerts: boolean("alerts").notNull().default(true),
    lastSuccessAt: timestamptz("last_success_at"),
    lastFailureAt: timestamptz("last_failure_at"),
    lastError: text("last_error"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const notificationKinds = ["reminder", "escalation", "digest", "alert"] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationStatuses = ["pending", "sending", "sent", "failed"] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * Every scheduled message, one row per recipient (a person's email or a chat channel). The key
 * names what it is ("digest:2026-11-30:user_1:email"), so planning it twice, from two server
 * instances or after a restart, inserts nothing the second time; the row is then claimed
 * (status sending with a lease) by one instance, sent, and marked sent.
 */
export const notifications = pgTable(
  "notifications",
  {
    orgId: orgId(),
    key: text("key").notNull(),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    /** A person's user id, for email; null for a chat channel. */
    userId: text("user_id"),
    /** Null for email. */
    channelId: text("channel_id"),
    /** The rendered message, fixed when planned: {subject, text, html} or a chat body. */
    message: jsonb("message").notNull(),
    /** What the message is about, e.g. {keyResultIds: [...]}, for escalation counts. */
    refs: jsonb("refs").notNull().default({}),
    status: text("status", { enum: notificationStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull(),
    leaseUntil: timestamptz("lease_until"),
    lastError: text("last_error"),
    createdAt: timestamptz("created_at").notNull(),
    sentAt: timestamptz("sent_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.key] }),
    index("notifications_org_due_idx").on(t.orgId, t.status, t.nextAttemptAt),
    index("notifications_org_kind_time_idx").on(t.orgId, t.kind, t.createdAt),
  ],
);

/**
 * What the alerts last saw of a goal: its status, and since when it is watched (wins and key
 * results hit before that are history, not news).
 */
export const goalWatch = pgTable(
  "goal_watch",
  {
    orgId: orgId(),
    goalId: text("goal_id").notNull(),
    status: text("status").notNull(),
    watchedSince: timestamptz("watched_since").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.goalId] })],
);

/**
 * The address the organization's people last opened Tandem by, for links in scheduled mail
 * when TANDEM_PUBLIC_URL is unset (a scheduler has no request to take the origin from).
 */
export const orgOrigins = pgTable(
  "org_origins",
  {
    orgId: orgId(),
    origin: text("origin").notNull(),
    seenAt: timestamptz("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId] })],
);
