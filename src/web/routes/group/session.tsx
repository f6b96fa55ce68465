import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Button, Heading, Link as AkselLink, Tag, TextField, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { cancelSession, sessionPage, updateSessionNotes } from "../../../services/schedule.ts";
import { cancelSessionSchema, sessionNotesSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { ChecklistTable } from "../../components/schedule/Checklist.tsx";
import { SessionNotesForm } from "../../components/schedule/ScheduleForms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/session";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.session.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(sessionPage(ctx, params.ref));
  const done = new URL(request.url).searchParams.get("done");
  return { page, done: done === "created" || done === "saved" || done === "cancelled" ? done : null };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  if (formData.get("intent") === "cancel") {
    const result = await formAction(formData, cancelSessionSchema, async (value) => {
      await cancelSession(ctx, params.ref, value);
      return redirect(`/schedule/sessions/${encodeURIComponent(params.ref)}?done=cancelled`);
    });
    return result instanceof Response ? result : { result };
  }
  const result = await formAction(formData, sessionNotesSchema, async (value) => {
    const { id } = await updateSessionNotes(ctx, params.ref, value);
    return redirect(`/schedule/sessions/${id}?done=saved`);
  });
  return result instanceof Response ? result : { result };
}

export default function SessionPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, done } = loaderData;
  const { item, venue, room } = page;
  const kind = page.kindLabel ?? t(`activityKind.${item.kind}`);
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`schedule.session.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${page.program.id}/schedule?week=${item.date}`}>{t("schedule.backTo", { program: page.program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {item.title}
        </Heading>
        <BodyShort>
          {t(`schedule.weekday.${new Date(`${item.date}T12:00:00Z`).getUTCDay() || 7}`)} {t.date(item.date, "long")}, {item.start}–{item.end}
        </BodyShort>
        {item.status !== "scheduled" ? (
          <Tag variant={item.status === "changed" ? "info" : "warning"} data-testid="session-status" style={{ marginTop: "0.5rem" }}>
            {t(`schedule.status.${item.status}`)}
            {item.note ? `: ${item.note}` : ""}
          </Tag>
        ) : null}
      </div>

      <dl className="details-list">
        <dt>{t("schedule.session.kind")}</dt>
        <dd>{kind}</dd>
        <dt>{t("schedule.session.topic")}</dt>
        <dd>{item.topic ? (page.topicLabel ?? t(`topic.${item.topic}`)) : t("schedule.session.noTopic")}</dd>
        <dt>{t("schedule.session.place")}</dt>
        <dd>{venue ? [room?.name, venue.name, venue.address].filter(Boolean).join(", ") : t("schedule.session.noPlace")}</dd>
        <dt>{t("schedule.session.leaders")}</dt>
        <dd>{page.leaders.length ? page.leaders.map((l) => l.name).join(", ") : t("schedule.session.noLeaders")}</dd>
        <dt>{t("schedule.session.groups")}</dt>
        <dd>{item.groupKinds.length ? item.groupKinds.map((g) => t(`schedule.group.${g}`)).join(", ") : t("schedule.session.noGroups")}</dd>
        <dt>{t("schedule.session.notes")}</dt>
        <dd>
          <BodyLong as="span" style={{ whiteSpace: "pre-wrap" }}>
            {item.notes || t("schedule.session.noNotes")}
          </BodyLong>
        </dd>
      </dl>

      {page.canRecord && (item.status === "scheduled" || item.status === "changed") ? (
        <div>
          <LinkButton to={`/schedule/sessions/${encodeURIComponent(item.ref)}/register`}>
            {t("attendance.register.take")}
          </LinkButton>
        </div>
      ) : null}

      {page.participants ? (
        <section aria-labelledby="session-expected">
          <Heading level="2" size="medium" id="session-expected" spacing>
            {t("schedule.session.expected")}
          </Heading>
          {page.participants.length === 0 ? (
            <BodyShort>{t("schedule.session.nobodyExpected")}</BodyShort>
          ) : (
            <ul data-testid="expected">
              {page.participants.map((p) => (
                <li key={p.personId}>
                  {p.name ?? p.reference} ({t(p.via === "listed" ? "schedule.session.listed" : `schedule.group.${p.via}`)})
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="session-venue">
        <Heading level="2" size="medium" id="session-venue" spacing>
          {venue ? t("schedule.session.accessibility", { venue: venue.name }) : t("schedule.session.accessibilityNone")}
        </Heading>
        {venue ? (
          <>
            <ChecklistTable checklist={venue.accessibility} venue={venue.name} />
            {page.canManage ? (
              <BodyShort style={{ marginTop: "0.5rem" }}>
                <AkselLink as={Link} to={`/venues/${venue.id}`}>
                  {t("schedule.session.editVenue", { venue: venue.name })}
                </AkselLink>
              </BodyShort>
            ) : null}
          </>
        ) : null}
      </section>

      {page.canManage && item.status !== "skipped" ? (
        <section aria-labelledby="session-notes">
          <Heading level="2" size="medium" id="session-notes" spacing>
            {t("schedule.session.notesHeading")}
          </Heading>
          <SessionNotesForm lastResult={actionData?.result} defaultValue={{ topic: item.topic ?? "", notes: item.notes }} topics={page.topics} />
        </section>
      ) : null}

      {page.canManage && (item.status === "scheduled" || item.status === "changed") ? (
        <section aria-labelledby="session-cancel">
          <Heading level="2" size="medium" id="session-cancel" spacing>
            {t("schedule.session.cancelHeading")}
          </Heading>
          <Form method="post" className="form-narrow">
            <CsrfField />
            <input type="hidden" name="intent" value="cancel" />
            <VStack gap="space-16">
              <TextField name="note" label={t("schedule.exception.note")} description={t("schedule.exception.noteHelp")} maxLength={500} autoComplete="off" />
              <div>
                <Button type="submit" variant="danger" size="small">
                  {t("schedule.session.cancel")}
                </Button>
              </div>
            </VStack>
          </Form>
          {item.seriesId ? (
            <BodyShort style={{ marginTop: "0.5rem" }}>
              <AkselLink as={Link} to={`/programs/${page.program.id}/schedule/series/${item.seriesId}#exceptions`}>
                {t("schedule.session.toSeries")}
              </AkselLink>
            </BodyShort>
          ) : null}
        </section>
      ) : null}
    </VStack>
  );
}
