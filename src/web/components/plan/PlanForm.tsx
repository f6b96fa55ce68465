import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Checkbox, Fieldset, Heading, HStack, VStack } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { ACTION_STATUSES, ACTION_WHO, GOAL_KINDS, type Plan } from "../../../domain/plan.ts";
import { MAX_ITEMS, planSchema } from "../../../services/schemas/plans.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { SelectInput, TextArea, TextInput } from "../fields.tsx";
import { LinkButton } from "../LinkButton.tsx";

// The whole plan in one form. The lists grow and shrink with buttons that work without JavaScript: each is a
// submit button with Conform's list intent ("insert" / "remove"), so the server answers with the same form,
// one row more or less and everything typed kept, and nothing is saved until "Spara". With JavaScript,
// Conform does the same in the browser.

/** What the form first shows, from the plan as it stands. */
export function planFormDefaults(content: Plan, baseVersion: number) {
  return {
    baseVersion: String(baseVersion),
    longTermGoal: { kind: content.longTermGoal.kind ?? "", text: content.longTermGoal.text },
    subGoals: content.subGoals.map((s) => ({ id: s.id, text: s.text })),
    obstacles: content.obstacles.map((o) => ({ id: o.id, text: o.text, howToOvercome: o.howToOvercome })),
    actions: content.actions.map((a) => ({
      id: a.id,
      what: a.what,
      who: a.who,
      authorityId: a.authorityId ?? "",
      byWhen: a.byWhen ?? "",
      status: a.status,
      agreed: a.agreed ? "on" : undefined,
    })),
    recommendations: content.recommendations,
  };
}

