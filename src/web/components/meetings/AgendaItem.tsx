import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Box, Button, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { Fragment } from "react";
import { Form, Link } from "react-router";
import { TEAM_QUESTIONS } from "../../../domain/intake.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { AgendaItemView, MeetingView } from "../../../services/meetings.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { MultilineText } from "../requests/RequestStatus.tsx";
import { AdviceForm, AssessmentForm } from "./AssessmentForms.tsx";
import { anonymousLabel } from "./status.tsx";

// One item on a meeting's agenda: a request (as much of it as the reader may see) or a consultation,
// with what the team recorded about it, the form to record it, and the buttons that move it.

export interface ItemFeedback {
  /** The last submit's result for this item's form, when it was this item's. */
  result: SubmissionResult<string[]> | null;
  /** Messages that belong to the item as a whole (e.g. "no later meeting is planned"). */
  formErrors: string[];
  /** Set right after this item was changed: what was done. */
  done: "assessed" | "advised" | null;
}

export function itemLabel(t: Translator, item: AgendaItemView, number: number): string {
  if (item.kind === "consultation" && item.consultation) {
    return t("meetings.item.consultationTitle", { number, about: anonymousLabel(t, item.consultation) });
  }
  if (item.hidden) return t("meetings.item.requestTitleHidden", { number });
  const who = item.personName ? `${item.personName} (${item.personReference ?? ""})` : t("requests.person.reference", { reference: item.personReference ?? "" });
  return t("meetings.item.requestTitle", { number, person: who });
}

/** Open: not dealt with yet at this meeting (what can still be decided, answered or moved on). */
export function isOpen(item: AgendaItemView): boolean {
  if (item.kind === "consultation") return item.consultation?.status === "submitted";
  return item.status === "submitted" && item.assessment === null;
}

function answerText(t: Translator, a: boolean | null): string {
  return a === true ? t("answer.yes") : a === false ? t("answer.no") : t("answer.unknown");
}

function ItemStatus({ item }: { item: AgendaItemView }) {
  const t = useT();
  if (item.kind === "consultation") {
    const status = item.consultation?.status ?? "submitted";
    return (
      <Tag size="small" variant={status === "answered" ? "success" : status === "withdrawn" ? "neutral" : "info"}>
        {t(`meetings.item.consultationStatus.${status}`)}
      </Tag>
    );
  }
  if (item.assessment) {
    const variant = item.assessment.outcome === "accept" ? "success" : item.assessment.outcome === "not_ready" ? "warning" : "info";
    return (
      <Tag size="small" variant={variant}>
        {t("meetings.item.decision", { outcome: t(`outcome.${item.assessment.outcome}`) })}
      </Tag>
    );
  }
  const key = item.status === "submitted" ? "open" : item.status === "withdrawn" ? "withdrawn" : "decidedElsewhere";
  return (
    <Tag size="small" variant={item.status === "submitted" ? "info" : "neutral"}>
      {t(`meetings.item.requestStatus.${key}`)}
    </Tag>
  );
}

export function AgendaItem({
  item,
  number,
  count,
  meeting,
  feedback,
}: {
  item: AgendaItemView;
  number: number;
  count: number;
  meeting: Pick<MeetingView, "status" | "permissions" | "nextMeeting">;
  feedback: ItemFeedback;
}) {
  const t = useT();
  const label = itemLabel(t, item, number);
  const headingId = `item-${item.id}-heading`;
  const active = meeting.status !== "cancelled";
  return (
    <li id={`item-${item.id}`}>
      <Box as="article" aria-labelledby={headingId} padding="space-16" borderWidth="1" borderRadius="8" borderColor="neutral-subtle">
        <VStack gap="space-16">
          <HStack justify="space-between" align="center" gap="space-8" wrap>
            <Heading level="3" size="small" id={headingId}>
              {label}
            </Heading>
            <ItemStatus item={item} />
          </HStack>
          {feedback.done ? (
            <Alert variant="success" size="small" role="status">
              {t(`meetings.done.${feedback.done}`)}
            </Alert>
          ) : null}
          {feedback.formErrors.length ? (
            <Alert variant="error" size="small">
              {feedback.formErrors.map((m) => t(m)).join(" ")}
            </Alert>
          ) : null}
          {item.kind === "consultation" ? (
            <ConsultationBody item={item} label={label} canAdvise={meeting.permissions.decide && active} feedback={feedback} />
          ) : item.hidden ? (
            <BodyShort>{t("meetings.item.hidden")}</BodyShort>
          ) : (
            <RequestBody item={item} label={label} canAssess={meeting.permissions.decide && active} nextMeetingDate={meeting.nextMeeting?.date ?? null} feedback={feedback} />
          )}
          {meeting.permissions.manage && meeting.status === "planned" ? (
            <MoveForm item={item} label={label} first={number === 1} last={number === count} nextMeetingDate={isOpen(item) ? (meeting.nextMeeting?.date ?? null) : null} />
          ) : null}
        </VStack>
      </Box>
    </li>
  );
}

