import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, ErrorSummary, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { Fragment, useEffect, useRef } from "react";
import { Form, Link, redirect } from "react-router";
import { ValidationError } from "../../../services/errors.ts";
import { getRequest, type RequestView, submitRequest, withdrawRequest } from "../../../services/requests.ts";
import { withdrawSchema } from "../../../services/schemas/request.ts";
import { TextArea } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { DRAFT_SECTION } from "../../components/requests/RequestDraftForm.tsx";
import { MultilineText, personLabel } from "../../components/requests/RequestStatus.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { Route } from "./+types/request";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "requests.view.title");

const DONE = ["saved", "submitted", "withdrawn", "consentSaved"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getRequest(ctx, params.requestId));
  const url = new URL(request.url);
  return { view, done: DONE.find((d) => url.searchParams.has(d)) ?? null };
}

type ActionData =
  | { intent: "submit"; missing: string[]; formErrors: string[] }
  | { intent: "withdraw"; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.requestId;
  const intent = formData.get("intent");
  if (intent === "withdraw") {
    const result = await formAction(formData, withdrawSchema, async (value) => {
      await withdrawRequest(ctx, id, value);
      return redirect(`/requests/${id}?withdrawn=1`);
    });
    return result instanceof Response ? result : { intent: "withdraw", result };
  }
  if (intent !== "submit") return { intent: "submit", missing: [], formErrors: ["errors.invalid"] };
  try {
    await submitRequest(ctx, id);
    return redirect(`/requests/${id}?submitted=1`);
  } catch (error) {
    // What is missing belongs to the edit page and the consent page: listed here with links to them.
    if (error instanceof ValidationError) return { intent: "submit", missing: Object.keys(error.fieldErrors), formErrors: error.formErrors };
    rethrowAsResponse(error);
  }
}

function statusVariant(view: RequestView): "info" | "success" | "warning" {
  if (view.status === "decided") return view.decision === "accepted" ? "success" : "warning";
  return "info";
}

function StatusPanel({ view, t }: { view: RequestView; t: Translator }) {
  const day = (d: Date | null) => (d ? t.date(new Date(d)) : "");
  let body: string;
  switch (view.status) {
    case "draft":
      body = t("requests.view.status.draft");
      break;
    case "submitted":
      body = view.meeting
        ? t("requests.view.status.submittedMeeting", { sent: day(view.submittedAt), date: t.date(view.meeting.date, "long") })
        : t("requests.view.status.submittedWaiting", { sent: day(view.submittedAt) });
      break;
    case "decided":
      body =
        view.decision === "accepted"
          ? t("requests.view.status.accepted", { date: day(view.decidedAt) })
          : view.decision === "not_ready"
            ? t("requests.view.status.notReady", { date: day(view.decidedAt) })
            : t("requests.view.status.decided", { date: day(view.decidedAt) });
      break;
    case "withdrawn":
      body = t("requests.view.status.withdrawn", { date: day(view.withdrawnAt) });
      break;
  }
  return (
    <section aria-labelledby="request-status">
      <Alert variant={statusVariant(view)}>
        <Heading level="2" size="small" id="request-status" spacing>
          {t("requests.view.statusHeading", { status: t(`requestStatus.${view.status}`) })}
        </Heading>
        <VStack gap="space-8">
          <BodyShort>{body}</BodyShort>
          {view.place ? <BodyShort>{t("requests.view.place", { place: t(`place.${view.place}`) })}</BodyShort> : null}
          {view.enrolment ? (
            <BodyShort>
              {t("requests.view.enrolled", {
                start: t.date(view.enrolment.startDate, "long"),
                coordinator: view.enrolment.coordinatorName,
                end: t.date(view.enrolment.plannedEndDate, "long"),
              })}
            </BodyShort>
          ) : null}
          {view.enrolment?.firstMeetingDate ? (
            <BodyShort>
              {t("requests.view.firstMeeting", {
                date: t.date(view.enrolment.firstMeetingDate, "long"),
                time: view.enrolment.firstMeetingTime ?? "",
                place: view.enrolment.firstMeetingPlace ? `, ${view.enrolment.firstMeetingPlace}` : "",
              })}
            </BodyShort>
          ) : null}
          {view.recommendation ? (
            <div>
              <Heading level="3" size="xsmall">
                {t("requests.view.recommendation")}
              </Heading>
              <MultilineText text={view.recommendation} empty="" />
            </div>
          ) : null}
          {view.withdrawalReason ? <BodyShort>{t("requests.view.withdrawalReason", { reason: view.withdrawalReason })}</BodyShort> : null}
        </VStack>
      </Alert>
    </section>
  );
}

