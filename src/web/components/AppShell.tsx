import { BodyShort, Button, Link as AkselLink } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Form, NavLink, Link } from "react-router";
import type { RootData } from "../root.tsx";
import { CsrfField } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";

/** The frame around every signed-in page: skip link, header with navigation, main, footer. */
export function AppShell({ user, children }: { user: NonNullable<RootData["user"]>; children: ReactNode }) {
  const t = useT();
  const links: { to: string; label: string; end?: boolean }[] = [{ to: "/", label: t("nav.home"), end: true }];
  if (user.caseload) links.push({ to: "/caseload", label: t(user.caseload === "all" ? "nav.caseload.all" : "nav.caseload.own") });
  if (user.canListPeople) links.push({ to: "/people", label: t("nav.people") });
  if (user.canFollowRequests) links.push({ to: "/requests", label: t("nav.requests") });
  if (user.canSeeSchedule) links.push({ to: "/schedule", label: t("nav.schedule") });
  if (user.canBookStudyVisits) links.push({ to: "/study-visits", label: t("nav.studyVisits") });
  if (user.canAttendMeetings) links.push({ to: "/meetings", label: t("nav.meetings") });
  else if (user.canConsult) links.push({ to: "/consultations", label: t("nav.consultations") });
  for (const program of user.programs.slice(0, 2)) links.push({ to: `/programs/${program.id}`, label: program.name, end: true });
  if (user.canAdminister) links.push({ to: "/admin", label: t("nav.admin") });
  if (user.canReviewAudit) links.push({ to: "/audit", label: t("nav.audit") });
  return (
    <Frame
      header={
        <>
          <nav className="app-nav" aria-label={t("nav.label")}>
            <ul>
              {links.map((l) => (
                <li key={l.to}>
                  <AkselLink as={NavLink} to={l.to} end={l.end}>
                    {l.label}
                  </AkselLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="app-user">
            <BodyShort as="span">
              {/* The visible text starts the accessible name (WCAG 2.5.3); the count is read out after it. */}
              <AkselLink as={Link} to="/notifications">
                {t("notifications.title")}
                {user.unread > 0 ? (
                  <>
                    <span className="badge" aria-hidden="true">
                      {user.unread}
                    </span>
                    <span className="visually-hidden">{t.plural("notifications.unreadSuffix", user.unread)}</span>
                  </>
                ) : null}
              </AkselLink>
            </BodyShort>
            <BodyShort as="span">
              <AkselLink as={Link} to="/account">
                <span className="visually-hidden">{t("nav.accountFor")} </span>
                {user.displayName}
              </AkselLink>
            </BodyShort>
            <Form method="post" action="/sign-out" className="inline-form">
              <CsrfField />
              <Button type="submit" variant="secondary" size="small">
                {t("nav.signOut")}
              </Button>
            </Form>
          </div>
        </>
      }
    >
      {children}
    </Frame>
  );
}

/** Skip link, header (the brand, then `header`), the page in main, and the footer. */
export function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/" className="app-brand">
            Spelplan
          </Link>
          {header}
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </>
  );
}

export function Footer() {
  const t = useT();
  return (
    <footer className="app-footer">
      <div className="app-footer__inner">
        <BodyShort size="small">Spelplan</BodyShort>
        <BodyShort size="small">
          <AkselLink as={Link} to="/accessibility">
            {t("nav.accessibility")}
          </AkselLink>
        </BodyShort>
      </div>
    </footer>
  );
}