function RequestBody({
  item,
  label,
  canAssess,
  nextMeetingDate,
  feedback,
}: {
  item: AgendaItemView;
  label: string;
  canAssess: boolean;
  nextMeetingDate: string | null;
  feedback: ItemFeedback;
}) {
  const t = useT();
  const variant = { met: "success", not_met: "warning", unknown: "neutral" } as const;
  return (
    <VStack gap="space-16">
      <dl className="details-list">
        <dt>{t("meetings.item.person")}</dt>
        <dd>{item.personName ? `${item.personName} (${item.personReference ?? ""})` : t("requests.person.reference", { reference: item.personReference ?? "" })}</dd>
        <dt>{t("meetings.item.referrer")}</dt>
        <dd>{[item.referrer, item.authority].filter(Boolean).join(", ")}</dd>
      </dl>
      {item.requestId ? (
        <BodyShort>
          <AkselLink as={Link} to={`/requests/${item.requestId}`}>
            {t("meetings.item.openRequest")}
            <span className="visually-hidden">: {label}</span>
          </AkselLink>
        </BodyShort>
      ) : null}
      {item.eligibility ? (
        <div>
          <Heading level="4" size="xsmall" spacing>
            {t("meetings.item.eligibility")}
          </Heading>
          <BodyShort size="small" spacing>
            {t("eligibility.guidance")}
          </BodyShort>
          <ul>
            {item.eligibility.checks.map((c) => (
              <li key={c.check}>
                {t(`eligibility.${c.check}`)}:{" "}
                <Tag variant={variant[c.result]} size="xsmall">
                  {t(`eligibility.${c.result}`)}
                </Tag>
              </li>
            ))}
          </ul>
          {item.eligibility.age !== null ? (
            <BodyShort size="small">
              {t("requests.view.age", {
                age: item.eligibility.age,
                priority:
                  item.eligibility.priority === 1 ? t("eligibility.priority1") : item.eligibility.priority === 2 ? t("eligibility.priority2") : t("eligibility.outside"),
              })}
            </BodyShort>
          ) : null}
        </div>
      ) : null}
      {item.assessment ? (
        <RecordedAssessment assessment={item.assessment} label={label} />
      ) : item.status === "submitted" && canAssess ? (
        <AssessmentForm itemId={item.id} label={label} nextMeetingDate={nextMeetingDate} lastResult={feedback.result} />
      ) : item.status === "submitted" ? (
        <BodyShort>{t("meetings.item.notAssessed")}</BodyShort>
      ) : null}
    </VStack>
  );
}

function RecordedAssessment({ assessment, label }: { assessment: NonNullable<AgendaItemView["assessment"]>; label: string }) {
  const t = useT();
  const answers = [assessment.ownOptionsTried, assessment.ableWithSupport, assessment.wantsToTakePart];
  return (
    <section aria-label={t("meetings.item.assessmentFor", { item: label })}>
      <Heading level="4" size="xsmall" spacing>
        {t("meetings.item.assessment")}
      </Heading>
      <dl className="details-list">
        {TEAM_QUESTIONS.map((q, i) => (
          <Fragment key={q}>
            <dt>{t(`question.${q}`)}</dt>
            <dd>{answerText(t, answers[i] ?? null)}</dd>
          </Fragment>
        ))}
        <dt>{t("meetings.assess.outcome")}</dt>
        <dd>{t(`outcome.${assessment.outcome}`)}</dd>
        {assessment.outcome === "accept" ? (
          <>
            <dt>{t("meetings.item.place")}</dt>
            <dd>{assessment.place ? t(`place.${assessment.place}`) : t("meetings.item.placeNone")}</dd>
          </>
        ) : null}
        {assessment.recommendation ? (
          <>
            <dt>{t("meetings.assess.recommendation")}</dt>
            <dd>
              <MultilineText text={assessment.recommendation} empty="" />
            </dd>
          </>
        ) : null}
        {assessment.postponeReason ? (
          <>
            <dt>{t("meetings.assess.reason")}</dt>
            <dd>
              <MultilineText text={assessment.postponeReason} empty="" />
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function ConsultationBody({ item, label, canAdvise, feedback }: { item: AgendaItemView; label: string; canAdvise: boolean; feedback: ItemFeedback }) {
  const t = useT();
  const c = item.consultation!;
  return (
    <VStack gap="space-16">
      <dl className="details-list">
        <dt>{t("meetings.item.askedBy")}</dt>
        <dd>{[item.referrer, item.authority].filter(Boolean).join(", ")}</dd>
        <dt>{t("consultations.field.situation")}</dt>
        <dd>
          <MultilineText text={c.situation} empty="" />
        </dd>
        <dt>{t("meetings.item.question")}</dt>
        <dd>
          <MultilineText text={c.question} empty="" />
        </dd>
        {c.status === "answered" ? (
          <>
            <dt>{t("meetings.item.advice")}</dt>
            <dd>
              <MultilineText text={c.advice} empty="" />
            </dd>
          </>
        ) : null}
      </dl>
      {c.status === "submitted" && canAdvise ? <AdviceForm itemId={item.id} label={label} lastResult={feedback.result} /> : null}
      {c.status === "withdrawn" ? <BodyShort>{t("meetings.item.consultationWithdrawn")}</BodyShort> : null}
    </VStack>
  );
}

function MoveForm({ item, label, first, last, nextMeetingDate }: { item: AgendaItemView; label: string; first: boolean; last: boolean; nextMeetingDate: string | null }) {
  const t = useT();
  if (first && last && !nextMeetingDate) return null;
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="itemId" value={item.id} />
      <HStack gap="space-8" wrap>
        {!first ? (
          <Button type="submit" name="direction" value="up" variant="tertiary" size="small">
            {t("meetings.move.up")}
            <span className="visually-hidden">: {label}</span>
          </Button>
        ) : null}
        {!last ? (
          <Button type="submit" name="direction" value="down" variant="tertiary" size="small">
            {t("meetings.move.down")}
            <span className="visually-hidden">: {label}</span>
          </Button>
        ) : null}
        {nextMeetingDate ? (
          <Button type="submit" name="direction" value="next" variant="tertiary" size="small">
            {t("meetings.move.next", { date: t.date(nextMeetingDate) })}
            <span className="visually-hidden">: {label}</span>
          </Button>
        ) : null}
      </HStack>
    </Form>
  );
}
