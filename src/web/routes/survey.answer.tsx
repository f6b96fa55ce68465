import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { ThrottledError } from "../../services/errors.ts";
import { answerSchema } from "../../services/schemas/surveys.ts";
import { answerSurveyLink, openSurveyLink } from "../../services/surveys.ts";
import { PublicShell } from "../components/PublicShell.tsx";
import { AnonymityChoice, SurveyErrorSummary, SurveySections } from "../components/surveys/SurveyForm.tsx";
import { getWeb } from "../context.ts";
import { formAction } from "../lib/actions.server.ts";
import { CsrfField } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/survey.answer";

// A participant answers a survey through the one-time link they were given: no sign-in (the link is the
// credential), plain language, big targets, works on a phone without JavaScript. Anonymous by default. The
// site's Referrer-Policy (same-origin) keeps the link from other sites; "no-referrer" here would make browsers
// send `Origin: null` with the form, which the same-origin check refuses.

export const meta: Route.MetaFunction = ({ matches }) => [...pageTitle(matches, "surveys.answer.metaTitle"), { name: "robots", content: "noindex" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const web = getWeb(context);
  const done = new URL(request.url).searchParams.get("done");
  try {
    const state = await openSurveyLink(web.deps, web.meta, params.token);
    return { state, done: done === "anonymous" || done === "named" ? done : null, throttled: false };
  } catch (error) {
    if (error instanceof ThrottledError) return { state: { state: "unknown" as const }, done: null, throttled: true };
    throw error;
  }
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const web = getWeb(context);
  const result = await formAction(await request.formData(), answerSchema, async (value) => {
    const saved = await answerSurveyLink(web.deps, web.meta, params.token, value);
    return redirect(`/s/${params.token}?done=${saved.anonymous ? "anonymous" : "named"}`);
  });
  return result instanceof Response ? result : { result };
}

export default function SurveyAnswerPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { state, done, throttled } = loaderData;
  const result = navigation.state === "idle" ? actionData?.result : null;
  return (
    <PublicShell>
      <VStack gap="space-32" className="narrow survey-answer">
        {done ? (
          <>
            <Heading level="1" size="large">
              {t("surveys.answer.thanksTitle")}
            </Heading>
            <Alert variant="success">{t(done === "anonymous" ? "surveys.answer.thanksAnonymous" : "surveys.answer.thanksNamed")}</Alert>
            <BodyShort>{t("surveys.answer.thanksClose")}</BodyShort>
          </>
        ) : state.state !== "open" ? (
          <>
            <Heading level="1" size="large">
              {t("surveys.answer.closedTitle")}
            </Heading>
            <Alert variant="info">{t(throttled ? "surveys.answer.throttled" : `surveys.answer.state.${state.state}`)}</Alert>
          </>
        ) : (
          <>
            <div>
              <Heading level="1" size="large" spacing>
                {t(state.survey.audience === "exit" ? "surveys.answer.titleExit" : "surveys.answer.titleOngoing", { program: state.survey.programName })}
              </Heading>
              <BodyShort spacing>{t("surveys.answer.intro")}</BodyShort>
              {state.survey.lastDay ? <BodyShort textColor="subtle">{t("surveys.answer.lastDay", { date: t.date(state.survey.lastDay, "long") })}</BodyShort> : null}
            </div>
            <SurveyErrorSummary result={result} sections={state.survey.sections} formId="survey-answer" />
            <Form method="post" id="survey-answer">
              <CsrfField />
              <VStack gap="space-40">
                <SurveySections sections={state.survey.sections} result={result} />
                <AnonymityChoice result={result} />
                <div>
                  <Button type="submit" size="medium" loading={navigation.state === "submitting"}>
                    {t("surveys.answer.submit")}
                  </Button>
                </div>
              </VStack>
            </Form>
          </>
        )}
      </VStack>
    </PublicShell>
  );
}
