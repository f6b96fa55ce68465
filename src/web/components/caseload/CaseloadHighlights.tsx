import { BodyShort, Box, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import type { CaseloadHighlights as Highlights } from "../../../services/caseload.ts";
import { useT } from "../../lib/i18n.ts";
import { FlagList, participantName } from "./Flags.tsx";

/** The start page's "what needs doing now": the most urgent participants, and the way to the whole list. */
export function CaseloadHighlights({ highlights }: { highlights: Highlights }) {
  const t = useT();
  return (
    <Box as="section" aria-labelledby="home-caseload">
      <Heading level="2" size="medium" id="home-caseload" spacing>
        {t("caseload.home.heading")}
      </Heading>
      <VStack gap="space-16">
        {highlights.rows.length === 0 ? (
          <BodyShort>{t("caseload.home.none")}</BodyShort>
        ) : (
          <>
            <BodyShort>{t.plural("caseload.home.summary", highlights.needingAction)}</BodyShort>
            <VStack as="ul" gap="space-12" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {highlights.rows.map((row) => (
                <li key={row.enrolmentId}>
                  <BodyShort weight="semibold" spacing={false}>
                    <AkselLink as={Link} to={`/enrolments/${row.enrolmentId}`}>
                      {participantName(t, row)}
                    </AkselLink>
                    {highlights.viewAll ? (
                      <BodyShort as="span" size="small" textColor="subtle">
                        {" "}
                        ({row.coordinator.name})
                      </BodyShort>
                    ) : null}
                  </BodyShort>
                  <FlagList flags={row.flags.filter((f) => f.state !== "notice").slice(0, 3)} empty="" />
                </li>
              ))}
            </VStack>
          </>
        )}
        <BodyShort>
          <AkselLink as={Link} to="/caseload">
            {highlights.viewAll ? t("caseload.home.link.all") : t("caseload.home.link.own")}
          </AkselLink>
        </BodyShort>
      </VStack>
    </Box>
  );
}