function SubmitErrors({ id, data, canRecordConsent }: { id: string; data: Extract<ActionData, { intent: "submit" }>; canRecordConsent: boolean }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [data]);
  const consentKeys = new Set(["request.errors.consentMissing", "request.errors.consentNotReferrer"]);
  return (
    <ErrorSummary ref={ref} heading={t("requests.view.cannotSend")} className="spelplan-error-summary">
      {data.missing.map((field) => (
        <ErrorSummary.Item key={field} href={`/requests/${id}/edit?check=1#${DRAFT_SECTION[field] ?? ""}`}>
          {field in DRAFT_SECTION ? t(`requests.missing.${field}`) : t("requests.missing.other")}
        </ErrorSummary.Item>
      ))}
      {data.formErrors.map((message) => (
        <ErrorSummary.Item key={message} href={consentKeys.has(message) && canRecordConsent ? `/requests/${id}/consent` : "#request-consent"}>
          {t(message)}
        </ErrorSummary.Item>
      ))}
    </ErrorSummary>
  );
}

export default function RequestPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, done } = loaderData;
  const data = actionData as ActionData | undefined;
  const submitErrors = data?.intent === "submit" && (data.missing.length > 0 || data.formErrors.length > 0) ? data : null;
  const title = view.person ? t("requests.view.titleFor", { person: personLabel(t, view.person) }) : t("requests.view.title");
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`requests.view.done.${done}`)}</Alert> : null}
      <div>
        <BodyShort>
          <AkselLink as={Link} to="/requests">
            {t("requests.list.title")}
          </AkselLink>
        </BodyShort>
        <Heading level="1" size="large" spacing>
          {title}
        </Heading>
        <BodyShort>{view.programName}</BodyShort>
      </div>
      {submitErrors ? <SubmitErrors id={view.id} data={submitErrors} canRecordConsent={view.permissions.recordConsent} /> : null}
      <StatusPanel view={view} t={t} />

      <section aria-labelledby="request-who">
        <Heading level="2" size="medium" id="request-who" spacing>
          {t("requests.view.whoHeading")}
        </Heading>
        <dl className="details-list">
          <dt>{t("requests.view.person")}</dt>
          <dd>
            {view.person ? (
              <AkselLink as={Link} to={`/people/${view.person.id}`}>
                {personLabel(t, view.person)}
              </AkselLink>
            ) : (
              <BodyShort as="span" textColor="subtle">
                {t("requests.view.personHidden")}
              </BodyShort>
            )}
          </dd>
          {view.person ? (
            <>
              <dt>{view.person.masked ? t("person.birthYear") : t("person.birthDate")}</dt>
              <dd>{t.date(view.person.birthDate)}</dd>
            </>
          ) : null}
          <dt>{t("requests.view.author")}</dt>
          <dd>{view.author.name}</dd>
          <dt>{t("requests.view.authority")}</dt>
          <dd>{view.referringAuthority.name}</dd>
          <dt>{t("requests.view.created")}</dt>
          <dd>{t.date(new Date(view.createdAt))}</dd>
        </dl>
      </section>

      {view.content === null ? (
        <Alert variant="info">{view.consent.status === "withdrawn" ? t("requests.view.contentWithdrawn") : t("requests.view.contentHidden")}</Alert>
      ) : null}

      {view.eligibility ? <EligibilitySection eligibility={view.eligibility} /> : null}
      {view.content ? <ContentSection content={view.content} /> : null}
      <ConsentSection view={view} />
      <ActionsSection view={view} data={data} />
    </VStack>
  );
}

