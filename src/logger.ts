import pino, { type Logger } from "pino";

/**
 * Structured logs (JSON lines). Never log personal data: people are referred to by id only, and the
 * paths below are removed in case a value slips through.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "spelplan" },
    redact: {
      paths: [
        "password", "*.password", "token", "*.token", "headers.cookie", "headers.authorization",
        "*.headers.cookie", "*.headers.authorization", "firstName", "lastName", "idNumber", "*.firstName", "*.lastName", "*.idNumber",
      ],
      censor: "[redacted]",
    },
  });
}

export type { Logger };
