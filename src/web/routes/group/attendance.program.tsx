import { BodyShort, Button, Heading, HStack, Link as AkselLink, Select, TextField, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { groupAttendance } from "../../../services/attendance.ts";
import { ValidationError } from "../../../services/errors.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { GroupTable, PeriodRateTable, rateText } from "../../components/attendance/AttendanceTables.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";

import type { Route } from "./+types/attendance.program";

// A program's attendance: per participant with bands, per week for the group, and the registers not yet taken.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "attendance.group.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const values = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", group: url.searchParams.get("group") ?? "" };
  let errors: Record<string, string> = {};
  let view: Awaited<ReturnType<typeof groupAttendance>>;
  try {
    view = await groupAttendance(ctx, params.programId, values);
  } catch (error) {
    if (!(error instanceof ValidationError)) rethrowAsResponse(error);
    errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages[0] ?? "errors.invalid"]));
    view = await orResponse(groupAttendance(ctx, params.programId));
  }
  return { view, values, errors };
}

export default function ProgramAttendancePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view, values, errors } = loaderData;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/programs/${view.program.id}/schedule`}>{t("schedule.backTo", { program: view.program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("attendance.group.title", { program: view.program.name })}
        </Heading>
        <BodyShort>{t("attendance.group.intro")}</BodyShort>
      </div>
      <Form method="get">
        <HStack gap="space-16" align="end" wrap>
          <TextField name="from" label={t("attendance.period.from")} defaultValue={values.from || view.from} error={errors.from ? t(errors.from) : undefined} htmlSize={12} autoComplete="off" />
          <TextField name="to" label={t("attendance.period.to")} defaultValue={values.to || view.to} error={errors.to ? t(errors.to) : undefined} htmlSize={12} autoComplete="off" />
          <Select name="group" label={t("attendance.group.group")} defaultValue={values.group} error={errors.group ? t(errors.group) : undefined}>
            <option value="">{t("attendance.group.allGroups")}</option>
            <option value="ordinary">{t("schedule.group.ordinary")}</option>
            <option value="pre_group">{t("schedule.group.pre_group")}</option>
          </Select>
          <Button type="submit" variant="secondary" size="small">
            {t("attendance.period.show")}
          </Button>
        </HStack>
      </Form>

      <section aria-labelledby="group-summary">
        <Heading level="2" size="medium" id="group-summary" spacing>
          {t("attendance.group.summary", { from: t.date(view.from, "long"), to: t.date(view.to, "long") })}
        </Heading>
        <dl className="details-list" data-testid="group-summary">
          <dt>{t("attendance.rate.label")}</dt>
          <dd>{rateText(t, view.rate)}</dd>
          <dt>{t("attendance.band.compliant")}</dt>
          <dd>{t.plural("attendance.group.people", view.bands.compliant)}</dd>
          <dt>{t("attendance.band.partial")}</dt>
          <dd>{t.plural("attendance.group.people", view.bands.partial)}</dd>
          <dt>{t("attendance.band.not_compliant")}</dt>
          <dd>{t.plural("attendance.group.people", view.bands.not_compliant)}</dd>
        </dl>
        <BodyShort size="small" textColor="subtle" style={{ marginTop: "0.5rem" }}>
          {t("attendance.rate.explain")}
        </BodyShort>
      </section>

      <section aria-labelledby="group-people">
        <Heading level="2" size="medium" id="group-people" spacing>
          {t("attendance.group.perParticipant")}
        </Heading>
        <GroupTable rows={view.participants} />
      </section>

      <section aria-labelledby="group-weeks">
        <Heading level="2" size="medium" id="group-weeks" spacing>
          {t("attendance.group.perWeek")}
        </Heading>
        <PeriodRateTable rows={view.weeks} period="week" caption={t("attendance.group.perWeek")} />
      </section>

      <section aria-labelledby="group-unrecorded">
        <Heading level="2" size="medium" id="group-unrecorded" spacing>
          {t("attendance.group.unrecorded")}
        </Heading>
        {view.unrecorded.length === 0 ? (
          <BodyShort>{t("attendance.group.allRecorded")}</BodyShort>
        ) : (
          <ul data-testid="unrecorded">
            {view.unrecorded.map((u) => (
              <li key={u.ref}>
                <AkselLink as={Link} to={`/schedule/sessions/${encodeURIComponent(u.ref)}/register`}>
                  {t("attendance.group.unrecordedItem", { title: u.title, date: t.date(u.date, "long"), start: u.start })}
                </AkselLink>{" "}
                ({t.plural("attendance.group.missing", u.missing)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <BodyShort>
        <AkselLink as={Link} to={`/programs/${view.program.id}/attendance/rules`}>
          {t("attendance.rules.link")}
        </AkselLink>
      </BodyShort>
    </VStack>
  );
}
