import type { SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Checkbox, ErrorSummary, Heading, HStack, Select, Textarea, TextField, VStack } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import { Form, redirect, useNavigation } from "react-router";
import { QUESTION_KINDS, QUESTIONNAIRE_AUDIENCES, type SurveyQuestion, SURVEY_GOALS } from "../../../domain/surveys.ts";
import { newQuestionnaireSchema, versionSchema } from "../../../services/schemas/surveys.ts";
import { createQuestionnaire, questionnaireOf, saveDraft, surveysOverview } from "../../../services/surveys.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/surveys.edit";

// The editor of a questionnaire's draft (a new version starts as a copy of the latest one; a published
// version is never edited), and of a new questionnaire of the program's own. Rows: the questions in order,
// plus blank rows to add questions; a row can be removed. Works without JavaScript.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "surveys.edit.metaTitle");

const BLANK_ROWS = 2;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  if (!params.questionnaireId) {
    const view = await orResponse(surveysOverview(ctx, params.programId));
    return { program: view.program, questionnaire: null, intro: "", questions: [] as SurveyQuestion[], version: 1 };
  }
  const { program, questionnaire } = await orResponse(questionnaireOf(ctx, params.programId, params.questionnaireId));
  if (questionnaire.national) throw new Response("Forbidden", { status: 403 });
  const from = questionnaire.draft ?? questionnaire.current ?? questionnaire.versions.at(-1) ?? null;
  const version = questionnaire.draft?.version ?? (questionnaire.versions.at(-1)?.version ?? 0) + 1;
  return { program, questionnaire: { id: questionnaire.id, name: questionnaire.name }, intro: from?.intro ?? "", questions: from?.questions ?? [], version };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const base = `/programs/${params.programId}/surveys/questionnaires`;
  const result = params.questionnaireId
    ? await formAction(formData, versionSchema, async (value) => {
        await saveDraft(ctx, params.programId, params.questionnaireId!, value);
        return redirect(`${base}/${params.questionnaireId}?done=saved`);
      })
    : await formAction(formData, newQuestionnaireSchema, async (value) => {
        const created = await createQuestionnaire(ctx, params.programId, value);
        return redirect(`${base}/${created.id}?done=saved`);
      });
  return result instanceof Response ? result : { result };
}

type Row = { key: string; kind: string; text: string; options: string; goal: string; agreeFrom: string };

