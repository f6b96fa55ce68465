import { Alert, BodyShort, Button, ErrorSummary, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import { Form, Link, redirect } from "react-router";
import { getConsultation, withdrawConsultation } from "../../../services/consultations.ts";
import { ValidationError } from "../../../services/errors.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { anonymousLabel, ConsultationStatusTag } from "../../components/meetings/status.tsx";
import { MultilineText } from "../../components/requests/RequestStatus.tsx";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/consultation";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "consultations.view.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getConsultation(ctx, params.consultationId));
  return { view, created: new URL(request.url).searchParams.has("created") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  if (formData.get("intent") !== "withdraw") return { formErrors: ["errors.invalid"] };
  try {
    await withdrawConsultation(ctx, params.consultationId);
  } catch (error) {
    if (error instanceof ValidationError) return { formErrors: error.formErrors };
    rethrowAsResponse(error);
  }
  return redirect("/consultations?withdrawn=1");
}

export default function ConsultationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, created } = loaderData;
  const answered = view.status === "answered";
  return (
    <VStack gap="space-32">
      {created && !actionData ? <Alert variant="success">{t("consultations.done.created")}</Alert> : null}
      <div>
        <BackLink to="/consultations">{t("consultations.list.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("consultations.view.titleAbout", { about: anonymousLabel(t, view) })}
        </Heading>
        <BodyShort>{view.programName}</BodyShort>
      </div>
      {actionData?.formErrors.length ? <WithdrawErrors messages={actionData.formErrors} /> : null}

      <section aria-labelledby="consultation-status">
        <Alert variant={answered ? "success" : "info"}>
          <Heading level="2" size="small" id="consultation-status" spacing>
            {t("consultations.view.statusHeading")} <ConsultationStatusTag t={t} consultation={view} />
          </Heading>
          <BodyShort>
            {view.status === "submitted"
              ? view.meetingDate
                ? t("consultations.view.waitingFor", { date: t.date(view.meetingDate, "long") })
                : t("consultations.view.waiting")
              : view.status === "answered"
                ? t("consultations.view.answered", { date: view.answeredAt ? t.date(new Date(view.answeredAt)) : "" })
                : t("consultations.view.withdrawn")}
          </BodyShort>
        </Alert>
      </section>

      {answered ? (
        <section aria-labelledby="consultation-advice">
          <Heading level="2" size="medium" id="consultation-advice" spacing>
            {t("consultations.view.advice")}
          </Heading>
          <MultilineText text={view.advice} empty="" />
        </section>
      ) : null}

      <section aria-labelledby="consultation-case">
        <Heading level="2" size="medium" id="consultation-case" spacing>
          {view.mine ? t("consultations.view.caseHeading") : t("consultations.view.caseHeadingOther")}
        </Heading>
        <dl className="details-list">
          <dt>{t("consultations.field.ageBand")}</dt>
          <dd>{t(`ageBand.${view.ageBand}`)}</dd>
          <dt>{t("consultations.field.sex")}</dt>
          <dd>{t(`sex.${view.sex}`)}</dd>
          <dt>{t("consultations.field.situation")}</dt>
          <dd>
            <MultilineText text={view.situation} empty="" />
          </dd>
          <dt>{t("meetings.item.question")}</dt>
          <dd>
            <MultilineText text={view.question} empty="" />
          </dd>
          <dt>{t("consultations.view.sentBy")}</dt>
          <dd>{view.authority ? `${view.author} (${view.authority})` : view.author}</dd>
          <dt>{t("consultations.list.sent")}</dt>
          <dd>{t.date(new Date(view.createdAt))}</dd>
          {view.meetingId && view.meetingDate ? (
            <>
              <dt>{t("consultations.view.meeting")}</dt>
              <dd>
                <AkselLink as={Link} to={`/meetings/${view.meetingId}`}>
                  {t("consultations.view.meetingLink", { date: t.date(view.meetingDate, "long") })}
                </AkselLink>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {view.canWithdraw ? (
        <section aria-labelledby="consultation-withdraw" className="form-narrow">
          <Heading level="2" size="medium" id="consultation-withdraw" spacing>
            {t("consultations.withdraw.heading")}
          </Heading>
          <BodyShort spacing>{t("consultations.withdraw.help")}</BodyShort>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="withdraw" />
            <Button type="submit" variant="danger">
              {t("consultations.withdraw.submit")}
            </Button>
          </Form>
        </section>
      ) : null}
    </VStack>
  );
}

function WithdrawErrors({ messages }: { messages: string[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [messages]);
  return (
    <ErrorSummary ref={ref} heading={t("consultations.withdraw.failed")} className="spelplan-error-summary">
      {messages.map((m) => (
        <ErrorSummary.Item key={m} href="#consultation-status">
          {t(m)}
        </ErrorSummary.Item>
      ))}
    </ErrorSummary>
  );
}
