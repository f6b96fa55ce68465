import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { removeException, seriesFormPage, setException, updateSeries } from "../../../services/schedule.ts";
import { exceptionSchema, seriesSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ExceptionForm, SeriesForm } from "../../components/schedule/ScheduleForms.tsx";
import { occurrenceLink } from "../../components/schedule/ScheduleViews.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/series";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.series.editTitle");

const DONE = ["created", "saved", "exception", "removed"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(seriesFormPage(ctx, params.programId, params.seriesId));
  const done = new URL(request.url).searchParams.get("done");
  return { page, done: DONE.find((d) => d === done) ?? null };
}

type ActionResult = { intent: "series" | "exception"; result: SubmissionResult<string[]> } | Response;

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionResult> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const here = `/programs/${params.programId}/schedule/series/${params.seriesId}`;
  const intent = formData.get("intent");
  if (intent === "remove-exception") {
    await orResponse(removeException(ctx, params.seriesId, String(formData.get("originalDate") ?? "")));
    return redirect(`${here}?done=removed`);
  }
  if (intent === "exception") {
    const result = await formAction(formData, exceptionSchema, async (value) => {
      await setException(ctx, params.seriesId, value);
      return redirect(`${here}?done=exception#exceptions`);
    });
    return result instanceof Response ? result : { intent: "exception", result };
  }
  const result = await formAction(formData, seriesSchema, async (value) => {
    await updateSeries(ctx, params.seriesId, value);
    return redirect(`${here}?done=saved`);
  });
  return result instanceof Response ? result : { intent: "series", result };
}

export default function SeriesPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, done } = loaderData;
  const s = page.series!;
  const venueName = (id: string | null) => page.venues.find((v) => v.id === id)?.name ?? "";
  const occurrenceLabel = (o: { originalDate: string; start: string; end: string }) => `${t(`schedule.weekday.${new Date(`${o.originalDate}T12:00:00Z`).getUTCDay() || 7}`)} ${t.date(o.originalDate, "long")} ${o.start}–${o.end}`;
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`schedule.series.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${page.program.id}/schedule?week=${s.firstDate}`}>{t("schedule.backTo", { program: page.program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {s.title}
        </Heading>
        <BodyShort>
          {s.weekdays.map((d) => t(`schedule.weekday.${d}`)).join(", ")} {s.startTime}–{s.endTime} · {t.date(s.firstDate, "long")}–{t.date(s.lastDate, "long")}
        </BodyShort>
      </div>

      <section aria-labelledby="exceptions" id="exceptions">
        <Heading level="2" size="medium" id="exceptions-heading" spacing>
          {t("schedule.exception.heading")}
        </Heading>
        {s.exceptions.length === 0 ? (
          <BodyShort spacing>{t("schedule.exception.none")}</BodyShort>
        ) : (
          <DataTable caption={t("schedule.exception.caption")} columns={[t("schedule.exception.col.occurrence"), t("schedule.exception.col.what"), t("schedule.exception.col.note"), ...(page.canManage ? [t("schedule.exception.col.actions")] : [])]} size="small">
            {s.exceptions.map((e) => (
              <Table.Row key={e.originalDate} data-testid="exception">
                <Table.HeaderCell scope="row">
                  <AkselLink as={Link} to={occurrenceLink(s.id, e.originalDate)}>
                    {t.date(e.originalDate, "long")}
                  </AkselLink>
                </Table.HeaderCell>
                <Table.DataCell>
                  {e.kind === "cancelled"
                    ? t("schedule.status.cancelled")
                    : [e.date ? t.date(e.date, "long") : null, e.startTime || e.endTime ? `${e.startTime ?? s.startTime}–${e.endTime ?? s.endTime}` : null, e.venueId ? venueName(e.venueId) : null].filter(Boolean).join(", ")}
                </Table.DataCell>
                <Table.DataCell>{e.note}</Table.DataCell>
                {page.canManage ? (
                  <Table.DataCell>
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="remove-exception" />
                      <input type="hidden" name="originalDate" value={e.originalDate} />
                      <Button type="submit" size="small" variant="tertiary">
                        {t("schedule.exception.remove", { date: t.date(e.originalDate) })}
                      </Button>
                    </Form>
                  </Table.DataCell>
                ) : null}
              </Table.Row>
            ))}
          </DataTable>
        )}
        {page.canManage ? (
          <VStack gap="space-16" style={{ marginTop: "1rem" }}>
            <Heading level="3" size="small">
              {t("schedule.exception.formHeading")}
            </Heading>
            <ExceptionForm
              lastResult={actionData && "intent" in actionData && actionData.intent === "exception" ? actionData.result : undefined}
              occurrences={page.occurrences.filter((o) => o.status !== "skipped").map((o) => ({ originalDate: o.originalDate, label: occurrenceLabel(o) }))}
              venues={page.venues}
            />
          </VStack>
        ) : null}
      </section>

      {page.canManage ? (
        <section aria-labelledby="series-edit">
          <Heading level="2" size="medium" id="series-edit" spacing>
            {t("schedule.series.editHeading")}
          </Heading>
          <SeriesForm
            lastResult={actionData && "intent" in actionData && actionData.intent === "series" ? actionData.result : undefined}
            choices={page}
            currentKind={s.kind}
            submitLabel={t("schedule.series.save")}
            defaultValue={{
              kind: s.kind,
              title: s.title,
              topic: s.topic ?? "",
              weekdays: s.weekdays.map(String),
              startTime: s.startTime,
              endTime: s.endTime,
              firstDate: s.firstDate,
              lastDate: s.lastDate,
              weeks: s.weeks,
              skipHolidays: s.skipHolidays,
              venueId: s.venueId ?? "",
              roomId: s.roomId ?? "",
              groupKinds: s.groupKinds,
              personIds: s.personIds,
              leaderIds: s.leaderIds,
              notes: s.notes,
            }}
          />
        </section>
      ) : null}
      <HStack />
    </VStack>
  );
}
