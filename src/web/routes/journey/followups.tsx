import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Heading, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import { Link, redirect } from "react-router";
import { followUpsPage, scheduleFollowUp, type FollowUpView } from "../../../services/followups.ts";
import { followUpScheduleSchema } from "../../../services/schemas/exits.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { ScheduleFollowUpForm } from "../../components/exits/FollowUpForms.tsx";
import { attendeeList, participantLabel } from "../../components/exits/labels.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/followups";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "followUps.metaTitle");

const DONE = ["scheduled", "held", "cancelled"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(followUpsPage(ctx, params.enrolmentId));
  const done = new URL(request.url).searchParams.get("done");
  return { page, done: DONE.find((d) => d === done) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), followUpScheduleSchema, async (value) => {
    await scheduleFollowUp(ctx, params.enrolmentId, value);
    return redirect(`/enrolments/${params.enrolmentId}/follow-ups?done=scheduled`);
  });
  return result instanceof Response ? result : { result };
}

export default function FollowUpsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, done } = loaderData;
  const { header } = page;
  const person = participantLabel(t, header);
  const base = `/enrolments/${header.enrolmentId}`;
  const nextText = page.next.booked
    ? t("followUps.next.booked", { date: t.date(page.next.date, "long") })
    : page.next.state === "overdue"
      ? t("followUps.next.overdue", { date: t.date(page.next.date, "long") })
      : page.held.length
        ? t("followUps.next.due", { date: t.date(page.next.date, "long") })
        : t("followUps.next.dueFirst", { date: t.date(page.next.date, "long") });
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`followUps.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={base}>{t("exits.backTo", { person })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("followUps.title", { person })}
        </Heading>
        <BodyShort>
          {header.programName} · {t("exits.period", { start: t.date(header.startDate, "long"), end: t.date(header.plannedEndDate, "long") })}
        </BodyShort>
      </div>
      {header.exitDate ? (
        <Alert variant="info">
          {t("followUps.exited", { date: t.date(header.exitDate, "long") })}{" "}
          <AkselLink as={Link} to={`${base}/exit`}>
            {t("followUps.toExit")}
          </AkselLink>
        </Alert>
      ) : (
        <Alert variant={!page.next.booked && page.next.state === "overdue" ? "warning" : "info"} data-testid="follow-up-next">
          {nextText}
        </Alert>
      )}

      <section aria-labelledby="follow-ups-coming">
        <Heading level="2" size="medium" id="follow-ups-coming" spacing>
          {t("followUps.coming.heading")}
        </Heading>
        {page.coming.length === 0 ? <BodyShort>{t("followUps.coming.none")}</BodyShort> : <ComingTable rows={page.coming} base={base} canManage={page.canManage} />}
      </section>

      {page.canSchedule ? (
        <section aria-labelledby="follow-ups-schedule">
          <Heading level="2" size="medium" id="follow-ups-schedule" spacing>
            {t("followUps.form.heading")}
          </Heading>
          <BodyShort spacing>{t("followUps.form.intro")}</BodyShort>
          <ScheduleFollowUpForm lastResult={actionData?.result} proposedDate={page.proposedDate} candidates={page.candidates} person={person} />
        </section>
      ) : null}

      <section aria-labelledby="follow-ups-held">
        <Heading level="2" size="medium" id="follow-ups-held" spacing>
          {t("followUps.held.heading")}
        </Heading>
        {page.held.length === 0 ? (
          <BodyShort>{t("followUps.held.none")}</BodyShort>
        ) : (
          <VStack as="ul" gap="space-24" style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {page.held.map((f) => (
              <li key={f.id}>
                <article aria-labelledby={`held-${f.id}`} data-testid="held-follow-up">
                  <Heading level="3" size="small" id={`held-${f.id}`} spacing>
                    {t("followUps.held.itemHeading", { date: t.date(f.heldOn!, "long") })}
                  </Heading>
                  <dl className="details-list">
                    <dt>{t("followUps.held.who")}</dt>
                    <dd>{attendeeList(t, f.attendees)}</dd>
                    <dt>{t("followUps.held.notes")}</dt>
                    <dd>
                      <BodyLong as="span" style={{ whiteSpace: "pre-wrap" }}>
                        {f.notes}
                      </BodyLong>
                    </dd>
                  </dl>
                </article>
              </li>
            ))}
          </VStack>
        )}
      </section>

      {page.cancelled.length > 0 ? (
        <section aria-labelledby="follow-ups-cancelled">
          <Heading level="2" size="medium" id="follow-ups-cancelled" spacing>
            {t("followUps.cancelled.heading")}
          </Heading>
          <ul>
            {page.cancelled.map((f) => (
              <li key={f.id}>
                {t("followUps.cancelled.item", { date: t.date(f.plannedDate, "long") })}
                {f.notes ? `: ${f.notes}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </VStack>
  );
}

function ComingTable({ rows, base, canManage }: { rows: FollowUpView[]; base: string; canManage: boolean }) {
  const t = useT();
  return (
    <DataTable
      caption={t("followUps.coming.caption")}
      columns={[t("followUps.col.date"), t("followUps.col.place"), t("followUps.col.who"), t("followUps.col.reminder"), t("followUps.col.actions")]}
      size="small"
    >
      {rows.map((f) => (
        <Table.Row key={f.id} data-testid="coming-follow-up">
          <Table.HeaderCell scope="row">
            <VStack gap="space-4" align="start">
              <span style={{ whiteSpace: "nowrap" }}>
                {t.date(f.plannedDate)}
                {f.plannedTime ? ` ${t("followUps.at", { time: f.plannedTime })}` : ""}
              </span>
              {f.due === "overdue" || f.due === "due" ? (
                <Tag variant={f.due === "overdue" ? "warning" : "info"} size="xsmall">
                  {t(`followUps.due.${f.due}`)}
                </Tag>
              ) : null}
            </VStack>
          </Table.HeaderCell>
          <Table.DataCell>{f.place || t("followUps.noPlace")}</Table.DataCell>
          <Table.DataCell>{attendeeList(t, f.attendees)}</Table.DataCell>
          <Table.DataCell>{f.remindedAt ? t("followUps.reminded", { time: t.dateTime(new Date(f.remindedAt)) }) : t("followUps.notReminded")}</Table.DataCell>
          <Table.DataCell>
            <AkselLink as={Link} to={`${base}/follow-ups/${f.id}`}>
              {canManage ? t("followUps.documentOrCancel", { date: t.date(f.plannedDate) }) : t("followUps.open", { date: t.date(f.plannedDate) })}
            </AkselLink>
          </Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}
