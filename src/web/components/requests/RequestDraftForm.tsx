import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Checkbox, Fieldset, Heading, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { INCOME_SOURCES } from "../../../domain/intake.ts";
import { requestDraftSchema } from "../../../services/schemas/request.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { TextArea, TextInput } from "../fields.tsx";
import { LinkButton } from "../LinkButton.tsx";

/** Where each field sits on the form, so that other pages can link to the right group. */
export const DRAFT_SECTION: Record<string, string> = {
  incomeSource: "section-income",
  incomeSourceOther: "section-income",
  activeAt: "section-active",
  situation: "section-background",
  triedBefore: "section-background",
  whyNotEnough: "section-background",
  goals: "section-goals",
  motivation: "section-goals",
  health: "section-health",
  obstacles: "section-health",
  interpreterLanguage: "section-needs",
};

export interface DraftContent {
  incomeSource: string | null;
  incomeSourceOther: string;
  activeAt: { authorityId: string; contactName: string; contactDetails: string }[];
  situation: string;
  triedBefore: string;
  whyNotEnough: string;
  goals: string;
  motivation: string;
  health: string;
  obstacles: string;
  needsTravel: boolean;
  needsInterpreter: boolean;
  interpreterLanguage: string;
  accessibilityNeeds: string;
  otherNeeds: string;
}

/** What the form first shows: the saved draft, one row per member authority (checked where the person is active). */
export function draftDefaults(content: DraftContent, authorities: { id: string }[], version: number) {
  const flag = (v: boolean) => (v ? "on" : undefined);
  return {
    incomeSource: content.incomeSource ?? undefined,
    incomeSourceOther: content.incomeSourceOther,
    activeAt: authorities.map((a) => {
      const entry = content.activeAt.find((e) => e.authorityId === a.id);
      return { authorityId: a.id, active: flag(entry !== undefined), contactName: entry?.contactName ?? "", contactDetails: entry?.contactDetails ?? "" };
    }),
    situation: content.situation,
    triedBefore: content.triedBefore,
    whyNotEnough: content.whyNotEnough,
    goals: content.goals,
    motivation: content.motivation,
    health: content.health,
    obstacles: content.obstacles,
    needsTravel: flag(content.needsTravel),
    needsInterpreter: flag(content.needsInterpreter),
    interpreterLanguage: content.interpreterLanguage,
    accessibilityNeeds: content.accessibilityNeeds,
    otherNeeds: content.otherNeeds,
    version: String(version),
  };
}

/** A group's legend that is also a heading (GOV.UK pattern): the groups stand out and can be reached as headings. */
function SectionLegend({ children }: { children: ReactNode }) {
  return (
    <Heading level="2" size="small">
      {children}
    </Heading>
  );
}

