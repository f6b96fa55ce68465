import { Link as AkselLink } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Form, useLocation } from "react-router";
import { LOCALES } from "../../i18n/index.ts";
import { CsrfField } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";
import { Frame } from "./AppShell.tsx";

const LANGUAGE_NAMES = { sv: "Svenska", nb: "Norsk (bokmål)", en: "English" } as const;

/** The frame of pages that need no sign-in: sign-in, accessibility statement. */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <Frame
      header={
        <div className="app-user">
          <LanguageSwitch />
        </div>
      }
    >
      {children}
    </Frame>
  );
}

/** Buttons that switch the language (a form, so it works without JavaScript). */
export function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="inline-form" aria-label={t("language.label")}>
      <CsrfField />
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <ul className="language-list">
        {LOCALES.map((locale) => (
          <li key={locale}>
            {locale === t.locale ? (
              <span aria-current="true" lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </span>
            ) : (
              <AkselLink as="button" type="submit" name="locale" value={locale} lang={locale} className="link-button">
                {LANGUAGE_NAMES[locale]}
              </AkselLink>
            )}
          </li>
        ))}
      </ul>
    </Form>
  );
}
