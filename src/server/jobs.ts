import type { Config } from "../config.ts";
import { remindFollowUps } from "../services/followups.ts";
import { planMeetingsAhead } from "../services/maintenance.ts";
import { deliverOutbox, type MailTransport, smtpTransport } from "../services/outbox.ts";
import type { Deps } from "../services/context.ts";

// The server's background work: sending queued e-mails when a mail server is configured (without one
// they stay on the outbox page), planning the team's meetings ahead, and reminding staff of the
// follow-up meetings booked in the next days. Stopped before the database closes.

export interface Jobs {
  /** Runs every job once now (start-up, and tests). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startJobs(
  deps: Deps,
  config: Pick<Config, "smtpUrl" | "mailFrom">,
  options: { transport?: MailTransport; mailEveryMs?: number; planEveryMs?: number; remindEveryMs?: number } = {},
): Jobs {
  const transport = options.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const guarded = (name: string, job: () => Promise<unknown>) => () => {
    if (stopped) return running;
    running = running
      .then(job)
      .catch((error: unknown) => deps.logger.error({ err: error, job: name }, "background job failed; it runs again later"));
    return running;
  };
  const mail = guarded("outbox", async () => {
    if (!transport) return;
    const sent = await deliverOutbox(deps.db, transport, config.mailFrom, deps.now, deps.logger);
    if (sent) deps.logger.info({ sent }, "e-mails sent");
  });
  const plan = guarded("meetings", async () => {
    const added = await planMeetingsAhead(deps);
    if (added) deps.logger.info({ added }, "team meetings planned ahead");
  });
  const remind = guarded("reminders", async () => {
    const reminded = await remindFollowUps(deps);
    if (reminded) deps.logger.info({ reminded }, "follow-up reminders sent");
  });

  const timers = [
    ...(transport ? [setInterval(mail, options.mailEveryMs ?? 60_000)] : []),
    setInterval(plan, options.planEveryMs ?? 6 * 3_600_000),
    setInterval(remind, options.remindEveryMs ?? 3_600_000),
  ];
  for (const timer of timers) timer.unref();

  return {
    async runOnce() {
      await plan();
      await remind();
      await mail();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await running;
    },
  };
}