function EligibilitySection({ eligibility }: { eligibility: NonNullable<RequestView["eligibility"]> }) {
  const t = useT();
  const variant = { met: "success", not_met: "warning", unknown: "neutral" } as const;
  return (
    <section aria-labelledby="request-eligibility">
      <Heading level="2" size="medium" id="request-eligibility" spacing>
        {t("requests.view.eligibilityHeading")}
      </Heading>
      <BodyShort spacing>{t("eligibility.guidance")}</BodyShort>
      <ul>
        {eligibility.checks.map((c) => (
          <li key={c.check}>
            {t(`eligibility.${c.check}`)}:{" "}
            <Tag variant={variant[c.result]} size="small">
              {t(`eligibility.${c.result}`)}
            </Tag>
          </li>
        ))}
      </ul>
      {eligibility.age !== null ? (
        <BodyShort>
          {t("requests.view.age", {
            age: eligibility.age,
            priority: eligibility.priority === 1 ? t("eligibility.priority1") : eligibility.priority === 2 ? t("eligibility.priority2") : t("eligibility.outside"),
          })}
        </BodyShort>
      ) : null}
    </section>
  );
}

function ContentSection({ content }: { content: NonNullable<RequestView["content"]> }) {
  const t = useT();
  const empty = t("requests.view.empty");
  const yesNo = (v: boolean) => (v ? t("answer.yes") : t("answer.no"));
  const texts = [
    ["situation", content.situation],
    ["triedBefore", content.triedBefore],
    ["whyNotEnough", content.whyNotEnough],
    ["goals", content.goals],
    ["motivation", content.motivation],
    ["health", content.health],
    ["obstacles", content.obstacles],
  ] as const;
  return (
    <section aria-labelledby="request-content">
      <Heading level="2" size="medium" id="request-content" spacing>
        {t("requests.view.contentHeading")}
      </Heading>
      <VStack gap="space-24">
        <dl className="details-list">
          <dt>{t("requests.field.incomeSource")}</dt>
          <dd>
            {content.incomeSource ? t(`incomeSource.${content.incomeSource}`) : <MultilineText text="" empty={empty} />}
            {content.incomeSource === "other" && content.incomeSourceOther ? `: ${content.incomeSourceOther}` : ""}
          </dd>
          <dt>{t("requests.field.activeAt")}</dt>
          <dd>
            {content.activeAt.length === 0 ? (
              <MultilineText text="" empty={empty} />
            ) : (
              <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
                {content.activeAt.map((a) => (
                  <li key={a.authorityId}>
                    {a.authorityName}
                    {a.contactName || a.contactDetails ? ` – ${[a.contactName, a.contactDetails].filter(Boolean).join(", ")}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {texts.map(([key, text]) => (
            <Fragment key={key}>
              <dt>{t(`requests.field.${key}`)}</dt>
              <dd>
                <MultilineText text={text} empty={empty} />
              </dd>
            </Fragment>
          ))}
          <dt>{t("requests.field.needsTravel")}</dt>
          <dd>{yesNo(content.needsTravel)}</dd>
          <dt>{t("requests.field.needsInterpreter")}</dt>
          <dd>{content.needsInterpreter ? t("requests.view.interpreterLanguage", { language: content.interpreterLanguage || "–" }) : t("answer.no")}</dd>
          <dt>{t("requests.field.accessibilityNeeds")}</dt>
          <dd>
            <MultilineText text={content.accessibilityNeeds} empty={empty} />
          </dd>
          <dt>{t("requests.field.otherNeeds")}</dt>
          <dd>
            <MultilineText text={content.otherNeeds} empty={empty} />
          </dd>
        </dl>
      </VStack>
    </section>
  );
}

function ConsentSection({ view }: { view: RequestView }) {
  const t = useT();
  const c = view.consent;
  return (
    <section aria-labelledby="request-consent">
      <Heading level="2" size="medium" id="request-consent" spacing>
        {t("requests.view.consentHeading")}
      </Heading>
      <VStack gap="space-16">
        <dl className="details-list">
          <dt>{t("requests.consent.status")}</dt>
          <dd>
            <Tag variant={c.status === "given" ? "success" : c.status === "none" ? "neutral" : "warning"} size="small">
              {t(`consentStatus.${c.status}`)}
            </Tag>
          </dd>
          {c.givenOn ? (
            <>
              <dt>{t("requests.consent.givenOn")}</dt>
              <dd>{t.date(c.givenOn)}</dd>
            </>
          ) : null}
          {c.validUntil ? (
            <>
              <dt>{t("requests.consent.validUntil")}</dt>
              <dd>{t.date(c.validUntil)}</dd>
            </>
          ) : null}
          {c.authorities.length > 0 ? (
            <>
              <dt>{t("requests.consent.authorities")}</dt>
              <dd>{c.authorities.join(", ")}</dd>
            </>
          ) : null}
        </dl>
        {c.status === "none" ? <BodyShort>{t("requests.view.consentNeeded")}</BodyShort> : null}
        {/* The consent form needs the person: someone who may no longer see them cannot use it. */}
        {view.permissions.recordConsent && view.person ? (
          <div>
            <LinkButton to={`/requests/${view.id}/consent`} variant={c.status === "given" ? "secondary" : "primary"}>
              {c.status === "none" ? t("requests.view.recordConsent") : t("requests.view.recordNewConsent")}
            </LinkButton>
          </div>
        ) : null}
      </VStack>
    </section>
  );
}

function ActionsSection({ view, data }: { view: RequestView; data: ActionData | undefined }) {
  const t = useT();
  const { edit, submit, withdraw } = view.permissions;
  const canSend = submit && view.status === "draft";
  if (!edit && !canSend && !withdraw) return null;
  return (
    <section aria-labelledby="request-actions">
      <Heading level="2" size="medium" id="request-actions" spacing>
        {t("requests.view.actionsHeading")}
      </Heading>
      <VStack gap="space-24">
        {canSend ? (
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="submit" />
            <VStack gap="space-8">
              <BodyShort>{t("requests.view.sendHelp")}</BodyShort>
              <HStack gap="space-16">
                <Button type="submit">{t("requests.view.send")}</Button>
                {edit ? (
                  <LinkButton to={`/requests/${view.id}/edit`} variant="secondary">
                    {t("requests.view.edit")}
                  </LinkButton>
                ) : null}
              </HStack>
            </VStack>
          </Form>
        ) : edit ? (
          <div>
            <LinkButton to={`/requests/${view.id}/edit`} variant="secondary">
              {t("requests.view.edit")}
            </LinkButton>
          </div>
        ) : null}
        {withdraw ? <WithdrawForm lastResult={data?.intent === "withdraw" ? data.result : null} /> : null}
      </VStack>
    </section>
  );
}

function WithdrawForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(withdrawSchema, lastResult);
  return (
    <div className="form-narrow">
      <Heading level="3" size="small" spacing>
        {t("requests.withdraw.heading")}
      </Heading>
      <BodyShort spacing>{t("requests.withdraw.help")}</BodyShort>
      <FormErrorSummary form={form} fields={{ reason: fields.reason }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="withdraw" />
        <VStack gap="space-16">
          <TextArea field={fields.reason} label={t("requests.withdraw.reason")} description={t("requests.withdraw.reasonHelp")} minRows={2} />
          <div>
            <Button type="submit" variant="danger">
              {t("requests.withdraw.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}