function SectionLegend({ children }: { children: ReactNode }) {
  return (
    <Heading level="2" size="small">
      {children}
    </Heading>
  );
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function PlanForm({
  lastResult,
  defaultValue,
  authorities,
  showRecommendations,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: ReturnType<typeof planFormDefaults>;
  authorities: { id: string; name: string }[];
  showRecommendations: boolean;
  cancelTo: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(planSchema, lastResult, defaultValue);
  const goal = fields.longTermGoal.getFieldset();
  const subGoals = fields.subGoals.getFieldList();
  const obstacles = fields.obstacles.getFieldList();
  const actions = fields.actions.getFieldList();
  // The version the writer started from travels with the form (also through "add a row"), so that a save
  // on top of someone else's newer version is refused rather than overwriting it.
  const baseVersion = str(fields.baseVersion.initialValue) || defaultValue.baseVersion;
  const listChanged = lastResult?.intent !== undefined && lastResult.intent !== null && navigation.state === "idle";

  const rowFields = [
    ...subGoals.map((row) => row.getFieldset().text),
    ...obstacles.flatMap((row) => {
      const f = row.getFieldset();
      return [f.text, f.howToOvercome];
    }),
    ...actions.flatMap((row) => {
      const f = row.getFieldset();
      return [f.what, f.authorityId, f.byWhen];
    }),
  ];
  const summaryFields = {
    goalKind: goal.kind,
    goalText: goal.text,
    subGoals: fields.subGoals,
    obstacles: fields.obstacles,
    actions: fields.actions,
    recommendations: fields.recommendations,
    ...Object.fromEntries(rowFields.map((f) => [f.id, f])),
  };

  const removeButton = (name: string, index: number, what: string) => (
    <div>
      <Button {...form.remove.getButtonProps({ name, index })} type="submit" variant="tertiary" size="small">
        {t("plan.edit.remove")}
        <span className="visually-hidden"> {t("plan.edit.removeWhich", { what })}</span>
      </Button>
    </div>
  );
  const addButton = (name: string, label: string, count: number) =>
    count < MAX_ITEMS ? (
      <div>
        <Button {...form.insert.getButtonProps({ name })} type="submit" variant="secondary" size="small">
          {label}
        </Button>
      </div>
    ) : null;

  return (
    <>
      {listChanged ? (
        <Alert variant="info" size="small" role="status">
          {t("plan.edit.notSaved")}
        </Alert>
      ) : null}
      <FormErrorSummary form={form} fields={summaryFields} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        {/* Enter in a text field submits with the form's first button: let that be "save", not "remove". */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t("plan.edit.save")}
        </button>
        <CsrfField />
        <input type="hidden" name={fields.baseVersion.name} value={baseVersion} />
        <VStack gap="space-40">
          <Fieldset legend={<SectionLegend>{t("plan.edit.goalLegend")}</SectionLegend>}>
            <VStack gap="space-16">
              <SelectInput field={goal.kind} label={t("plan.edit.goalKind")}>
                <option value="">{t("plan.content.notDecided")}</option>
                {GOAL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`plan.goalKind.${k}`)}
                  </option>
                ))}
              </SelectInput>
              <TextArea field={goal.text} label={t("plan.edit.goalText")} description={t("plan.edit.goalTextHelp")} minRows={2} />
            </VStack>
          </Fieldset>

          <Fieldset id={fields.subGoals.id} legend={<SectionLegend>{t("plan.edit.subGoalsLegend")}</SectionLegend>} description={t("plan.edit.subGoalsHelp")}>
            <VStack gap="space-16">
              {subGoals.map((row, index) => {
                const f = row.getFieldset();
                const label = t("plan.edit.subGoal", { n: index + 1 });
                return (
                  <VStack key={row.key ?? row.id} gap="space-4" data-testid="plan-subgoal">
                    <input type="hidden" name={f.id.name} value={str(f.id.initialValue)} />
                    <TextArea field={f.text} label={label} minRows={1} />
                    {removeButton(fields.subGoals.name, index, label)}
                  </VStack>
                );
              })}
              {addButton(fields.subGoals.name, t("plan.edit.addSubGoal"), subGoals.length)}
            </VStack>
          </Fieldset>

          <Fieldset id={fields.obstacles.id} legend={<SectionLegend>{t("plan.edit.obstaclesLegend")}</SectionLegend>} description={t("plan.edit.obstaclesHelp")}>
            <VStack gap="space-24">
              {obstacles.map((row, index) => {
                const f = row.getFieldset();
                const label = t("plan.edit.obstacle", { n: index + 1 });
                return (
                  <Fieldset key={row.key ?? row.id} legend={label} size="small" data-testid="plan-obstacle">
                    <input type="hidden" name={f.id.name} value={str(f.id.initialValue)} />
                    <VStack gap="space-8">
                      <TextArea field={f.text} label={t("plan.edit.obstacleText")} minRows={1} />
                      <TextArea field={f.howToOvercome} label={t("plan.edit.howToOvercome")} minRows={1} />
                      {removeButton(fields.obstacles.name, index, label)}
                    </VStack>
                  </Fieldset>
                );
              })}
              {addButton(fields.obstacles.name, t("plan.edit.addObstacle"), obstacles.length)}
            </VStack>
          </Fieldset>

          <Fieldset id={fields.actions.id} legend={<SectionLegend>{t("plan.edit.actionsLegend")}</SectionLegend>} description={t("plan.edit.actionsHelp")}>
            <VStack gap="space-24">
              {actions.map((row, index) => {
                const f = row.getFieldset();
                const label = t("plan.edit.action", { n: index + 1 });
                const agreed = f.agreed.initialValue === "on" || f.agreed.initialValue === "true";
                return (
                  <Fieldset key={row.key ?? row.id} legend={label} size="small" data-testid="plan-action">
                    <input type="hidden" name={f.id.name} value={str(f.id.initialValue)} />
                    <VStack gap="space-12">
                      <TextInput field={f.what} label={t("plan.edit.what")} autoComplete="off" />
                      <HStack gap="space-16" wrap>
                        <SelectInput field={f.who} label={t("plan.edit.who")}>
                          {ACTION_WHO.map((w) => (
                            <option key={w} value={w}>
                              {t(`plan.who.${w}`)}
                            </option>
                          ))}
                        </SelectInput>
                        <SelectInput field={f.authorityId} label={t("plan.edit.authority")} description={t("plan.edit.authorityHelp")}>
                          <option value="">{t("plan.edit.authorityNone")}</option>
                          {authorities.map((a) => (
                            <option key={a.id} value={a.id}>
                              {a.name}
                            </option>
                          ))}
                        </SelectInput>
                      </HStack>
                      <HStack gap="space-16" wrap align="start">
                        <TextInput field={f.byWhen} label={t("plan.edit.byWhen")} description={t("plan.edit.byWhenHelp")} htmlSize={12} autoComplete="off" />
                        <SelectInput field={f.status} label={t("plan.edit.status")}>
                          {ACTION_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {t(`plan.status.${s}`)}
                            </option>
                          ))}
                        </SelectInput>
                      </HStack>
                      <Checkbox id={f.agreed.id} name={f.agreed.name} value="on" defaultChecked={agreed}>
                        {t("plan.edit.agreed")}
                      </Checkbox>
                      {removeButton(fields.actions.name, index, label)}
                    </VStack>
                  </Fieldset>
                );
              })}
              {addButton(fields.actions.name, t("plan.edit.addAction"), actions.length)}
            </VStack>
          </Fieldset>

          {showRecommendations ? (
            <Fieldset legend={<SectionLegend>{t("plan.edit.recommendations")}</SectionLegend>}>
              <TextArea field={fields.recommendations} label={t("plan.edit.recommendations")} hideLabel description={t("plan.edit.recommendationsHelp")} minRows={4} />
            </Fieldset>
          ) : (
            <input type="hidden" name={fields.recommendations.name} value={str(fields.recommendations.initialValue)} />
          )}

          <VStack gap="space-8">
            <BodyShort size="small">{t("plan.edit.intro")}</BodyShort>
            <HStack gap="space-16">
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("plan.edit.save")}
              </Button>
              <LinkButton to={cancelTo} variant="secondary">
                {t("plan.edit.cancel")}
              </LinkButton>
            </HStack>
          </VStack>
        </VStack>
      </Form>
    </>
  );
}
