import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { Alert, BodyShort, Button, CopyButton, Heading, HStack, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { MAX_RHYTHM_WEEKS, MIN_RHYTHM_WEEKS } from "../../../domain/surveys.ts";
import type { PersonLabel } from "../../../services/access.ts";
import { handOutSchema, rhythmSchema } from "../../../services/schemas/surveys.ts";
import { handOutSurvey, type HandOutResult, setSurveyRhythm, surveysOverview } from "../../../services/surveys.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/surveys";

// The program's surveys: the questionnaires and their versions, the rhythm for ongoing participants, the
// surveys to hand out (offered by an exit, or due on the rhythm) and those handed out. A link is shown once,
// right after it is made (only its hash is stored).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "surveys.metaTitle");

type Result = SubmissionResult<string[]>;
type ActionData = { intent: "handOut"; result: Result; handedOut: HandOutResult | null } | { intent: "rhythm"; result: Result };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const done = new URL(request.url).searchParams.get("done");
  return { view: await orResponse(surveysOverview(ctx, params.programId)), done: done === "rhythm" || done === "published" || done === "paper" ? done : null };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  if (formData.get("intent") === "rhythm") {
    const result = await formAction(formData, rhythmSchema, async (value) => {
      await setSurveyRhythm(ctx, params.programId, value);
      return redirect(`/programs/${params.programId}/surveys?done=rhythm`);
    });
    return result instanceof Response ? result : { intent: "rhythm", result };
  }
  let handedOut: HandOutResult | null = null;
  const result = await formAction(formData, handOutSchema, async (value) => {
    handedOut = await handOutSurvey(ctx, params.programId, value);
    return null;
  });
  return { intent: "handOut", result: result ?? { status: "success" }, handedOut };
}

function who(t: ReturnType<typeof useT>, p: PersonLabel) {
  return p.name ?? t("surveys.maskedPerson", { reference: p.reference });
}

