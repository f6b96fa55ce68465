import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Button, Fieldset, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { finsamFigures, mayExportOutcomes } from "../../../services/national-reporting.ts";
import { outcomeExportSchema } from "../../../services/schemas/reports.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextInput } from "../../components/fields.tsx";
import { FinsamMoneyTable, FinsamTable } from "../../components/reports/FinsamViews.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { YearPicker } from "../../components/YearPicker.tsx";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/reports";

// A program's national reporting for a year: the figures Uppföljning Finsam asks for (participants by sex,
// new, ongoing and ended; budgeted participants, budget and actual costs) with a CSV download, and for the
// manager and coordinators the SUS-shaped outcome export for a period, as CSV or Excel. The period form is a
// plain form post (it works without JavaScript); a refused period comes back with its messages at the fields.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "reports.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const year = new URL(request.url).searchParams.get("year") ?? "";
  return { view: await orResponse(finsamFigures(ctx, { programId: params.programId, year })) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  // Checked here (messages at the fields, what was typed kept); the file itself comes from the resource route,
  // which checks access and the period again and logs the export.
  const result = await formAction(formData, outcomeExportSchema, async (value) => {
    await mayExportOutcomes(ctx, params.programId);
    return redirect(`/programs/${params.programId}/reports/outcome/${value.format}?${new URLSearchParams({ from: value.from, to: value.to })}`);
  });
  return result instanceof Response ? result : { result };
}

function OutcomeForm({ year, today, lastResult }: { year: number; today: string; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
  const [form, fields] = useSpelForm(outcomeExportSchema, lastResult, { from: `${year}-01-01`, to: end });
  return (
    <section aria-labelledby="reports-outcome">
      <Heading level="2" size="medium" id="reports-outcome" spacing>
        {t("reports.outcome.heading")}
      </Heading>
      <BodyLong spacing>{t("reports.outcome.intro")}</BodyLong>
      <FormErrorSummary form={form} fields={{ from: fields.from, to: fields.to, format: fields.format }} />
      <Form method="post" reloadDocument {...getFormProps(form)}>
        <CsrfField />
        <Fieldset legend={t("reports.outcome.period")} description={t("reports.outcome.periodHelp")} error={fields.format.errors?.[0] ? t(fields.format.errors[0]) : undefined}>
          <HStack gap="space-16" align="start">
            <TextInput field={fields.from} label={t("reports.outcome.from")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.to} label={t("reports.outcome.to")} htmlSize={12} autoComplete="off" />
          </HStack>
        </Fieldset>
        <HStack gap="space-16" style={{ marginTop: "var(--ax-space-16, 1rem)" }}>
          <Button type="submit" name="format" value="xlsx" variant="primary">
            {t("reports.outcome.downloadXlsx")}
          </Button>
          <Button type="submit" name="format" value="csv" variant="secondary">
            {t("reports.outcome.downloadCsv")}
          </Button>
        </HStack>
      </Form>
    </section>
  );
}

export default function ReportsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view } = loaderData;
  const p = view.programs[0]!;
  const base = `/programs/${p.program.id}/reports`;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/programs/${p.program.id}`}>{p.program.name}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("reports.title", { program: p.program.name, year: view.year })}
        </Heading>
        <BodyLong spacing>{t("reports.intro")}</BodyLong>
        <BodyShort spacing textColor="subtle">
          {t("reports.period", { from: view.period.from, to: view.period.to })}
        </BodyShort>
        {p.suppressed ? <Alert variant="info">{t("reports.suppressed")}</Alert> : null}
      </div>
      <YearPicker years={view.years} year={view.year} label={t("reports.year")} submit={t("reports.show")} />
      <section aria-labelledby="reports-finsam">
        <Heading level="2" size="medium" id="reports-finsam" spacing>
          {t("reports.finsam.heading")}
        </Heading>
        <VStack gap="space-16">
          <FinsamTable figures={p.figures} caption={t("reports.finsam.caption", { program: p.program.name, year: view.year })} testId="finsam" />
          <FinsamMoneyTable caption={t("reports.money.caption", { program: p.program.name, year: view.year })} budgeted={p.budgeted} budgetedDefault={p.budgetedDefault} money={p.money} testId="finsam-money" />
          <BodyShort>
            <AkselLink href={`${base}/${view.year}/finsam.csv`} download>
              {t("reports.finsam.download", { year: view.year })}
            </AkselLink>
          </BodyShort>
          <BodyShort>
            <AkselLink as={Link} to={`/federations/${view.federation.id}/reports?year=${view.year}`}>
              {t("reports.federationLink", { federation: view.federation.name })}
            </AkselLink>
          </BodyShort>
        </VStack>
      </section>
      {p.canExport ? <OutcomeForm year={view.year} today={view.today} lastResult={actionData && "result" in actionData ? actionData.result : null} /> : null}
    </VStack>
  );
}
