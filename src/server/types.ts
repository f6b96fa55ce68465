import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Translator } from "../i18n/index.ts";
import type { Database } from "../persistence/database.ts";
import type { Actor, Deps, RequestMeta } from "../services/context.ts";

/** Everything the running server holds: opened once at start, closed at shutdown. */
export interface Runtime {
  config: Config;
  database: Database;
  deps: Deps;
}

export interface AuthState {
  actor: Actor;
  /** Null when authenticated with an API token. */
  sessionId: string | null;
  via: "session" | "token";
}

export type AppEnv = {
  Variables: {
    runtime: Runtime;
    logger: Logger;
    requestId: string;
    meta: RequestMeta;
    secureCookies: boolean;
    auth: AuthState | null;
    csrfToken: string;
    t: Translator;
    secureHeadersNonce?: string;
  };
};
