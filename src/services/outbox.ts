import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { decide } from "../domain/policy.ts";
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

/**
 * The outbox, newest first. An administrator of the installation sees every e-mail; an administrator of a
 * federation sees those to people who hold a role in that federation (its programs and authorities).
 */
export async function listOutbox(ctx: ServiceContext, limit = 200): Promise<OutboxEntry[]> {
  const installation = decide(ctx.actor.subject, "outbox.view", { type: "installation" }).allowed;
  const federationIds = [...new Set(ctx.actor.subject.assignments.map((a) => a.federationId).filter((id): id is string => id !== null))].filter(
    (federationId) => decide(ctx.actor.subject, "outbox.view", { type: "federation", federationId }).allowed,
  );
  if (!installation && federationIds.length === 0) throw new ForbiddenError();
  let query = ctx.db.selectFrom("outbox as o").selectAll("o");
  if (!installation) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("notifications as n")
          .innerJoin("role_assignments as ra", "ra.user_id", "n.user_id")
          .leftJoin("programs as p", "p.id", "ra.program_id")
          .leftJoin("authorities as au", "au.id", "ra.authority_id")
          .leftJoin("people as pe", "pe.id", "ra.person_id")
          .leftJoin("programs as pp", "pp.id", "pe.program_id")
          .select("n.id")
          .whereRef("n.id", "=", "o.notification_id")
          .where("ra.ended_at", "is", null)
          .where((w) =>
            w.or([
              w("ra.federation_id", "in", federationIds),
              w("p.federation_id", "in", federationIds),
              w("au.federation_id", "in", federationIds),
              w("pp.federation_id", "in", federationIds),
            ]),
          ),
      ),
    );
  }
  const rows = await query.orderBy("o.created_at", "desc").orderBy("o.id").limit(limit).execute();
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
