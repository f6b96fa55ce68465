import path from "node:path";
import type { DatabaseTarget } from "./persistence/database.ts";
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from "./services/auth.ts";

export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** Where the embedded database (and later uploaded files) live. */
  dataDir: string;
  database: DatabaseTarget;
  /** Load the demo data on first start (never in production). */
  demoData: boolean;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  /** "auto": Secure cookies when the request came over https. */
  secureCookies: "auto" | boolean;
  session: SessionSettings;
  logLevel: string;
  /** The address people use to reach Spelplan, for links in e-mails. */
  publicUrl: string;
  /** smtp:// or smtps:// URL of the mail server; without it e-mails stay in the outbox page. */
  smtpUrl: string | null;
  mailFrom: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const production = env.NODE_ENV === "production";
  const dataDir = path.resolve(cwd, env.SPELPLAN_DATA_DIR || "data");
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://");
  }
  const secure = env.SPELPLAN_SECURE_COOKIES?.trim().toLowerCase();
  return {
    port: int(env, "PORT", 3000, 0, 65535),
    host: env.HOST?.trim() || "0.0.0.0",
    production,
    dataDir,
    database: databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "embedded", dataDir },
    demoData: !production && bool(env, "SPELPLAN_DEMO_DATA", true),
    trustProxy: bool(env, "SPELPLAN_TRUST_PROXY", false),
    secureCookies: !secure || secure === "auto" ? "auto" : bool(env, "SPELPLAN_SECURE_COOKIES", false),
    session: {
      idleMs: int(env, "SPELPLAN_SESSION_IDLE_MINUTES", DEFAULT_SESSION_SETTINGS.idleMs / 60_000, 1, 24 * 60) * 60_000,
      absoluteMs: int(env, "SPELPLAN_SESSION_MAX_HOURS", DEFAULT_SESSION_SETTINGS.absoluteMs / 3_600_000, 1, 24 * 7) * 3_600_000,
    },
    logLevel: env.LOG_LEVEL?.trim() || (production ? "info" : "warn"),
    publicUrl: publicUrl(env.SPELPLAN_PUBLIC_URL, int(env, "PORT", 3000, 0, 65535)),
    smtpUrl: smtpUrl(env.SPELPLAN_SMTP_URL),
    mailFrom: env.SPELPLAN_MAIL_FROM?.trim() || "Spelplan <spelplan@localhost>",
  };
}

function publicUrl(raw: string | undefined, port: number): string {
  const value = raw?.trim();
  if (!value) return `http://localhost:${port}`;
  if (!/^https?:\/\/[^/\s]+/.test(value)) throw new ConfigError(`SPELPLAN_PUBLIC_URL must be an http(s) address (got "${value}")`);
  return value.replace(/\/+$/, "");
}

function smtpUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (!/^smtps?:\/\//.test(value)) throw new ConfigError("SPELPLAN_SMTP_URL must start with smtp:// or smtps://");
  return value;
}
