import { getFormProps } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { data, Form, redirect, useNavigation } from "react-router";
import { AGE_BANDS } from "../../../domain/intake.ts";
import { SEXES } from "../../../domain/person.ts";
import { consultationPrograms, createConsultation } from "../../../services/consultations.ts";
import { consultationSchema } from "../../../services/schemas/intake.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { SelectInput, TextArea } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/consultation.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "consultations.new.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const programs = await consultationPrograms(ctx);
  if (programs.length === 0) throw data({ reason: "forbidden" }, { status: 403 });
  return { programs };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), consultationSchema, async (value) => {
    const { id } = await createConsultation(ctx, value);
    return redirect(`/consultations/${id}?created=1`);
  });
}

export default function NewConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const { programs } = loaderData;
  const [form, fields] = useSpelForm(consultationSchema, actionData, { programId: programs.length === 1 ? programs[0]!.id : "" });
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to="/consultations">{t("consultations.list.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("consultations.new.title")}
        </Heading>
        <BodyShort>{t("consultations.new.intro")}</BodyShort>
      </div>
      <Alert variant="warning" className="form-narrow">
        <Heading level="2" size="small" spacing>
          {t("consultations.new.anonymousHeading")}
        </Heading>
        <BodyShort>{t("consultations.new.anonymous")}</BodyShort>
      </Alert>
      <FormErrorSummary
        form={form}
        fields={{ programId: fields.programId, ageBand: fields.ageBand, sex: fields.sex, situation: fields.situation, question: fields.question }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <VStack gap="space-24">
          {programs.length > 1 ? (
            <SelectInput field={fields.programId} label={t("consultations.field.program")}>
              <option value="">{t("form.choose")}</option>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectInput>
          ) : (
            <input type="hidden" name={fields.programId.name} value={programs[0]!.id} />
          )}
          <SelectInput field={fields.ageBand} label={t("consultations.field.ageBand")} description={t("consultations.field.ageBandHelp")}>
            <option value="">{t("form.choose")}</option>
            {AGE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(`ageBand.${band}`)}
              </option>
            ))}
          </SelectInput>
          <RadioGroup
            id={fields.sex.id}
            name={fields.sex.name}
            defaultValue={fields.sex.initialValue}
            error={fieldError(fields.sex)}
            legend={t("consultations.field.sex")}
          >
            {SEXES.map((s) => (
              <Radio key={s} value={s}>
                {t(`sex.${s}`)}
              </Radio>
            ))}
          </RadioGroup>
          <TextArea field={fields.situation} label={t("consultations.field.situation")} description={t("consultations.field.situationHelp")} minRows={5} />
          <TextArea field={fields.question} label={t("consultations.field.question")} description={t("consultations.field.questionHelp")} minRows={3} />
          <BodyShort>{t("consultations.new.after")}</BodyShort>
          <HStack gap="space-16">
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("consultations.new.submit")}
            </Button>
            <LinkButton to="/consultations" variant="tertiary">
              {t("form.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </VStack>
  );
}
