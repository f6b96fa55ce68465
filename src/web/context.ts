import { createContext, type RouterContextProvider } from "react-router";
import type { Config } from "../config.ts";
import type { Actor, Deps, RequestMeta, ServiceContext } from "../services/context.ts";
import type { Locale } from "../i18n/index.ts";

/** What the HTTP server hands every React Router loader and action. */
export interface WebContext {
  deps: Deps;
  config: Config;
  databaseKind: "embedded" | "postgres";
  auth: { actor: Actor; sessionId: string | null } | null;
  meta: RequestMeta;
  /** The double-submit token every form carries (see src/server/security.ts). */
  csrfToken: string;
  /** The Content-Security-Policy nonce for this response's scripts. */
  nonce: string;
  locale: Locale;
  /** Whether cookies set in this response get the Secure attribute. */
  secureCookies: boolean;
}

export const webContext = createContext<WebContext>();

export function getWeb(context: Readonly<RouterContextProvider>): WebContext {
  return context.get(webContext);
}

export function toServiceContext(web: WebContext): ServiceContext | null {
  if (!web.auth) return null;
  return { ...web.deps, actor: web.auth.actor, meta: web.meta };
}
