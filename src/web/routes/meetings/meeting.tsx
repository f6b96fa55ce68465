import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Checkbox, CheckboxGroup, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { ValidationError } from "../../../services/errors.ts";
import { adviseConsultation, assessRequest, getMeeting, type MeetingView, moveAgendaItem, recordAttendance, setMeetingStatus } from "../../../services/meetings.ts";
import { adviceSchema, assessmentSchema, attendanceSchema } from "../../../services/schemas/meeting.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { AgendaItem, type ItemFeedback } from "../../components/meetings/AgendaItem.tsx";
import { MeetingStatusTag } from "../../components/meetings/status.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/meeting";

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData?.meeting ? pageTitle(matches, "meetings.view.titleFor", { date: loaderData.meeting.date }) : pageTitle(matches, "meetings.view.title");

const PAGE_DONE = ["created", "attendance", "status", "moved"] as const;
const ITEM_DONE = ["assessed", "advised"] as const;
const DIRECTIONS = ["up", "down", "next"] as const;
const STATUSES = ["held", "cancelled", "planned"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const meeting = await orResponse(getMeeting(ctx, params.meetingId));
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  return {
    meeting,
    pageDone: PAGE_DONE.find((d) => d === done) ?? null,
    itemDone: ITEM_DONE.find((d) => d === done) ? { done: ITEM_DONE.find((d) => d === done)!, itemId: url.searchParams.get("item") ?? "" } : null,
  };
}

