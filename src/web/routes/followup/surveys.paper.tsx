import type { SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Heading, Select, TextField, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { paperAnswerSchema } from "../../../services/schemas/surveys.ts";
import { enterPaperAnswer, paperForm } from "../../../services/surveys.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { AnonymityChoice, SurveyErrorSummary, SurveySections } from "../../components/surveys/SurveyForm.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/surveys.paper";

// Staff enter a survey answered on paper: always anonymous, unless the participant asked to put their name on it.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "surveys.paper.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return await orResponse(paperForm(ctx, params.programId, params.audience));
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  formData.set("audience", params.audience);
  const result = await formAction(formData, paperAnswerSchema, async (value) => {
    await enterPaperAnswer(ctx, params.programId, value);
    return redirect(`/programs/${params.programId}/surveys?done=paper`);
  });
  return result instanceof Response ? result : { result };
}

export default function SurveyPaperPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { program, audience, sections, participants, today } = loaderData;
  const result = navigation.state === "idle" ? actionData?.result : null;
  const errors = (result?.error ?? {}) as Record<string, string[] | null>;
  const initial = result?.initialValue as { personId?: string; answeredOn?: string } | undefined;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/programs/${program.id}/surveys`}>{t("surveys.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t(audience === "exit" ? "surveys.paper.titleExit" : "surveys.paper.titleOngoing", { program: program.name })}
        </Heading>
        <BodyShort>{t("surveys.paper.intro")}</BodyShort>
      </div>
      {sections.length === 0 ? (
        <BodyShort>{t("surveys.paper.none")}</BodyShort>
      ) : (
        <>
          <SurveyErrorSummary result={result} sections={sections} formId="survey-paper" />
          <Form method="post" id="survey-paper">
            <CsrfField />
            <VStack gap="space-40">
              <TextField id="field-answeredOn" name="answeredOn" label={t("surveys.paper.answeredOn")} description={t("surveys.dateHelp")} htmlSize={12} autoComplete="off" defaultValue={initial?.answeredOn ?? today} error={errors.answeredOn?.length ? t(errors.answeredOn[0]!) : undefined} className="form-narrow" />
              <SurveySections sections={sections} result={result} />
              <AnonymityChoice result={result} staff />
              <Select id="field-personId" name="personId" label={t("surveys.paper.person")} description={t("surveys.paper.personHelp")} defaultValue={initial?.personId ?? ""} error={errors.personId?.length ? t(errors.personId[0]!) : undefined} className="form-narrow">
                <option value="">{t("surveys.paper.nobody")}</option>
                {participants.map((p) => (
                  <option key={p.personId} value={p.personId}>
                    {p.label.name ?? t("surveys.maskedPerson", { reference: p.label.reference })}
                  </option>
                ))}
              </Select>
              <div>
                <Button type="submit" loading={navigation.state === "submitting"}>
                  {t("surveys.paper.submit")}
                </Button>
              </div>
            </VStack>
          </Form>
        </>
      )}
    </VStack>
  );
}
