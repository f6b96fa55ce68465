import { isIsoDate } from "../domain/person.ts";
import { translator, isLocale, type Translator } from "../i18n/index.ts";
import type { Db, ServiceContext, Tx } from "./context.ts";
import { NotFoundError } from "./errors.ts";
import { isUuid } from "./access.ts";

// Notifications in the app, each also sent as an e-mail through the outbox. E-mail is not a safe channel
// for personal data, so e-mails never name a person: they say that something happened and link to it.

export const NOTIFICATION_KINDS = [
  "request.decided",
  "request.not_ready",
  "request.postponed",
  "consent.withdrawn",
  "consultation.answered",
  "participant.assigned",
  "place.free",
  "enrolment.first_meeting",
  "studyVisit.cancelled",
  "studyVisit.moved",
  "followUp.scheduled",
  "followUp.reminder",
  "followUp.cancelled",
  "attendance.absence",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What a message may say: references, dates, times and program names. There is deliberately no key
 * for a person's name (or anything typed about them), so no caller can put one into an e-mail.
 */
export type NotificationParams = Partial<Record<"reference" | "program" | "date" | "start" | "time", string | number>>;

export interface NotifyInput {
  userIds: readonly string[];
  kind: NotificationKind;
  /** Values for the message (references, dates, program names: never names of people). */
  params?: NotificationParams;
  /** Where in Spelplan to go (a path). */
  link: string;
}

/** A notification's title and text in the reader's language; ISO dates are written out ("1 december 2026"). */
export function notificationText(t: Translator, kind: string, params: Record<string, string | number>): { title: string; body: string } {
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" && isIsoDate(v) ? t.date(v, "long") : v]));
  return { title: t(`notification.${kind}.title`, values), body: t(`notification.${kind}.body`, values) };
}

/** Creates the notifications and queues one e-mail per user, in the same transaction as the cause. */
export async function notify(tx: Tx, now: Date, publicUrl: string, input: NotifyInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const users = await tx.selectFrom("users").select(["id", "email", "locale"]).where("id", "in", userIds).where("active", "=", true).execute();
  for (const user of users) {
    const params = Object.fromEntries(Object.entries(input.params ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
    const row = await tx
      .insertInto("notifications")
      .values({ user_id: user.id, kind: input.kind, params: JSON.stringify(params), link: input.link, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const t = translator(isLocale(user.locale) ? user.locale : "sv");
    const text = notificationText(t, input.kind, params);
    // The e-mail names nobody, not even the reader: it says that something happened and where to read it.
    await tx
      .insertInto("outbox")
      .values({
        to_address: user.email,
        subject: `Spelplan: ${text.title}`,
        body: [
          t("notification.email.greeting"),
          "",
          text.body,
          "",
          t("notification.email.link", { url: `${publicUrl}${input.link}` }),
          "",
          t("notification.email.footer"),
        ].join("\n"),
        notification_id: row.id,
        created_at: now,
      })
      .execute();
  }
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  createdAt: Date;
  read: boolean;
}

export async function listNotifications(ctx: ServiceContext, limit = 50): Promise<NotificationView[]> {
  const rows = await ctx.db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", ctx.actor.user.id)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as NotificationKind, params: r.params, link: r.link, createdAt: r.created_at, read: r.read_at !== null }));
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notification read (and returns where it points), or all of the user's when id is "all". */
export async function markRead(ctx: ServiceContext, id: string | "all"): Promise<string | null> {
  const now = ctx.now();
  if (id === "all") {
    await ctx.db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", ctx.actor.user.id).where("read_at", "is", null).execute();
    return null;
  }
  if (!isUuid(id)) throw new NotFoundError("notification");
  const row = await ctx.db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("id", "=", id)
    .where("user_id", "=", ctx.actor.user.id)
    .returning("link")
    .executeTakeFirst();
  if (!row) throw new NotFoundError("notification");
  return row.link;
}