type ActionData =
  | { intent: "attendance"; result: SubmissionResult<string[]> }
  | { intent: "assess" | "advise"; itemId: string; result: SubmissionResult<string[]> }
  | { intent: "move" | "status"; itemId: string | null; formErrors: string[] };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.meetingId;
  const intent = formData.get("intent");
  const itemId = String(formData.get("itemId") ?? "");
  const back = (query: string, hash = "") => redirect(`/meetings/${id}?${query}${hash}`);
  switch (intent) {
    case "attendance": {
      const result = await formAction(formData, attendanceSchema, async (value) => {
        await recordAttendance(ctx, id, value);
        return back("done=attendance", "#meeting-attendance");
      });
      return result instanceof Response ? result : { intent, result };
    }
    case "assess": {
      const result = await formAction(formData, assessmentSchema, async (value) => {
        await assessRequest(ctx, itemId, value);
        return back(`done=assessed&item=${encodeURIComponent(itemId)}`, `#item-${itemId}`);
      });
      return result instanceof Response ? result : { intent, itemId, result };
    }
    case "advise": {
      const result = await formAction(formData, adviceSchema, async (value) => {
        await adviseConsultation(ctx, itemId, value);
        return back(`done=advised&item=${encodeURIComponent(itemId)}`, `#item-${itemId}`);
      });
      return result instanceof Response ? result : { intent, itemId, result };
    }
    case "move":
    case "status": {
      try {
        if (intent === "move") {
          const direction = DIRECTIONS.find((d) => d === formData.get("direction"));
          if (!direction) return { intent, itemId, formErrors: ["errors.invalid"] };
          await moveAgendaItem(ctx, itemId, direction);
          return back("done=moved", "#meeting-agenda");
        }
        const status = STATUSES.find((s) => s === formData.get("status"));
        if (!status) return { intent, itemId: null, formErrors: ["errors.invalid"] };
        await setMeetingStatus(ctx, id, status);
        return back("done=status");
      } catch (error) {
        if (error instanceof ValidationError) return { intent, itemId: intent === "move" ? itemId : null, formErrors: error.formErrors };
        rethrowAsResponse(error);
      }
    }
  }
  return { intent: "status", itemId: null, formErrors: ["errors.invalid"] };
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { meeting, pageDone, itemDone } = loaderData;
  const data = actionData as ActionData | undefined;
  const feedbackFor = (itemId: string): ItemFeedback => ({
    result: data && (data.intent === "assess" || data.intent === "advise") && data.itemId === itemId ? data.result : null,
    formErrors: data && data.intent === "move" && data.itemId === itemId ? data.formErrors : [],
    done: !data && itemDone?.itemId === itemId ? itemDone.done : null,
  });
  return (
    <VStack gap="space-32">
      {pageDone && !data ? <Alert variant="success">{t(`meetings.done.${pageDone}`)}</Alert> : null}
      <div>
        <BackLink to="/meetings">{t("meetings.list.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("meetings.view.titleFor", { date: t.date(meeting.date, "long") })}
        </Heading>
        <VStack gap="space-8">
          <BodyShort>
            {meeting.programName} · {t("meetings.time", { start: meeting.startTime, end: meeting.endTime })} · {meeting.location || t("meetings.noPlace")}
          </BodyShort>
          <div>
            <MeetingStatusTag t={t} status={meeting.status} />
          </div>
          <BodyShort>
            {/* A file, not a page: a plain link so that the browser downloads it. */}
            <AkselLink href={`/meetings/${meeting.id}/minutes.pdf`}>
              {t("meetings.view.minutes")}
            </AkselLink>
          </BodyShort>
        </VStack>
      </div>

      <AttendanceSection meeting={meeting} lastResult={data?.intent === "attendance" ? data.result : null} />

      <section aria-labelledby="meeting-agenda" id="meeting-agenda-section">
        <Heading level="2" size="medium" id="meeting-agenda" spacing tabIndex={-1}>
          {t("meetings.view.agenda")}
        </Heading>
        {meeting.agenda.length === 0 ? (
          <BodyShort>{t("meetings.view.agendaEmpty")}</BodyShort>
        ) : (
          <>
            <BodyShort spacing>{t.plural("meetings.view.agendaCount", meeting.agenda.length)}</BodyShort>
            <VStack as="ol" gap="space-16" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {meeting.agenda.map((item, index) => (
                <AgendaItem key={item.id} item={item} number={index + 1} count={meeting.agenda.length} meeting={meeting} feedback={feedbackFor(item.id)} />
              ))}
            </VStack>
          </>
        )}
      </section>

      {meeting.permissions.manage ? <StatusSection meeting={meeting} formErrors={data?.intent === "status" ? data.formErrors : []} /> : null}
    </VStack>
  );
}

function AttendanceSection({ meeting, lastResult }: { meeting: MeetingView; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(attendanceSchema, lastResult);
  const recorded = meeting.attendance.some((m) => m.present !== null);
  const present = meeting.attendance.filter((m) => m.present === true);
  const absent = meeting.attendance.filter((m) => m.present === false);
  const canRecord = meeting.permissions.decide && meeting.status !== "cancelled" && meeting.attendance.length > 0;
  return (
    <section aria-labelledby="meeting-attendance">
      <Heading level="2" size="medium" id="meeting-attendance" spacing tabIndex={-1}>
        {t("meetings.attendance.heading")}
      </Heading>
      {meeting.attendance.length === 0 ? <BodyShort>{t("meetings.attendance.noMembers")}</BodyShort> : null}
      {!canRecord && meeting.attendance.length > 0 ? (
        recorded ? (
          <dl className="details-list">
            <dt>{t("meetings.attendance.present")}</dt>
            <dd>{present.length ? present.map((m) => `${m.name} (${m.authority})`).join(", ") : t("meetings.attendance.nobody")}</dd>
            <dt>{t("meetings.attendance.absent")}</dt>
            <dd>{absent.length ? absent.map((m) => `${m.name} (${m.authority})`).join(", ") : t("meetings.attendance.nobody")}</dd>
          </dl>
        ) : (
          <BodyShort>{t("meetings.attendance.notRecorded")}</BodyShort>
        )
      ) : null}
      {canRecord ? (
        <div className="form-narrow">
          <BodyShort spacing>{recorded ? t("meetings.attendance.recorded", { count: present.length, total: meeting.attendance.length }) : t("meetings.attendance.notRecorded")}</BodyShort>
          <FormErrorSummary form={form} fields={{ present: fields.present }} />
          <Form method="post" {...getFormProps(form)}>
            <CsrfField />
            <input type="hidden" name="intent" value="attendance" />
            <VStack gap="space-16">
              <CheckboxGroup
                id={fields.present.id}
                legend={t("meetings.attendance.legend")}
                description={t("meetings.attendance.help")}
                error={fieldError(fields.present)}
                defaultValue={present.map((m) => m.userId)}
              >
                {meeting.attendance.map((m) => (
                  <Checkbox key={m.userId} name={fields.present.name} value={m.userId} description={m.authority || undefined}>
                    {m.name}
                  </Checkbox>
                ))}
              </CheckboxGroup>
              <div>
                <Button type="submit" variant="secondary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "attendance"}>
                  {t("meetings.attendance.submit")}
                </Button>
              </div>
            </VStack>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

function StatusSection({ meeting, formErrors }: { meeting: MeetingView; formErrors: string[] }) {
  const t = useT();
  return (
    <section aria-labelledby="meeting-status" className="form-narrow">
      <Heading level="2" size="medium" id="meeting-status" spacing>
        {t("meetings.statusForm.heading")}
      </Heading>
      {formErrors.length ? (
        <Alert variant="error" className="spelplan-error-summary">
          {formErrors.map((m) => t(m)).join(" ")}
        </Alert>
      ) : null}
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="status" />
        {meeting.status === "planned" ? (
          <VStack gap="space-16">
            <BodyShort>{t("meetings.statusForm.help")}</BodyShort>
            <HStack gap="space-16" wrap>
              <Button type="submit" name="status" value="held">
                {t("meetings.statusForm.held")}
              </Button>
              <Button type="submit" name="status" value="cancelled" variant="secondary">
                {t("meetings.statusForm.cancel")}
              </Button>
            </HStack>
          </VStack>
        ) : (
          <VStack gap="space-16">
            <BodyShort>{t(meeting.status === "held" ? "meetings.statusForm.isHeld" : "meetings.statusForm.isCancelled")}</BodyShort>
            <div>
              <Button type="submit" name="status" value="planned" variant="secondary">
                {t("meetings.statusForm.reopen")}
              </Button>
            </div>
          </VStack>
        )}
      </Form>
    </section>
  );
}
