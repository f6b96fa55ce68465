import { getFormProps } from "@conform-to/react";
import { BodyShort, Heading, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { useMemo } from "react";
import { Form, redirect, useNavigation } from "react-router";
import { WHEEL_GROUPS } from "../../../domain/wheel.ts";
import { OCCASIONS, RATERS, readingSchema } from "../../../services/schemas/wheel.ts";
import { recordReading, wheelReadingForm } from "../../../services/wheel.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextArea, TextInput } from "../../components/fields.tsx";
import { FormButtons } from "../../components/FormButtons.tsx";
import { areaLabel, personName, versionLabel } from "../../components/wheel/format.ts";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/wheel.new";

// A new reading of the life-area wheel: who rates, on which occasion and date, and for every area one
// step 1-10, each step's description readable as its radio's label (a fieldset per area). Works without
// JavaScript; a missing score is refused at its own area.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "wheel.form.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return orResponse(wheelReadingForm(ctx, params.enrolmentId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  // The form is checked against the instrument version it is made with (the service checks it again).
  const form = await orResponse(wheelReadingForm(ctx, params.enrolmentId));
  const formData = await request.formData();
  return formAction(formData, readingSchema(form.instrument.areas.map((a) => a.key)), async (value) => {
    await recordReading(ctx, params.enrolmentId, value);
    return redirect(`/enrolments/${params.enrolmentId}/wheel?saved=1`);
  });
}

export default function NewReading({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const { instrument, next, person } = loaderData;
  const keys = instrument.areas.map((a) => a.key);
  const keyList = keys.join(",");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the schema changes only when the areas do
  const schema = useMemo(() => readingSchema(keys), [keyList]);
  const [form, fields] = useSpelForm(schema, actionData, { readingDate: loaderData.today, occasion: next?.occasion ?? "during" });
  const scoreFields = fields.scores.getFieldset();
  const back = `/enrolments/${loaderData.enrolmentId}/wheel`;
  const initial = (value: unknown) => (typeof value === "string" ? value : undefined);
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={back}>{t("wheel.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("wheel.form.title")}
        </Heading>
        <BodyShort spacing>{t("wheel.form.about", { person: personName(t, person), program: loaderData.programName })}</BodyShort>
        <BodyShort spacing>{t("wheel.form.intro")}</BodyShort>
        {next ? <BodyShort spacing>{t("wheel.form.due", { occasion: t(`wheel.occasion.${next.occasion}`), date: t.date(next.date, "long") })}</BodyShort> : null}
        <BodyShort size="small" textColor="subtle">
          {t("wheel.form.version", { version: versionLabel(t, instrument) })}
        </BodyShort>
      </div>
      <FormErrorSummary
        form={form}
        fields={{
          ratedBy: fields.ratedBy,
          occasion: fields.occasion,
          readingDate: fields.readingDate,
          ...Object.fromEntries(keys.map((k) => [`scores.${k}`, scoreFields[k]!])),
          note: fields.note,
        }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="instrumentId" value={instrument.id} />
        <VStack gap="space-32">
          <VStack gap="space-24">
            <RadioGroup
              id={fields.ratedBy.id}
              name={fields.ratedBy.name}
              defaultValue={initial(fields.ratedBy.initialValue)}
              error={fieldError(fields.ratedBy)}
              legend={t("wheel.form.ratedBy")}
              description={t("wheel.form.ratedByHelp")}
            >
              {RATERS.map((r) => (
                <Radio key={r} value={r}>
                  {t(`wheel.form.ratedBy.${r}`)}
                </Radio>
              ))}
            </RadioGroup>
            <RadioGroup
              id={fields.occasion.id}
              name={fields.occasion.name}
              defaultValue={initial(fields.occasion.initialValue)}
              error={fieldError(fields.occasion)}
              legend={t("wheel.form.occasion")}
            >
              {OCCASIONS.map((o) => (
                <Radio key={o} value={o} description={t(`wheel.form.occasion.${o}`)}>
                  {t(`wheel.occasion.${o}`)}
                </Radio>
              ))}
            </RadioGroup>
            <TextInput field={fields.readingDate} label={t("wheel.form.date")} description={t("wheel.form.dateHelp")} htmlSize={12} autoComplete="off" />
          </VStack>
          {WHEEL_GROUPS.map((group) => {
            const areas = instrument.areas.filter((a) => a.group === group);
            if (areas.length === 0) return null;
            return (
              <section key={group} aria-labelledby={`wheel-group-${group}`}>
                <Heading level="2" size="medium" id={`wheel-group-${group}`} spacing>
                  {t(`wheel.groups.${group}`)}
                </Heading>
                <VStack gap="space-32">
                  {areas.map((area) => {
                    const field = scoreFields[area.key]!;
                    const steps = area.steps[t.locale] ?? area.steps.sv;
                    return (
                      <RadioGroup
                        key={area.key}
                        id={field.id}
                        name={field.name}
                        defaultValue={initial(field.initialValue)}
                        error={fieldError(field)}
                        legend={areaLabel(t, area)}
                        description={t("wheel.form.areaHelp")}
                        data-testid={`wheel-area-${area.key}`}
                      >
                        {steps.map((text, i) => (
                          <Radio key={i} value={String(i + 1)}>
                            {t("wheel.form.step", { step: i + 1, text })}
                          </Radio>
                        ))}
                      </RadioGroup>
                    );
                  })}
                </VStack>
              </section>
            );
          })}
          <TextArea field={fields.note} label={t("wheel.form.note")} description={t("wheel.form.noteHelp")} minRows={3} />
          <FormButtons submitLabel={t("wheel.form.submit")} cancelTo={back} loading={navigation.state === "submitting"} />
        </VStack>
      </Form>
    </VStack>
  );
}