export default function SurveysPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { view, done } = loaderData;
  const base = `/programs/${view.program.id}/surveys`;
  const handedOut = actionData?.intent === "handOut" ? actionData.handedOut : null;
  const handOutErrors = actionData?.intent === "handOut" ? ((actionData.result as { error?: Record<string, string[]> }).error?.[""] ?? []) : [];
  const [rhythmForm, rhythmFields] = useSpelForm(rhythmSchema, actionData?.intent === "rhythm" ? actionData.result : null, { everyWeeks: String(view.everyWeeks) });
  return (
    <VStack gap="space-40">
      <div>
        <BackLink to={`/programs/${view.program.id}`}>{view.program.name}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("surveys.title", { program: view.program.name })}
        </Heading>
        <BodyShort spacing>{t("surveys.intro")}</BodyShort>
        <HStack gap="space-24">
          <AkselLink as={Link} to={`${base}/results`}>
            {t("surveys.resultsLink")}
          </AkselLink>
          <AkselLink as={Link} to={`${base}/paper/exit`}>
            {t("surveys.paperExitLink")}
          </AkselLink>
          <AkselLink as={Link} to={`${base}/paper/ongoing`}>
            {t("surveys.paperOngoingLink")}
          </AkselLink>
        </HStack>
      </div>
      {done ? <Alert variant="success">{t(`surveys.done.${done}`)}</Alert> : null}
      {handedOut ? (
        <Alert variant="success" role="status">
          {handedOut.link ? (
            <VStack gap="space-8">
              <BodyShort weight="semibold">{t("surveys.handOut.linkMade", { date: t.date(handedOut.lastDay!) })}</BodyShort>
              <code data-testid="survey-link" className="survey-link">
                {handedOut.link}
              </code>
              <div>
                <CopyButton copyText={handedOut.link} text={t("surveys.handOut.copy")} activeText={t("surveys.handOut.copied")} />
              </div>
              <BodyShort size="small">{t("surveys.handOut.linkOnce")}</BodyShort>
            </VStack>
          ) : (
            t("surveys.handOut.paperMade")
          )}
        </Alert>
      ) : null}
      {handOutErrors.length ? <Alert variant="error">{handOutErrors.map((e) => t(e)).join(" ")}</Alert> : null}

      <section aria-labelledby="surveys-todo">
        <Heading level="2" size="medium" id="surveys-todo" spacing>
          {t("surveys.todo.heading")}
        </Heading>
        {view.toHandOut.length === 0 ? (
          <BodyShort>{t("surveys.todo.none")}</BodyShort>
        ) : (
          <DataTable caption={t("surveys.todo.caption")} columns={[t("surveys.col.person"), t("surveys.col.audience"), t("surveys.col.due"), t("surveys.col.handOut")]}>
            {view.toHandOut.map((h) => (
              <Table.Row key={h.id ?? `due-${h.enrolmentId}`} data-testid="survey-todo">
                <Table.HeaderCell scope="row">{who(t, h.person)}</Table.HeaderCell>
                <Table.DataCell>{t(`surveys.audience.${h.audience}`)}</Table.DataCell>
                <Table.DataCell>{t.date(h.dueOn)}</Table.DataCell>
                <Table.DataCell>
                  <HStack gap="space-8">
                    {(["link", "paper"] as const).map((channel) => (
                      <Form method="post" key={channel}>
                        <CsrfField />
                        {h.id ? <input type="hidden" name="handoutId" value={h.id} /> : <input type="hidden" name="enrolmentId" value={h.enrolmentId} />}
                        <input type="hidden" name="audience" value={h.audience} />
                        <input type="hidden" name="channel" value={channel} />
                        <Button type="submit" size="small" variant={channel === "link" ? "primary" : "secondary"} loading={navigation.state === "submitting" && navigation.formData?.get("channel") === channel && (navigation.formData?.get("handoutId") ?? navigation.formData?.get("enrolmentId")) === (h.id ?? h.enrolmentId)}>
                          {t(`surveys.handOut.${channel}`)}
                          <span className="visually-hidden">: {who(t, h.person)}</span>
                        </Button>
                      </Form>
                    ))}
                  </HStack>
                </Table.DataCell>
              </Table.Row>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="surveys-handed">
        <Heading level="2" size="medium" id="surveys-handed" spacing>
          {t("surveys.handed.heading")}
        </Heading>
        {view.handedOut.length === 0 ? (
          <BodyShort>{t("surveys.handed.none")}</BodyShort>
        ) : (
          <DataTable caption={t("surveys.handed.caption")} columns={[t("surveys.col.person"), t("surveys.col.audience"), t("surveys.col.handedOutOn"), t("surveys.col.channel"), t("surveys.col.status"), t("surveys.col.newLink")]}>
            {view.handedOut.map((h) => (
              <Table.Row key={h.id!} data-testid="survey-handed">
                <Table.HeaderCell scope="row">{who(t, h.person)}</Table.HeaderCell>
                <Table.DataCell>{t(`surveys.audience.${h.audience}`)}</Table.DataCell>
                <Table.DataCell>{t.date(h.handedOutOn!)}</Table.DataCell>
                <Table.DataCell>{t(`surveys.channel.${h.channel!}`)}</Table.DataCell>
                <Table.DataCell>
                  {h.used ? (
                    <Tag variant="success" size="small">
                      {t("surveys.status.answered")}
                    </Tag>
                  ) : h.lastDay && h.lastDay < view.today ? (
                    t("surveys.status.expired")
                  ) : h.channel === "link" ? (
                    t("surveys.status.open", { date: t.date(h.lastDay!) })
                  ) : (
                    t("surveys.status.paper")
                  )}
                </Table.DataCell>
                <Table.DataCell>
                  {!h.used && h.channel === "link" ? (
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="handoutId" value={h.id!} />
                      <input type="hidden" name="channel" value="link" />
                      <Button type="submit" size="small" variant="tertiary">
                        {t("surveys.handOut.again")}
                        <span className="visually-hidden">: {who(t, h.person)}</span>
                      </Button>
                    </Form>
                  ) : (
                    "–"
                  )}
                </Table.DataCell>
              </Table.Row>
            ))}
          </DataTable>
        )}
        <BodyShort size="small" textColor="subtle">
          {t("surveys.handed.anonymityNote")}
        </BodyShort>
      </section>

      <section aria-labelledby="surveys-questionnaires">
        <Heading level="2" size="medium" id="surveys-questionnaires" spacing>
          {t("surveys.questionnaires.heading")}
        </Heading>
        <DataTable caption={t("surveys.questionnaires.caption")} columns={[t("surveys.col.questionnaire"), t("surveys.col.audience"), t("surveys.col.current"), t("surveys.col.draft")]}>
          {view.questionnaires.map((q) => (
            <Table.Row key={q.id}>
              <Table.HeaderCell scope="row">
                <AkselLink as={Link} to={`${base}/questionnaires/${q.id}`}>
                  {q.name}
                </AkselLink>
                {q.national ? (
                  <>
                    {" "}
                    <Tag variant="info" size="xsmall">
                      {t("surveys.national")}
                    </Tag>
                  </>
                ) : null}
              </Table.HeaderCell>
              <Table.DataCell>{t(`surveys.questionnaireAudience.${q.audience}`)}</Table.DataCell>
              <Table.DataCell>{q.current ? t("surveys.versionN", { n: q.current.version }) : t("surveys.notPublished")}</Table.DataCell>
              <Table.DataCell>{q.draft ? t("surveys.versionN", { n: q.draft.version }) : "–"}</Table.DataCell>
            </Table.Row>
          ))}
        </DataTable>
        <BodyShort spacing>
          <AkselLink as={Link} to={`${base}/questionnaires/new`}>
            {t("surveys.questionnaires.new")}
          </AkselLink>
        </BodyShort>
      </section>

      <section aria-labelledby="surveys-rhythm" className="form-narrow">
        <Heading level="2" size="medium" id="surveys-rhythm" spacing>
          {t("surveys.rhythm.heading")}
        </Heading>
        <FormErrorSummary form={rhythmForm} fields={{ everyWeeks: rhythmFields.everyWeeks }} />
        <Form method="post" {...getFormProps(rhythmForm)}>
          <CsrfField />
          <input type="hidden" name="intent" value="rhythm" />
          <VStack gap="space-16">
            <TextInput field={rhythmFields.everyWeeks} label={t("surveys.rhythm.label")} description={t("surveys.rhythm.help", { min: MIN_RHYTHM_WEEKS, max: MAX_RHYTHM_WEEKS })} htmlSize={4} inputMode="numeric" autoComplete="off" />
            <div>
              <Button type="submit" variant="secondary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "rhythm"}>
                {t("surveys.rhythm.submit")}
              </Button>
            </div>
          </VStack>
        </Form>
      </section>
    </VStack>
  );
}
