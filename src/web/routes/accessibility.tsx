import { BodyLong, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { useRouteLoaderData } from "react-router";
import type { RootData } from "../root.tsx";
import { AppShell } from "../components/AppShell.tsx";
import { PublicShell } from "../components/PublicShell.tsx";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/accessibility";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "a11y.title");

/** The accessibility statement that the law (DOS-lagen) asks every public digital service to publish. */
export default function Accessibility() {
  const t = useT();
  const root = useRouteLoaderData("root") as RootData | undefined;
  const content = (
    <VStack gap="space-16" className="form-narrow">
      <Heading level="1" size="large">
        {t("a11y.title")}
      </Heading>
      <BodyLong>{t("a11y.intro")}</BodyLong>
      <Heading level="2" size="medium">
        {t("a11y.status.heading")}
      </Heading>
      <BodyLong>{t("a11y.status.body")}</BodyLong>
      <Heading level="2" size="medium">
        {t("a11y.known.heading")}
      </Heading>
      <BodyLong>{t("a11y.known.body")}</BodyLong>
      <Heading level="2" size="medium">
        {t("a11y.report.heading")}
      </Heading>
      <BodyLong>{t("a11y.report.body")}</BodyLong>
      <Heading level="2" size="medium">
        {t("a11y.enforcement.heading")}
      </Heading>
      <BodyLong>
        {t("a11y.enforcement.body")}{" "}
        <AkselLink href="https://www.digg.se/tdosanmalan">{t("a11y.enforcement.link")}</AkselLink>
      </BodyLong>
      <Heading level="2" size="medium">
        {t("a11y.method.heading")}
      </Heading>
      <BodyLong>{t("a11y.method.body")}</BodyLong>
    </VStack>
  );
  return root?.user ? <AppShell user={root.user}>{content}</AppShell> : <PublicShell>{content}</PublicShell>;
}
