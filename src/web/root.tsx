import { type ReactNode, useEffect } from "react";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "react-router";
import { hasCapability } from "../domain/policy.ts";
import { unreadCount } from "../services/notifications.ts";
import { programPages } from "../services/programs.ts";
import type { Locale } from "../i18n/index.ts";
import type { Route } from "./+types/root";
import { getWeb } from "./context.ts";
import { ErrorContent } from "./components/ErrorContent.tsx";
import { PublicShell } from "./components/PublicShell.tsx";
import { useNonce } from "./lib/nonce.tsx";
import "./styles/app.css";

export interface RootData {
  locale: Locale;
  csrfToken: string;
  user: {
    displayName: string;
    canListPeople: boolean;
    canAdminister: boolean;
    canReviewAudit: boolean;
    canFollowRequests: boolean;
    canConsult: boolean;
    canAttendMeetings: boolean;
    canBookStudyVisits: boolean;
    canSeeSchedule: boolean;
    /** The caseload in the menu: a coordinator's own participants, or (a manager) everyone's. */
    caseload: "own" | "all" | null;
    /** Programs whose page (groups, waiting list, numbers) the user may open. */
    programs: { id: string; name: string }[];
    unread: number;
  } | null;
}

export async function loader({ context }: Route.LoaderArgs): Promise<RootData> {
  const web = getWeb(context);
  const actor = web.auth?.actor;
  return {
    locale: web.locale,
    csrfToken: web.csrfToken,
    user: actor
      ? {
          displayName: actor.user.displayName,
          canListPeople: hasCapability(actor.subject, "person.list"),
          canAdminister: hasCapability(actor.subject, "organisation.manage") || hasCapability(actor.subject, "user.manage"),
          canReviewAudit: hasCapability(actor.subject, "audit.view"),
          canFollowRequests: hasCapability(actor.subject, "request.create") || hasCapability(actor.subject, "meeting.view"),
          canConsult: hasCapability(actor.subject, "consultation.view"),
          canAttendMeetings: hasCapability(actor.subject, "meeting.view"),
          canBookStudyVisits: hasCapability(actor.subject, "studyVisit.book"),
          canSeeSchedule: hasCapability(actor.subject, "activities.view"),
          caseload: hasCapability(actor.subject, "caseload.viewAll") ? "all" : hasCapability(actor.subject, "caseload.view") ? "own" : null,
          programs: await programPages(web.deps.db, actor.subject),
          unread: await unreadCount(web.deps.db, actor.user.id),
        }
      : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "sv"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as interactive (end-to-end tests wait for it before using enhanced forms).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData("root") as RootData | undefined;
  // On the server, errors are logged (sanitised) by entry.server.tsx's handleError; in the browser, to its console.
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  if (!data) {
    return (
      <main id="main" className="app-main" tabIndex={-1}>
        <ErrorContent />
      </main>
    );
  }
  return (
    <PublicShell>
      <ErrorContent />
    </PublicShell>
  );
}
