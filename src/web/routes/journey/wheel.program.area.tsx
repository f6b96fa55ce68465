import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Fieldset, Heading, Radio, RadioGroup, TextField, VStack } from "@navikt/ds-react";
import { data, Form, redirect, useNavigation } from "react-router";
import { STEP_COUNT, WHEEL_GROUPS, WHEEL_LANGUAGES } from "../../../domain/wheel.ts";
import { removeWheelAreaSchema, wheelAreaSchema } from "../../../services/schemas/wheel.ts";
import { programWheel, removeWheelArea, saveWheelArea } from "../../../services/wheel.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { FormButtons } from "../../components/FormButtons.tsx";
import { areaLabel } from "../../components/wheel/format.ts";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/wheel.program.area";

// One area of the program's wheel: its group, its name and its ten steps in every language ("new": a new
// area). Saving makes a new version of the program's wheel; so does removing the area.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "wheel.program.metaTitle");

const NEW = "new";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(programWheel(ctx, params.programId));
  const isNew = params.areaKey === NEW;
  const area = isNew ? null : view.current.areas.find((a) => a.key === params.areaKey);
  if (area === undefined) throw data({ reason: "not_found" }, { status: 404 });
  const empty = () => Array.from({ length: STEP_COUNT }, () => "");
  return {
    programId: view.programId,
    programName: view.programName,
    instrumentId: view.current.id,
    area,
    canRemove: !isNew && view.current.areas.length > 3,
    defaults: area
      ? { group: area.group, label: area.label, steps: area.steps }
      : { group: "life", label: { sv: "", nb: "", en: "" }, steps: { sv: empty(), nb: empty(), en: empty() } },
  };
}

type ActionData = { intent: "save" | "remove"; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const base = `/programs/${params.programId}/wheel`;
  if (formData.get("intent") === "remove") {
    const result = await formAction(formData, removeWheelAreaSchema, async (value) => {
      await removeWheelArea(ctx, params.programId, value);
      return redirect(`${base}?done=area_removed`);
    });
    return result instanceof Response ? result : { intent: "remove", result };
  }
  const key = params.areaKey === NEW ? null : params.areaKey;
  const result = await formAction(formData, wheelAreaSchema, async (value) => {
    const saved = await saveWheelArea(ctx, params.programId, key, value);
    return redirect(`${base}?done=${!saved.changed ? "unchanged" : key === null ? "area_added" : "area_changed"}`);
  });
  return result instanceof Response ? result : { intent: "save", result };
}

export default function WheelAreaPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const { area, programId, instrumentId, defaults } = loaderData;
  const back = `/programs/${programId}/wheel`;
  const result = actionData as ActionData | undefined;
  const [form, fields] = useSpelForm(wheelAreaSchema, result?.intent === "save" ? result.result : undefined, defaults);
  const [removeForm] = useSpelForm(removeWheelAreaSchema, result?.intent === "remove" ? result.result : undefined);
  const labels = fields.label.getFieldset();
  const stepLists = fields.steps.getFieldset();
  const name = area ? areaLabel(t, area) : "";
  // The ten step fields of a language, named as the schema reads them; the errors as the form or the service gave them.
  const stepFields = (language: (typeof WHEEL_LANGUAGES)[number]) => {
    const list = stepLists[language];
    const initial = Array.isArray(list.initialValue) ? list.initialValue : [];
    return Array.from({ length: STEP_COUNT }, (_, i) => ({
      id: `${form.id}-steps-${language}-${i}`,
      name: `${list.name}[${i}]`,
      initialValue: typeof initial[i] === "string" ? (initial[i] as string) : "",
      errors: form.allErrors[`${list.name}[${i}]`] ?? form.allErrors[`${list.name}.${i}`],
    }));
  };
  const allSteps = WHEEL_LANGUAGES.flatMap((language) => stepFields(language).map((f) => [f.name, f] as const));
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={back}>{t("wheel.program.title", { program: loaderData.programName })}</BackLink>
        <Heading level="1" size="large" spacing>
          {area ? t("wheel.program.area.titleEdit", { area: name }) : t("wheel.program.area.titleNew")}
        </Heading>
        <BodyShort>{t("wheel.program.area.intro")}</BodyShort>
      </div>
      <FormErrorSummary
        form={form}
        fields={{
          group: fields.group,
          ...Object.fromEntries(WHEEL_LANGUAGES.map((l) => [`label.${l}`, labels[l]])),
          ...Object.fromEntries(WHEEL_LANGUAGES.map((l) => [`steps.${l}`, stepLists[l]])),
          ...Object.fromEntries(allSteps),
        }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="instrumentId" value={instrumentId} />
        <VStack gap="space-32">
          <RadioGroup
            id={fields.group.id}
            name={fields.group.name}
            defaultValue={typeof fields.group.initialValue === "string" ? fields.group.initialValue : undefined}
            error={fieldError(fields.group)}
            legend={t("wheel.program.area.group")}
          >
            {WHEEL_GROUPS.map((g) => (
              <Radio key={g} value={g}>
                {t(`wheel.groups.${g}`)}
              </Radio>
            ))}
          </RadioGroup>
          <Fieldset legend={t("wheel.program.area.names")}>
            <VStack gap="space-16">
              {WHEEL_LANGUAGES.map((language) => {
                const field = labels[language];
                return (
                  <TextField
                    key={language}
                    id={field.id}
                    name={field.name}
                    defaultValue={typeof field.initialValue === "string" ? field.initialValue : ""}
                    error={fieldError(field)}
                    label={t("wheel.program.area.label", { language: t(`wheel.language.${language}`) })}
                    lang={language}
                    autoComplete="off"
                  />
                );
              })}
            </VStack>
          </Fieldset>
          {WHEEL_LANGUAGES.map((language) => (
            <Fieldset
              key={language}
              id={stepLists[language].id}
              legend={t("wheel.program.area.steps", { language: t(`wheel.language.${language}`) })}
              error={fieldError(stepLists[language])}
            >
              <VStack gap="space-16">
                {stepFields(language).map((field, i) => (
                  <TextField
                    key={field.name}
                    id={field.id}
                    name={field.name}
                    defaultValue={field.initialValue}
                    error={field.errors?.[0] ? t(field.errors[0]) : undefined}
                    label={i === 0 ? t("wheel.program.area.stepFirst") : i === STEP_COUNT - 1 ? t("wheel.program.area.stepLast") : t("wheel.program.area.step", { step: i + 1 })}
                    lang={language}
                    autoComplete="off"
                  />
                ))}
              </VStack>
            </Fieldset>
          ))}
          <FormButtons submitLabel={t("wheel.program.area.save")} cancelTo={back} loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "save"} />
        </VStack>
      </Form>
      {area && loaderData.canRemove ? (
        <section aria-labelledby="wheel-area-remove">
          <Heading level="2" size="medium" id="wheel-area-remove" spacing>
            {t("wheel.program.area.remove.heading")}
          </Heading>
          <BodyShort spacing>{t("wheel.program.area.remove.text")}</BodyShort>
          {removeForm.errors?.length ? (
            <Alert variant="error" size="small" role="alert">
              {removeForm.errors.map((e) => t(e)).join(" ")}
            </Alert>
          ) : null}
          <Form method="post" {...getFormProps(removeForm)}>
            <CsrfField />
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="instrumentId" value={instrumentId} />
            <input type="hidden" name="key" value={area.key} />
            <Button type="submit" variant="danger">
              {t("wheel.program.area.remove.submit", { area: name })}
            </Button>
          </Form>
        </section>
      ) : null}
    </VStack>
  );
}
