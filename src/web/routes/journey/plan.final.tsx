import { getFormProps } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { getPlan, startFinalPlan } from "../../../services/plans.ts";
import { finalPlanSchema } from "../../../services/schemas/plans.ts";
import { TextArea } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { participantLabel, planPath } from "../../components/plan/labels.ts";
import { PlanContentView } from "../../components/plan/PlanContentView.tsx";
import { PlanPageHeader } from "../../components/plan/PlanHistory.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/plan.final";

// The plan for the future, written for the exit: the plan as it stands with recommendations. The exit can
// be recorded as "according to plan" only when the participant has accepted its newest version.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "plan.final.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return orResponse(getPlan(ctx, params.enrolmentId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.enrolmentId;
  const result = await formAction(formData, finalPlanSchema, async (value) => {
    const saved = await startFinalPlan(ctx, id, value);
    return redirect(planPath(id, saved.changed ? `?final=${saved.version}` : "?unchanged=1"));
  });
  return result instanceof Response ? result : { result };
}

export default function PlanFinalPage({ loaderData: view, actionData }: Route.ComponentProps) {
  const t = useT();
  const current = view.current;
  const isFinal = current?.stage === "final";
  const id = view.header.enrolmentId;
  const [form, fields] = useSpelForm(finalPlanSchema, actionData?.result, { recommendations: current?.content.recommendations ?? "" });
  return (
    <VStack gap="space-32">
      <PlanPageHeader header={view.header} back="plan" title={t("plan.final.title", { name: participantLabel(view.header) })}>
        <BodyShort>{t("plan.final.intro")}</BodyShort>
      </PlanPageHeader>

      {isFinal ? (
        <VStack gap="space-16" align="start">
          <BodyShort>{t("plan.final.isFinal", { version: current.version })}</BodyShort>
          {view.acceptedFinal ? (
            <Alert variant="success" data-testid="final-ready">
              {t("plan.final.ready", { date: t.date(view.acceptedFinal.acceptedOn, "long") })}
            </Alert>
          ) : (
            <Alert variant="warning" data-testid="final-not-ready">
              {t("plan.final.notReady")}
            </Alert>
          )}
          <HStack gap="space-16" wrap>
            {view.canManage && !view.acceptedFinal ? (
              <LinkButton to={planPath(id, "/accept")} variant="secondary">
                {t("plan.view.acceptance.record")}
              </LinkButton>
            ) : null}
          </HStack>
          <BodyShort>
            <AkselLink href={`/enrolments/${id}/plan.pdf?version=${current.version}`} download>
              {t("plan.view.print")}
            </AkselLink>
          </BodyShort>
        </VStack>
      ) : null}

      {view.canManage ? (
        <section aria-labelledby="final-form" className="form-narrow">
          <Heading level="2" size="medium" id="final-form" spacing>
            {t("plan.final.formHeading")}
          </Heading>
          <FormErrorSummary form={form} fields={{ recommendations: fields.recommendations }} />
          <Form method="post" {...getFormProps(form)}>
            <CsrfField />
            <input type="hidden" name="baseVersion" value={current?.version ?? 0} />
            <VStack gap="space-16">
              <TextArea field={fields.recommendations} label={t("plan.final.recommendations")} description={t("plan.final.recommendationsHelp")} minRows={6} />
              <div>
                <Button type="submit">{isFinal ? t("plan.final.save") : t("plan.final.start")}</Button>
              </div>
            </VStack>
          </Form>
        </section>
      ) : null}

      {current ? (
        <section aria-labelledby="final-plan">
          <Heading level="2" size="medium" id="final-plan" spacing>
            {t("plan.final.planHeading")}
          </Heading>
          <VStack gap="space-16">
            <BodyShort>{t("plan.view.current", { version: current.version, time: t.dateTime(new Date(current.createdAt)), name: current.authorName })}</BodyShort>
            <PlanContentView content={current.content} authorities={view.authorities} today={view.today} idPrefix="final" />
          </VStack>
        </section>
      ) : null}
    </VStack>
  );
}
