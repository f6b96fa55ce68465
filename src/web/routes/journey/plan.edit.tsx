import { BodyShort, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { planEditForm, savePlan } from "../../../services/plans.ts";
import { planSchema } from "../../../services/schemas/plans.ts";
import { participantLabel, planPath } from "../../components/plan/labels.ts";
import { PlanForm, planFormDefaults } from "../../components/plan/PlanForm.tsx";
import { PlanPageHeader } from "../../components/plan/PlanHistory.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/plan.edit";

// Writing and changing the plan. "Lägg till" and "Ta bort" change the form's lists without saving;
// "Spara" makes a new version (or none, when nothing changed).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "plan.edit.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const form = await orResponse(planEditForm(ctx, params.enrolmentId));
  return { ...form, defaultValue: planFormDefaults(form.content, form.baseVersion) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.enrolmentId;
  const result = await formAction(formData, planSchema, async (value) => {
    const saved = await savePlan(ctx, id, value);
    return redirect(planPath(id, saved.changed ? `?saved=${saved.version}` : "?unchanged=1"));
  });
  return result instanceof Response ? result : { result };
}

export default function PlanEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { header, content, baseVersion, stage, authorities, defaultValue } = loaderData;
  const name = participantLabel(header);
  return (
    <VStack gap="space-24">
      <PlanPageHeader header={header} back="plan" title={baseVersion === 0 ? t("plan.edit.titleNew", { name }) : t("plan.edit.title", { name })}>
        <VStack gap="space-8">
          <BodyShort>{t("plan.edit.intro")}</BodyShort>
          {baseVersion > 0 ? <BodyShort size="small">{t("plan.edit.basedOn", { version: baseVersion })}</BodyShort> : null}
        </VStack>
      </PlanPageHeader>
      <PlanForm
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        authorities={authorities}
        showRecommendations={stage === "final" || content.recommendations !== ""}
        cancelTo={planPath(header.enrolmentId)}
      />
    </VStack>
  );
}
