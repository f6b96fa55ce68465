import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, Link as AkselLink, List, Tag, VStack } from "@navikt/ds-react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { agreeThreshold } from "../../../domain/surveys.ts";
import { publishDraft, questionnaireOf } from "../../../services/surveys.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import { z } from "zod";
import type { Route } from "./+types/surveys.questionnaire";

// One questionnaire: every version with its questions (a published version never changes), the draft with
// its edit link, and publishing the draft.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "surveys.questionnaire.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { ...(await orResponse(questionnaireOf(ctx, params.programId, params.questionnaireId))), saved: new URL(request.url).searchParams.get("done") === "saved" };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), z.object({}), async () => {
    await publishDraft(ctx, params.programId, params.questionnaireId);
    return redirect(`/programs/${params.programId}/surveys?done=published`);
  });
  return result instanceof Response ? result : { result };
}

export default function QuestionnairePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { program, questionnaire: q, saved } = loaderData;
  const base = `/programs/${program.id}/surveys`;
  const errors = (actionData?.result as { error?: Record<string, string[]> } | undefined)?.error?.[""] ?? [];
  const versions = [...q.versions].reverse();
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={base}>{t("surveys.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {q.name}
        </Heading>
        <BodyShort>{t(`surveys.questionnaireAudience.${q.audience}`)}</BodyShort>
        {q.national ? <Alert variant="warning">{t("surveys.nationalNote")}</Alert> : <BodyShort>{t("surveys.versionRule")}</BodyShort>}
      </div>
      {saved ? <Alert variant="success">{t("surveys.done.saved")}</Alert> : null}
      {errors.length ? <Alert variant="error">{errors.map((e) => t(e)).join(" ")}</Alert> : null}
      {!q.national ? (
        <BodyShort>
          <AkselLink as={Link} to={`${base}/questionnaires/${q.id}/edit`}>
            {q.draft ? t("surveys.questionnaire.editDraft", { n: q.draft.version }) : t("surveys.questionnaire.newVersion")}
          </AkselLink>
        </BodyShort>
      ) : null}
      {versions.map((v) => (
        <section key={v.id} aria-labelledby={`version-${v.version}`} data-testid="questionnaire-version">
          <Heading level="2" size="medium" id={`version-${v.version}`} spacing>
            {t("surveys.versionN", { n: v.version })}{" "}
            {v.publishedAt ? (
              <Tag variant={q.current?.id === v.id ? "success" : "neutral"} size="small">
                {q.current?.id === v.id ? t("surveys.questionnaire.current") : t("surveys.questionnaire.published", { date: t.date(v.publishedAt) })}
              </Tag>
            ) : (
              <Tag variant="warning" size="small">
                {t("surveys.questionnaire.draft")}
              </Tag>
            )}
          </Heading>
          {v.intro ? <BodyShort spacing>{v.intro}</BodyShort> : null}
          <List as="ol" aria-label={t("surveys.questionnaire.questionsOf", { n: v.version })}>
            {v.questions.map((question) => (
              <List.Item key={question.key}>
                <BodyShort weight="semibold">{question.text}</BodyShort>
                <BodyShort size="small">
                  {question.kind === "scale" ? question.options.join(" · ") : t(`surveys.kind.${question.kind}`)}
                  {question.goal ? ` — ${t("surveys.questionnaire.feeds", { goal: t(`goals.kind.${question.goal}`), from: question.kind === "scale" ? question.options[agreeThreshold(question)! - 1]! : t("surveys.answer.yes") })}` : ""}
                </BodyShort>
              </List.Item>
            ))}
          </List>
          {v.sourceNote ? (
            <BodyShort size="small" textColor="subtle">
              {t("surveys.questionnaire.source")}: {v.sourceNote}
            </BodyShort>
          ) : null}
          {!v.publishedAt ? (
            <Form method="post">
              <CsrfField />
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("surveys.questionnaire.publish", { n: v.version })}
              </Button>
            </Form>
          ) : null}
        </section>
      ))}
    </VStack>
  );
}
