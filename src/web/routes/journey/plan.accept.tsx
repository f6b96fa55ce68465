import { getFormProps } from "@conform-to/react";
import { BodyShort, Button, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { data, Form, redirect } from "react-router";
import { ACCEPTANCE_METHODS } from "../../../domain/plan.ts";
import { getPlan, recordAcceptance } from "../../../services/plans.ts";
import { acceptanceSchema } from "../../../services/schemas/plans.ts";
import { SelectInput, TextArea, TextInput } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { participantLabel, planPath } from "../../components/plan/labels.ts";
import { PlanPageHeader } from "../../components/plan/PlanHistory.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/plan.accept";

// Recording that the participant accepted a version of the plan: when and how.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "plan.accept.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getPlan(ctx, params.enrolmentId));
  if (!view.canManage) throw data({ reason: "forbidden" }, { status: 403 });
  return {
    header: view.header,
    versions: view.versions.map((v) => ({ version: v.version, createdAt: v.createdAt, accepted: v.acceptances.length > 0 })),
    current: view.current?.version ?? 0,
    today: view.today,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.enrolmentId;
  const result = await formAction(formData, acceptanceSchema, async (value) => {
    await recordAcceptance(ctx, id, value);
    return redirect(planPath(id, "?accepted=1"));
  });
  return result instanceof Response ? result : { result };
}

export default function PlanAcceptPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const { header, versions, current, today } = loaderData;
  const [form, fields] = useSpelForm(acceptanceSchema, actionData?.result, { version: String(current), acceptedOn: today });
  const title = t("plan.accept.title", { name: participantLabel(header) });
  if (current === 0) {
    return (
      <VStack gap="space-24">
        <PlanPageHeader header={header} back="plan" title={title} />
        <BodyShort>{t("plan.accept.noPlan")}</BodyShort>
      </VStack>
    );
  }
  return (
    <VStack gap="space-24">
      <PlanPageHeader header={header} back="plan" title={title}>
        <BodyShort>{t("plan.accept.intro")}</BodyShort>
      </PlanPageHeader>
      <FormErrorSummary form={form} fields={{ version: fields.version, acceptedOn: fields.acceptedOn, method: fields.method, note: fields.note }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <VStack gap="space-24">
          <SelectInput field={fields.version} label={t("plan.accept.version")}>
            {versions.map((v) => {
              const label = t("plan.accept.versionOption", { version: v.version, date: t.date(new Date(v.createdAt)) });
              const text = v.version === current ? t("plan.accept.latest", { label }) : label;
              return (
                <option key={v.version} value={v.version}>
                  {v.accepted ? `${text} – ${t("plan.accept.earlier")}` : text}
                </option>
              );
            })}
          </SelectInput>
          <TextInput field={fields.acceptedOn} label={t("plan.accept.acceptedOn")} description={t("plan.accept.acceptedOnHelp")} htmlSize={12} autoComplete="off" />
          <RadioGroup
            id={fields.method.id}
            name={fields.method.name}
            legend={t("plan.accept.method")}
            defaultValue={typeof fields.method.initialValue === "string" ? fields.method.initialValue : undefined}
            error={fieldError(fields.method)}
          >
            {ACCEPTANCE_METHODS.map((m) => (
              <Radio key={m} value={m}>
                {t(`plan.method.${m}`)}
              </Radio>
            ))}
          </RadioGroup>
          <TextArea field={fields.note} label={t("plan.accept.note")} description={t("plan.accept.noteHelp")} minRows={2} />
          <HStack gap="space-16">
            <Button type="submit">{t("plan.accept.submit")}</Button>
            <LinkButton to={planPath(header.enrolmentId)} variant="secondary">
              {t("plan.edit.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </VStack>
  );
}
