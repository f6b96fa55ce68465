import { Alert, BodyLong, BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { finsamFigures } from "../../../services/national-reporting.ts";
import { FinsamMoneyTable, FinsamTable } from "../../components/reports/FinsamViews.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { YearPicker } from "../../components/YearPicker.tsx";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/reports.federation";

// A federation's Finsam figures for a year: each of its programs that the reader may see (the steering group:
// all of the federation's, or the one program it steers), with small-number suppression for those who see
// aggregates only, and the federation's total (a sum shown only when every program's part is shown).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "reports.federation.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const year = new URL(request.url).searchParams.get("year") ?? "";
  return { view: await orResponse(finsamFigures(ctx, { federationId: params.federationId, year })) };
}

export default function FederationReportsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view } = loaderData;
  const total = view.total!;
  return (
    <VStack gap="space-32">
      <div>
        <Heading level="1" size="large" spacing>
          {t("reports.federation.title", { federation: view.federation.name, year: view.year })}
        </Heading>
        <BodyLong spacing>{t("reports.federation.intro")}</BodyLong>
        <BodyShort spacing textColor="subtle">
          {t("reports.period", { from: view.period.from, to: view.period.to })}
        </BodyShort>
        {view.suppressed ? <Alert variant="info">{t("reports.suppressed")}</Alert> : null}
      </div>
      <YearPicker years={view.years} year={view.year} label={t("reports.year")} submit={t("reports.show")} />
      {view.programs.map((p) => (
        <section key={p.program.id} aria-labelledby={`reports-${p.program.id}`}>
          <Heading level="2" size="medium" id={`reports-${p.program.id}`} spacing>
            {p.program.name}
          </Heading>
          <VStack gap="space-16">
            <FinsamTable figures={p.figures} caption={t("reports.finsam.caption", { program: p.program.name, year: view.year })} testId={`finsam-${p.program.id}`} />
            <FinsamMoneyTable caption={t("reports.money.caption", { program: p.program.name, year: view.year })} budgeted={p.budgeted} budgetedDefault={p.budgetedDefault} money={p.money} />
            <BodyShort>
              <AkselLink as={Link} to={`/programs/${p.program.id}/reports?year=${view.year}`}>
                {t("reports.federation.programLink", { program: p.program.name })}
              </AkselLink>
            </BodyShort>
          </VStack>
        </section>
      ))}
      {view.programs.length > 1 ? (
        <section aria-labelledby="reports-total">
          <Heading level="2" size="medium" id="reports-total" spacing>
            {t("reports.federation.total")}
          </Heading>
          <VStack gap="space-16">
            <FinsamTable figures={total.figures} caption={t("reports.finsam.caption", { program: view.federation.name, year: view.year })} testId="finsam-total" />
            <FinsamMoneyTable caption={t("reports.money.caption", { program: view.federation.name, year: view.year })} budgeted={total.budgeted} budgetedDefault={false} money={total.money} />
          </VStack>
        </section>
      ) : null}
      <BodyShort>
        <AkselLink href={`/federations/${view.federation.id}/reports/${view.year}/finsam.csv`} download>
          {t("reports.finsam.download", { year: view.year })}
        </AkselLink>
      </BodyShort>
    </VStack>
  );
}
