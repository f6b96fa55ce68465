import { BodyShort, Heading, Link as AkselLink } from "@navikt/ds-react";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { useT } from "../lib/i18n.ts";

/** "Not found", "not permitted" or "something went wrong", in plain words, with a way on. */
export function ErrorContent() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : "serverError";
  return (
    <>
      <title>{`${t(`errorPage.${key}.title`)} – Spelplan`}</title>
      <Heading level="1" size="large" spacing>
        {t(`errorPage.${key}.title`)}
      </Heading>
      <BodyShort spacing>{t(`errorPage.${key}.body`)}</BodyShort>
      <BodyShort>
        <AkselLink as={Link} to="/">
          {t("errorPage.home")}
        </AkselLink>
      </BodyShort>
    </>
  );
}
