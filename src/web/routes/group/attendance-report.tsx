import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, Select, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { monthTitle } from "../../../i18n/messages/attendance-report.ts";
import { monthlyReportPage, signMonthlyReport } from "../../../services/attendance-report.ts";
import { signMonthlyReportSchema } from "../../../services/schemas/attendance-report.ts";
import { DayTable, FactsTable, SummaryTable } from "../../components/attendance-report/ReportTables.tsx";
import { SignoffBlocked, SignoffForm, SignoffStatus } from "../../components/attendance-report/SignoffSection.tsx";
import { JourneyHeader, participantName } from "../../components/journal/JourneyHeader.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/attendance-report";

// A participant's monthly attendance report for the authority that pays their benefit: the month picker (a
// GET form), who and what the report is about, scheduled against attended time per day with the totals, the
// rate, the downloads (CSV for Excel, a tagged PDF) and the coordinator's sign-off.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "attendanceReport.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const picked = url.searchParams.get("month");
  // The month picker without JavaScript: ?month=YYYY-MM goes to that month's address.
  if (picked !== null && picked !== params.month) {
    throw redirect(`/enrolments/${encodeURIComponent(params.enrolmentId)}/attendance/report/${encodeURIComponent(picked.trim())}`);
  }
  const page = await orResponse(monthlyReportPage(ctx, params.enrolmentId, params.month));
  return { page, signed: url.searchParams.has("signed") };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const result = await formAction(formData, signMonthlyReportSchema, async (value) => {
    await signMonthlyReport(ctx, params.enrolmentId, params.month, value);
    return redirect(`/enrolments/${params.enrolmentId}/attendance/report/${params.month}?signed=1`);
  });
  return result instanceof Response ? result : { result };
}

export default function AttendanceReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, signed } = loaderData;
  const lastResult = actionData && "result" in actionData ? actionData.result : null;
  const refusedIncomplete = lastResult?.status === "error" && (lastResult.error?.[""] ?? []).includes("attendanceReport.errors.incomplete");
  const base = `/enrolments/${page.enrolmentId}/attendance/report/${page.month}`;
  const month = monthTitle(t, page.month);
  const person = participantName(t, page.participant);
  const authority = page.authority;
  return (
    <VStack gap="space-32">
      {signed && !lastResult ? <Alert variant="success">{t("attendanceReport.done.signed")}</Alert> : null}
      <JourneyHeader enrolmentId={page.enrolmentId} title={t("attendanceReport.titleFor", { month, person })} intro={t("attendanceReport.intro")} backLabel={t("attendanceReport.back")} />

      <Form method="get" action={base} role="search" aria-labelledby="attendance-report-picker">
        <HStack gap="space-16" align="end" wrap>
          <Select id="attendance-report-month" name="month" label={t("attendanceReport.picker.month")} defaultValue={page.month} size="small">
            {page.months.map((m) => (
              <option key={m} value={m}>
                {monthTitle(t, m)}
              </option>
            ))}
          </Select>
          <span id="attendance-report-picker" className="visually-hidden">
            {t("attendanceReport.picker.legend")}
          </span>
          <Button type="submit" variant="secondary" size="small">
            {t("attendanceReport.picker.submit")}
          </Button>
        </HStack>
      </Form>

      <FactsTable
        rows={[
          { label: t("attendanceReport.facts.program"), value: page.program.name },
          { label: t("attendanceReport.facts.participant"), value: person },
          { label: t("attendanceReport.facts.period"), value: t("attendanceReport.facts.periodValue", { from: t.date(page.from), to: t.date(page.to) }) },
          { label: t("attendanceReport.facts.incomeSource"), value: t(`incomeSource.${page.enrolment.incomeSource}`) },
          {
            label: t("attendanceReport.facts.authority"),
            value: authority ? authority.name : t("attendanceReport.facts.noAuthority"),
            detail: authority ? t(`attendanceReport.facts.basis.${authority.basis}`) : null,
          },
        ]}
      />

      <section aria-labelledby="attendance-report-download">
        <Heading level="2" size="medium" id="attendance-report-download" spacing>
          {t("attendanceReport.download.heading")}
        </Heading>
        <HStack gap="space-24" wrap>
          {/* Plain links: the files are downloads, not pages. */}
          <AkselLink href={`${base}.csv`} download>
            {t("attendanceReport.download.csv")}
          </AkselLink>
          <AkselLink href={`${base}.pdf`} download>
            {t("attendanceReport.download.pdf")}
          </AkselLink>
        </HStack>
      </section>

      <section aria-labelledby="attendance-report-days-heading">
        <Heading level="2" size="medium" id="attendance-report-days-heading" spacing>
          {t("attendanceReport.days.heading")}
        </Heading>
        {page.report.days.length === 0 ? (
          <BodyShort>{t("attendanceReport.days.none")}</BodyShort>
        ) : (
          <DayTable month={page.month} days={page.report.days} totals={page.totals} titles={page.titles} />
        )}
      </section>

      <section aria-labelledby="attendance-report-summary-heading">
        <Heading level="2" size="medium" id="attendance-report-summary-heading" spacing>
          {t("attendanceReport.summary.heading")}
        </Heading>
        <SummaryTable month={page.month} totals={page.totals} />
      </section>

      <section aria-labelledby="attendance-report-signoff-heading">
        <Heading level="2" size="medium" id="attendance-report-signoff-heading" spacing>
          {t("attendanceReport.signoff.heading")}
        </Heading>
        <VStack gap="space-16">
          <SignoffStatus signoffs={page.signoffs} />
          {page.sign.allowed ? (
            <>
              <SignoffBlocked monthOver={page.sign.monthOver} opensOn={page.sign.opensOn} totals={page.totals} refused={refusedIncomplete} />
              {page.sign.monthOver ? <SignoffForm fingerprint={page.fingerprint} again={page.signoffs.latest !== null} lastResult={lastResult} /> : null}
            </>
          ) : (
            <BodyShort textColor="subtle">{t("attendanceReport.signoff.notAllowed")}</BodyShort>
          )}
        </VStack>
      </section>
    </VStack>
  );
}
