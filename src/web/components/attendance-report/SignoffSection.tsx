import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Button, Checkbox, CheckboxGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { durationText } from "../../../i18n/messages/attendance-report.ts";
import { signMonthlyReportSchema } from "../../../services/schemas/attendance-report.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import type { ReportTotalsLike } from "./ReportTables.tsx";

// The report's sign-off: who signed and when (the latest counts; earlier ones are mentioned, and whether the
// figures changed), why it cannot be signed yet (the month is not over, sessions are not recorded), and the
// form (a checkbox that the attendance was checked). Works without JavaScript; a refusal comes back at the form.

export interface SignoffLike {
  latest: { signedAt: Date | string; signedBy: string; authority: { name: string } | null; totals: ReportTotalsLike } | null;
  earlier: number;
  changedFromEarlier: boolean;
  changedSinceSigned: boolean;
}

export function SignoffStatus({ signoffs }: { signoffs: SignoffLike }) {
  const t = useT();
  const { latest } = signoffs;
  if (!latest) return <BodyShort data-testid="attendance-report-signoff">{t("attendanceReport.signoff.none")}</BodyShort>;
  const time = t.dateTime(new Date(latest.signedAt));
  return (
    <VStack gap="space-8" data-testid="attendance-report-signoff">
      <BodyShort>
        <strong>
          {latest.authority
            ? t("attendanceReport.signoff.latestAuthority", { name: latest.signedBy, time, authority: latest.authority.name })
            : t("attendanceReport.signoff.latest", { name: latest.signedBy, time })}
        </strong>
      </BodyShort>
      <BodyShort size="small">
        {t("attendanceReport.signoff.signedTotals", { scheduled: durationText(t, latest.totals.scheduledMinutes), attended: durationText(t, latest.totals.attendedMinutes) })}
      </BodyShort>
      {signoffs.earlier > 0 ? (
        <BodyShort size="small" data-testid="attendance-report-earlier">
          {t.plural("attendanceReport.signoff.earlier", signoffs.earlier)}{" "}
          {signoffs.changedFromEarlier ? t("attendanceReport.signoff.changedFromEarlier") : t("attendanceReport.signoff.sameAsEarlier")}
        </BodyShort>
      ) : null}
      {signoffs.changedSinceSigned ? (
        <Alert variant="warning" size="small">
          {t("attendanceReport.signoff.changedSinceSigned")}
        </Alert>
      ) : null}
    </VStack>
  );
}

export function SignoffForm({ fingerprint, again, lastResult }: { fingerprint: string; again: boolean; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const fieldError = useFieldError();
  const [form, fields] = useSpelForm(signMonthlyReportSchema, lastResult);
  const busy = navigation.state === "submitting";
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ confirmed: fields.confirmed }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name={fields.shown.name} value={fingerprint} />
        <VStack gap="space-16">
          <BodyLong>{t("attendanceReport.signoff.intro")}</BodyLong>
          <CheckboxGroup id={fields.confirmed.id} legend={t("attendanceReport.signoff.heading")} hideLegend error={fieldError(fields.confirmed)}>
            <Checkbox name={fields.confirmed.name} value="on">
              {t("attendanceReport.signoff.confirm")}
            </Checkbox>
          </CheckboxGroup>
          <div>
            <Button type="submit" loading={busy}>
              {again ? t("attendanceReport.signoff.submitAgain") : t("attendanceReport.signoff.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

/** Why the report cannot be signed now, in words; null when it can. */
export function SignoffBlocked({ monthOver, opensOn, totals, refused }: { monthOver: boolean; opensOn: string; totals: ReportTotalsLike; refused: boolean }) {
  const t = useT();
  if (!monthOver) return <Alert variant="info" size="small">{t("attendanceReport.signoff.notYet", { date: t.date(opensOn, "long") })}</Alert>;
  if (totals.unrecordedSessions === 0) return null;
  return (
    <Alert variant={refused ? "error" : "warning"} size="small" data-testid="attendance-report-unrecorded">
      {t.plural("attendanceReport.signoff.unrecorded", totals.unrecordedSessions, { time: durationText(t, totals.unrecordedMinutes) })}
    </Alert>
  );
}
