import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { Subject } from "../domain/policy.ts";
import type { DB } from "../persistence/schema.ts";

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

/** What every use case needs from its surroundings. */
export interface Deps {
  db: Db;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  logger: Logger;
  /** Where people reach Spelplan (for links in e-mails). */
  publicUrl: string;
}

export interface ActorUser {
  id: string;
  email: string;
  displayName: string;
  locale: "sv" | "nb" | "en";
  mustChangePassword: boolean;
}

/** The signed-in user and the roles they hold right now. */
export interface Actor {
  user: ActorUser;
  subject: Subject;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ServiceContext extends Deps {
  actor: Actor;
  meta: RequestMeta;
}

/** Today's date (ISO) in Swedish/Norwegian time, the date people in the programs mean by "today". */
export function isoToday(now: Date, timeZone = "Europe/Stockholm"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
