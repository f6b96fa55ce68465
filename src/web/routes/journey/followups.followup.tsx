import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { cancelFollowUp, followUpPage, holdFollowUp } from "../../../services/followups.ts";
import { followUpCancelSchema, followUpHoldSchema } from "../../../services/schemas/exits.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { CancelFollowUpForm, HoldFollowUpForm } from "../../components/exits/FollowUpForms.tsx";
import { attendeeList, participantLabel } from "../../components/exits/labels.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/followups.followup";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "followUp.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { page: await orResponse(followUpPage(ctx, params.enrolmentId, params.followUpId)) };
}

type ActionData = { intent: "hold" | "cancel"; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const list = `/enrolments/${params.enrolmentId}/follow-ups`;
  if (formData.get("intent") === "cancel") {
    const result = await formAction(formData, followUpCancelSchema, async (value) => {
      await cancelFollowUp(ctx, params.enrolmentId, params.followUpId, value);
      return redirect(`${list}?done=cancelled`);
    });
    return result instanceof Response ? result : { intent: "cancel", result };
  }
  const result = await formAction(formData, followUpHoldSchema, async (value) => {
    await holdFollowUp(ctx, params.enrolmentId, params.followUpId, value);
    return redirect(`${list}?done=held`);
  });
  return result instanceof Response ? result : { intent: "hold", result };
}

export default function FollowUpPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page } = loaderData;
  const data = actionData as ActionData | undefined;
  const { header, followUp: f } = page;
  const person = participantLabel(t, header);
  const when = f.plannedTime ? t("followUp.when", { date: t.date(f.plannedDate, "long"), time: f.plannedTime }) : t.date(f.plannedDate, "long");
  const open = f.status === "planned" && page.canManage;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/enrolments/${header.enrolmentId}/follow-ups`}>{t("followUp.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("followUp.title", { date: t.date(f.plannedDate, "long") })}
        </Heading>
        <BodyShort>
          {person} · {header.programName}
        </BodyShort>
      </div>

      <section aria-labelledby="follow-up-booking">
        <Heading level="2" size="medium" id="follow-up-booking" spacing>
          {t("followUp.booking")}
        </Heading>
        <dl className="details-list">
          <dt>{t("followUp.status")}</dt>
          <dd>{t(`followUp.status.${f.status}`)}</dd>
          <dt>{t("followUp.whenLabel")}</dt>
          <dd>{when}</dd>
          <dt>{t("followUps.col.place")}</dt>
          <dd>{f.place || t("followUps.noPlace")}</dd>
          <dt>{f.status === "held" ? t("followUps.held.who") : t("followUps.col.who")}</dt>
          <dd>{attendeeList(t, f.attendees)}</dd>
          {f.status === "planned" ? (
            <>
              <dt>{t("followUps.col.reminder")}</dt>
              <dd>{f.remindedAt ? t("followUps.reminded", { time: t.dateTime(new Date(f.remindedAt)) }) : t("followUps.notReminded")}</dd>
            </>
          ) : null}
          {f.status === "held" ? (
            <>
              <dt>{t("followUp.heldOn")}</dt>
              <dd>{t.date(f.heldOn!, "long")}</dd>
              <dt>{t("followUps.held.notes")}</dt>
              <dd>
                <BodyLong as="span" style={{ whiteSpace: "pre-wrap" }}>
                  {f.notes}
                </BodyLong>
              </dd>
            </>
          ) : null}
          {f.status === "cancelled" && f.notes ? (
            <>
              <dt>{t("followUp.cancelNote")}</dt>
              <dd>{f.notes}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {f.status === "cancelled" ? <Alert variant="info">{t("followUp.isCancelled")}</Alert> : null}

      {open ? (
        <>
          <section aria-labelledby="follow-up-hold">
            <Heading level="2" size="medium" id="follow-up-hold" spacing>
              {t("followUps.hold.heading")}
            </Heading>
            <HoldFollowUpForm
              lastResult={data?.intent === "hold" ? data.result : null}
              defaultDate={f.plannedDate <= page.today ? f.plannedDate : page.today}
              invited={page.invited}
              candidates={page.candidates}
              person={person}
            />
          </section>
          <section aria-labelledby="follow-up-cancel">
            <Heading level="2" size="medium" id="follow-up-cancel" spacing>
              {t("followUps.cancel.heading")}
            </Heading>
            <CancelFollowUpForm lastResult={data?.intent === "cancel" ? data.result : null} />
          </section>
        </>
      ) : null}
    </VStack>
  );
}
