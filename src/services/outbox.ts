import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { decide, type Resource } from "../domain/policy.ts";
import type { Db, ServiceContext } from "./context.ts";
import { ForbiddenError } from "./errors.ts";

// The e-mail outbox: every notification's e-mail is queued in the database in the same transaction as
// its cause, then sent by `deliverOutbox` when a mail server is configured. Without one (the embedded
// default) the e-mails stay here and administrators read them on the outbox page.

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export async function listOutbox(ctx: ServiceContext, limit = 200): Promise<OutboxEntry[]> {
  const resources: Resource[] = [{ type: "installation" }, ...ctx.actor.subject.assignments.filter((a) => a.federationId).map((a) => ({ type: "federation" as const, federationId: a.federationId! }))];
  if (!resources.some((r) => decide(ctx.actor.subject, "outbox.view", r).allowed)) throw new ForbiddenError();
  const rows = await ctx.db.selectFrom("outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, body: r.body, createdAt: r.created_at, sentAt: r.sent_at, attempts: r.attempts, lastError: r.last_error }));
}

export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return { send: async (message) => void (await transporter.sendMail(message)) };
}

const MAX_ATTEMPTS = 5;

/** Sends what is waiting in the outbox. Returns how many were sent. */
export async function deliverOutbox(db: Db, transport: MailTransport, from: string, now: () => Date, logger: Logger, batch = 20): Promise<number> {
  const pending = await db.selectFrom("outbox").selectAll().where("sent_at", "is", null).where("attempts", "<", MAX_ATTEMPTS).orderBy("created_at").limit(batch).execute();
  let sent = 0;
  for (const mail of pending) {
    try {
      await transport.send({ from, to: mail.to_address, subject: mail.subject, text: mail.body });
      await db.updateTable("outbox").set({ sent_at: now(), attempts: mail.attempts + 1, last_error: null }).where("id", "=", mail.id).execute();
      sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.updateTable("outbox").set({ attempts: mail.attempts + 1, last_error: message.slice(0, 500) }).where("id", "=", mail.id).execute();
      logger.warn({ outboxId: mail.id, err: message }, "could not send e-mail; will try again");
    }
  }
  return sent;
}
