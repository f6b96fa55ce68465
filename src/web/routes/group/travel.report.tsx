import { BodyLong, BodyShort, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { getTravelReport } from "../../../services/travel.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { BalanceTable, MonthTable, ParticipantTable } from "../../components/travel/TravelTables.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/travel.report";

// The year's travel-money report: the balance, sums per month and per participant, and the downloads
// (CSV for Excel, a tagged PDF). Voided disbursements do not count.

export const meta: Route.MetaFunction = ({ matches, params }) => pageTitle(matches, "travel.report.title", { year: params.year });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { view: await orResponse(getTravelReport(ctx, params.programId, params.year)) };
}

export default function TravelReportPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view } = loaderData;
  const { report } = view;
  const page = `/programs/${view.program.id}/travel/${view.year}`;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={page}>{t("travel.report.back", { year: view.year })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("travel.report.title", { year: view.year })}
        </Heading>
        <BodyLong>{t("travel.report.intro", { program: view.program.name })}</BodyLong>
      </div>
      <section aria-labelledby="travel-report-download">
        <Heading level="2" size="medium" id="travel-report-download" spacing>
          {t("travel.report.download")}
        </Heading>
        <HStack gap="space-24" wrap>
          {/* Plain links: the files are downloads, not pages. */}
          <AkselLink href={`${page}/report.csv`} download>
            {t("travel.report.csv")}
          </AkselLink>
          <AkselLink href={`${page}/report.pdf`} download>
            {t("travel.report.pdf")}
          </AkselLink>
        </HStack>
      </section>
      <section aria-labelledby="travel-report-balance">
        <Heading level="2" size="medium" id="travel-report-balance" spacing>
          {t("travel.balance.heading")}
        </Heading>
        <BalanceTable balance={report} budgetSet={view.budgetSet} currency={report.currency} year={view.year} />
      </section>
      <section aria-labelledby="travel-report-months">
        <Heading level="2" size="medium" id="travel-report-months" spacing>
          {t("travel.report.months")}
        </Heading>
        <MonthTable months={report.months} count={report.count} disbursed={report.disbursed} currency={report.currency} year={view.year} />
      </section>
      <section aria-labelledby="travel-report-participants">
        <Heading level="2" size="medium" id="travel-report-participants" spacing>
          {t("travel.report.participants")}
        </Heading>
        {view.participants.length === 0 ? <BodyShort>{t("travel.report.noParticipants")}</BodyShort> : <ParticipantTable participants={view.participants} currency={report.currency} />}
        {view.voidedCount > 0 ? (
          <BodyShort spacing textColor="subtle" style={{ marginTop: "1rem" }}>
            {t.plural("travel.report.voided", view.voidedCount)}
          </BodyShort>
        ) : null}
      </section>
    </VStack>
  );
}