export default function SurveyEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const summary = useRef<HTMLDivElement>(null);
  const { program, questionnaire, questions, intro, version } = loaderData;
  const result = navigation.state === "idle" ? actionData?.result : null;
  const errors = (result?.error ?? {}) as Record<string, string[] | null>;
  const submitted = result?.initialValue as { intro?: string; name?: string; audience?: string; questions?: Partial<Row>[] } | undefined;
  const rows: Row[] = submitted?.questions
    ? submitted.questions.map((r) => ({ key: r.key ?? "", kind: r.kind ?? "scale", text: r.text ?? "", options: r.options ?? "", goal: r.goal ?? "", agreeFrom: r.agreeFrom ?? "" }))
    : [
        ...questions.map((q) => ({ key: q.key, kind: q.kind, text: q.text, options: q.options.join("\n"), goal: q.goal ?? "", agreeFrom: q.agreeFrom === null ? "" : String(q.agreeFrom) })),
        ...Array.from({ length: BLANK_ROWS }, () => ({ key: "", kind: "scale", text: "", options: "", goal: "", agreeFrom: "" })),
      ];
  const err = (path: string) => (errors[path]?.length ? t(errors[path]![0]!) : undefined);
  const items = Object.entries(errors).flatMap(([path, messages]) => (messages?.length ? [{ href: path === "" || path === "questions" ? "#survey-editor" : `#${path.replace(/[.[\]]+/g, "-")}`, message: t(messages[0]!) }] : []));
  useEffect(() => {
    if (items.length) summary.current?.focus();
  }, [items.length, result]);
  const id = (path: string) => path.replace(/[.[\]]+/g, "-");
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={questionnaire ? `/programs/${program.id}/surveys/questionnaires/${questionnaire.id}` : `/programs/${program.id}/surveys`}>{t("surveys.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {questionnaire ? t("surveys.edit.title", { name: questionnaire.name, n: version }) : t("surveys.edit.newTitle")}
        </Heading>
        <BodyShort>{t("surveys.edit.intro")}</BodyShort>
      </div>
      {items.length ? (
        <ErrorSummary ref={summary} heading={t("form.errorSummary")} className="spelplan-error-summary">
          {items.map((i) => (
            <ErrorSummary.Item key={i.href + i.message} href={i.href}>
              {i.message}
            </ErrorSummary.Item>
          ))}
        </ErrorSummary>
      ) : null}
      <Form method="post" id="survey-editor">
        <CsrfField />
        <VStack gap="space-32">
          {!questionnaire ? (
            <VStack gap="space-16" className="form-narrow">
              <TextField id="name" name="name" label={t("surveys.edit.name")} defaultValue={submitted?.name ?? ""} error={err("name")} autoComplete="off" />
              <Select id="audience" name="audience" label={t("surveys.edit.audience")} defaultValue={submitted?.audience ?? "both"} error={err("audience")}>
                {QUESTIONNAIRE_AUDIENCES.map((a) => (
                  <option key={a} value={a}>
                    {t(`surveys.questionnaireAudience.${a}`)}
                  </option>
                ))}
              </Select>
            </VStack>
          ) : null}
          <Textarea id="intro" name="intro" label={t("surveys.edit.introLabel")} defaultValue={submitted?.intro ?? intro} error={err("intro")} className="form-narrow" />
          {rows.map((r, i) => {
            const p = (f: string) => `questions[${i}].${f}`;
            return (
              <fieldset key={i} className="survey-editor-row" aria-describedby={undefined}>
                <legend>
                  <Heading level="2" size="small" as="span">
                    {r.text ? t("surveys.edit.questionN", { n: i + 1 }) : t("surveys.edit.newQuestion", { n: i + 1 })}
                  </Heading>
                </legend>
                <input type="hidden" name={p("key")} value={r.key} />
                <VStack gap="space-12">
                  <TextField id={id(p("text"))} name={p("text")} label={t("surveys.edit.text")} defaultValue={r.text} error={err(p("text")) ?? err(p("key"))} autoComplete="off" />
                  <HStack gap="space-16" wrap>
                    <Select id={id(p("kind"))} name={p("kind")} label={t("surveys.edit.kind")} defaultValue={r.kind} error={err(p("kind"))}>
                      {QUESTION_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`surveys.kind.${k}`)}
                        </option>
                      ))}
                    </Select>
                    <Select id={id(p("goal"))} name={p("goal")} label={t("surveys.edit.goal")} defaultValue={r.goal} error={err(p("goal"))}>
                      <option value="">{t("surveys.edit.noGoal")}</option>
                      {SURVEY_GOALS.map((g) => (
                        <option key={g} value={g}>
                          {t(`goals.kind.${g}`)}
                        </option>
                      ))}
                    </Select>
                    <TextField id={id(p("agreeFrom"))} name={p("agreeFrom")} label={t("surveys.edit.agreeFrom")} description={t("surveys.edit.agreeFromHelp")} defaultValue={r.agreeFrom} error={err(p("agreeFrom"))} htmlSize={3} inputMode="numeric" autoComplete="off" />
                  </HStack>
                  <Textarea id={id(p("options"))} name={p("options")} label={t("surveys.edit.options")} description={t("surveys.edit.optionsHelp")} defaultValue={r.options} error={err(p("options"))} minRows={3} />
                  {r.text ? <Checkbox name={p("remove")} value="on">{t("surveys.edit.remove")}</Checkbox> : null}
                </VStack>
              </fieldset>
            );
          })}
          <BodyShort>{t("surveys.edit.moreRows")}</BodyShort>
          <div>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("surveys.edit.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </VStack>
  );
}