/** The interest request's draft: every field, grouped, with "save draft" and "save and continue". */
export function RequestDraftForm({
  lastResult,
  defaultValue,
  authorities,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: ReturnType<typeof draftDefaults>;
  authorities: { id: string; name: string }[];
  cancelTo: string;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(requestDraftSchema, lastResult, defaultValue);
  const rows = fields.activeAt.getFieldList();
  const activeRows = authorities.map((authority, index) => ({ authority, index, row: rows[index]?.getFieldset() }));
  const version = typeof fields.version.initialValue === "string" ? fields.version.initialValue : defaultValue.version;
  const busy = navigation.state === "submitting";
  const checked = (value: unknown) => value === "on" || value === "true";
  return (
    <>
      <FormErrorSummary
        form={form}
        fields={{
          incomeSource: fields.incomeSource,
          incomeSourceOther: fields.incomeSourceOther,
          activeAt: fields.activeAt,
          ...Object.fromEntries(
            activeRows.flatMap(({ row, index }) => (row ? [[`name${index}`, row.contactName], [`details${index}`, row.contactDetails]] : [])),
          ),
          situation: fields.situation,
          triedBefore: fields.triedBefore,
          whyNotEnough: fields.whyNotEnough,
          goals: fields.goals,
          motivation: fields.motivation,
          health: fields.health,
          obstacles: fields.obstacles,
          interpreterLanguage: fields.interpreterLanguage,
          accessibilityNeeds: fields.accessibilityNeeds,
          otherNeeds: fields.otherNeeds,
        }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <VStack gap="space-32">
          <div id={DRAFT_SECTION.incomeSource}>
            <Fieldset legend={<SectionLegend>{t("requests.form.incomeHeading")}</SectionLegend>}>
              <VStack gap="space-16">
                <RadioGroup
                  id={fields.incomeSource.id}
                  name={fields.incomeSource.name}
                  defaultValue={fields.incomeSource.initialValue}
                  error={fieldError(fields.incomeSource)}
                  legend={t("requests.form.incomeSource")}
                >
                  {INCOME_SOURCES.map((s) => (
                    <Radio key={s} value={s}>
                      {t(`incomeSource.${s}`)}
                    </Radio>
                  ))}
                </RadioGroup>
                <TextInput field={fields.incomeSourceOther} label={t("requests.form.incomeSourceOther")} description={t("requests.form.incomeSourceOtherHelp")} autoComplete="off" />
              </VStack>
            </Fieldset>
          </div>

          <div id={DRAFT_SECTION.activeAt}>
            <Fieldset
              id={fields.activeAt.id}
              legend={<SectionLegend>{t("requests.form.activeAtHeading")}</SectionLegend>}
              description={t("requests.form.activeAtHelp")}
              error={fieldError(fields.activeAt)}
              errorPropagation={false}
            >
              <VStack gap="space-24">
                {activeRows.map(({ authority, index, row }) => {
                  const name = (key: string) => `${fields.activeAt.name}[${index}].${key}`;
                  return (
                    <Fieldset key={authority.id} legend={authority.name} size="small">
                      <input type="hidden" name={name("authorityId")} value={authority.id} />
                      <VStack gap="space-8">
                        <Checkbox id={row?.active.id} name={name("active")} value="on" defaultChecked={checked(row?.active.initialValue)}>
                          {t("requests.form.activeHere")}
                        </Checkbox>
                        {row ? (
                          <HStack gap="space-16" wrap>
                            <TextInput field={row.contactName} label={t("requests.form.contactName")} autoComplete="off" />
                            <TextInput field={row.contactDetails} label={t("requests.form.contactDetails")} autoComplete="off" />
                          </HStack>
                        ) : null}
                      </VStack>
                    </Fieldset>
                  );
                })}
              </VStack>
            </Fieldset>
          </div>

          <div id={DRAFT_SECTION.situation}>
            <Fieldset legend={<SectionLegend>{t("requests.form.backgroundHeading")}</SectionLegend>} description={t("requests.form.backgroundHelp")}>
              <VStack gap="space-16">
                <TextArea field={fields.situation} label={t("requests.field.situation")} description={t("requests.form.situationHelp")} minRows={4} />
                <TextArea field={fields.triedBefore} label={t("requests.field.triedBefore")} description={t("requests.form.triedBeforeHelp")} minRows={4} />
                <TextArea field={fields.whyNotEnough} label={t("requests.field.whyNotEnough")} description={t("requests.form.whyNotEnoughHelp")} minRows={3} />
              </VStack>
            </Fieldset>
          </div>

          <div id={DRAFT_SECTION.goals}>
            <Fieldset legend={<SectionLegend>{t("requests.form.goalsHeading")}</SectionLegend>} description={t("requests.form.goalsHelp")}>
              <VStack gap="space-16">
                <TextArea field={fields.goals} label={t("requests.field.goals")} description={t("requests.form.goalsFieldHelp")} minRows={3} />
                <TextArea field={fields.motivation} label={t("requests.field.motivation")} description={t("requests.form.motivationHelp")} minRows={3} />
              </VStack>
            </Fieldset>
          </div>

          <div id={DRAFT_SECTION.health}>
            <Fieldset legend={<SectionLegend>{t("requests.form.healthHeading")}</SectionLegend>} description={t("requests.form.healthHeadingHelp")}>
              <VStack gap="space-16">
                <TextArea field={fields.health} label={t("requests.field.health")} description={t("requests.form.healthHelp")} minRows={3} />
                <TextArea field={fields.obstacles} label={t("requests.field.obstacles")} description={t("requests.form.obstaclesHelp")} minRows={3} />
              </VStack>
            </Fieldset>
          </div>

          <div id={DRAFT_SECTION.interpreterLanguage}>
            <Fieldset legend={<SectionLegend>{t("requests.form.needsHeading")}</SectionLegend>} description={t("requests.form.needsHelp")}>
              <VStack gap="space-16">
                <Checkbox id={fields.needsTravel.id} name={fields.needsTravel.name} value="on" defaultChecked={checked(fields.needsTravel.initialValue)} description={t("requests.form.needsTravelHelp")}>
                  {t("requests.field.needsTravel")}
                </Checkbox>
                <Checkbox id={fields.needsInterpreter.id} name={fields.needsInterpreter.name} value="on" defaultChecked={checked(fields.needsInterpreter.initialValue)}>
                  {t("requests.field.needsInterpreter")}
                </Checkbox>
                <TextInput field={fields.interpreterLanguage} label={t("requests.field.interpreterLanguage")} description={t("requests.form.interpreterLanguageHelp")} autoComplete="off" />
                <TextArea field={fields.accessibilityNeeds} label={t("requests.field.accessibilityNeeds")} description={t("requests.form.accessibilityNeedsHelp")} minRows={2} />
                <TextArea field={fields.otherNeeds} label={t("requests.field.otherNeeds")} minRows={2} />
              </VStack>
            </Fieldset>
          </div>

          <VStack gap="space-8">
            <BodyShort>{t("requests.form.buttonsHelp")}</BodyShort>
            <HStack gap="space-16">
              <Button type="submit" name="intent" value="continue" loading={busy}>
                {t("requests.form.saveAndContinue")}
              </Button>
              <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
                {t("requests.form.saveDraft")}
              </Button>
              <LinkButton to={cancelTo} variant="tertiary">
                {t("form.cancel")}
              </LinkButton>
            </HStack>
          </VStack>
        </VStack>
      </Form>
    </>
  );
}
