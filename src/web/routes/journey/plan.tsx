import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Checkbox, CheckboxGroup, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { agreeActions, getPlan, type PlanView } from "../../../services/plans.ts";
import { agreeActionsSchema } from "../../../services/schemas/plans.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import { participantLabel, planPath } from "../../components/plan/labels.ts";
import { PlanContentView } from "../../components/plan/PlanContentView.tsx";
import { PlanHistory, PlanPageHeader } from "../../components/plan/PlanHistory.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/plan";

// The plan as it stands: goal, sub-goals, obstacles, actions; whether the participant has accepted it;
// every version. Coordinators mark actions agreed here.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "plan.view.metaTitle");

const DONE = ["saved", "unchanged", "agreed", "accepted", "final"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getPlan(ctx, params.enrolmentId));
  const url = new URL(request.url);
  const done = DONE.find((d) => url.searchParams.has(d)) ?? null;
  return { view, done: done ? { kind: done, version: Number(url.searchParams.get(done)) || 0 } : null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.enrolmentId;
  const result = await formAction(formData, agreeActionsSchema, async (value) => {
    const saved = await agreeActions(ctx, id, value);
    return redirect(planPath(id, saved.changed ? `?agreed=${saved.version}` : "?unchanged=1"));
  });
  return result instanceof Response ? result : { result };
}

export default function PlanPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, done } = loaderData;
  const name = participantLabel(view.header);
  const current = view.current;
  const id = view.header.enrolmentId;
  return (
    <VStack gap="space-32">
      {done && !actionData ? (
        <Alert variant={done.kind === "unchanged" ? "info" : "success"} role="status">
          {t(`plan.view.done.${done.kind}`, { version: done.version })}
        </Alert>
      ) : null}
      <PlanPageHeader header={view.header} title={t("plan.view.title", { name })}>
        <BodyShort>{t("plan.view.intro")}</BodyShort>
      </PlanPageHeader>

      {current === null ? (
        <VStack gap="space-16" align="start">
          <BodyShort>{t("plan.view.empty")}</BodyShort>
          {view.canManage ? <LinkButton to={planPath(id, "/edit")}>{t("plan.view.write")}</LinkButton> : null}
        </VStack>
      ) : (
        <>
          <VStack gap="space-16">
            <BodyShort>{t("plan.view.current", { version: current.version, time: t.dateTime(new Date(current.createdAt)), name: current.authorName })}</BodyShort>
            {current.stage === "final" ? <Alert variant="info" size="small">{t("plan.view.finalNotice")}</Alert> : null}
            <HStack gap="space-16" wrap>
              {view.canManage ? <LinkButton to={planPath(id, "/edit")}>{t("plan.view.edit")}</LinkButton> : null}
              {view.versions.length > 1 ? (
                <LinkButton to={planPath(id, `/compare?from=${current.version - 1}&to=${current.version}`)} variant="secondary">
                  {t("plan.view.compare")}
                </LinkButton>
              ) : null}
              {view.canManage ? (
                <LinkButton to={planPath(id, "/final")} variant="secondary">
                  {t("plan.view.final")}
                </LinkButton>
              ) : null}
            </HStack>
            <BodyShort>
              <AkselLink href={`/enrolments/${id}/plan.pdf?version=${current.version}`} download>
                {t("plan.view.print")}
              </AkselLink>
            </BodyShort>
          </VStack>
          <AcceptanceSection view={view} />
          <SummarySection view={view} />
          <PlanContentView content={current.content} authorities={view.authorities} today={view.today} showRecommendations={current.stage === "final"} />
          {view.canManage ? <AgreeForm view={view} lastResult={actionData?.result ?? null} /> : null}
          <PlanHistory enrolmentId={id} versions={view.versions} />
        </>
      )}
    </VStack>
  );
}

function AcceptanceSection({ view }: { view: PlanView }) {
  const t = useT();
  const { state, latest } = view.acceptance;
  const id = view.header.enrolmentId;
  const current = view.current!;
  return (
    <section aria-labelledby="plan-acceptance">
      <Heading level="2" size="medium" id="plan-acceptance" spacing>
        {t("plan.view.acceptanceHeading")}
      </Heading>
      <VStack gap="space-16" align="start">
        {state === "current" && latest ? (
          <Alert variant="success" size="small" inline>
            {t("plan.view.acceptance.current", { version: latest.version, date: t.date(latest.acceptedOn, "long"), how: t(`plan.method.${latest.method}`).toLowerCase() })}
          </Alert>
        ) : state === "outdated" && latest ? (
          <Alert variant="warning" data-testid="plan-not-accepted">
            <Heading level="3" size="xsmall" spacing>
              {t("plan.view.acceptance.outdatedTitle")}
            </Heading>
            <VStack gap="space-8">
              <BodyShort>{t("plan.view.acceptance.outdated", { accepted: latest.version, date: t.date(latest.acceptedOn, "long"), current: current.version })}</BodyShort>
              <BodyShort>
                <AkselLink as={Link} to={planPath(id, `/compare?from=${latest.version}&to=${current.version}`)}>
                  {t("plan.view.acceptance.compare", { version: latest.version })}
                </AkselLink>
              </BodyShort>
            </VStack>
          </Alert>
        ) : (
          <Alert variant="warning" size="small" inline data-testid="plan-not-accepted">
            {t("plan.view.acceptance.none")}
          </Alert>
        )}
        {view.canManage && state !== "current" ? (
          <LinkButton to={planPath(id, "/accept")} variant="secondary">
            {t("plan.view.acceptance.record")}
          </LinkButton>
        ) : null}
      </VStack>
    </section>
  );
}

function SummarySection({ view }: { view: PlanView }) {
  const t = useT();
  const s = view.summary;
  if (s.actions === 0) return null;
  return (
    <section aria-labelledby="plan-summary">
      <Heading level="2" size="medium" id="plan-summary" spacing>
        {t("plan.view.summaryHeading")}
      </Heading>
      <dl className="details-list" aria-label={t("plan.view.summaryCaption")}>
        <dt>{t("plan.view.open")}</dt>
        <dd>{t.number(s.open)}</dd>
        <dt>{t("plan.view.overdue")}</dt>
        <dd>{t.number(s.overdue)}</dd>
        <dt>{t("plan.view.notAgreed")}</dt>
        <dd>{t.number(s.openNotAgreed)}</dd>
        <dt>{t("plan.view.doneCount")}</dt>
        <dd>{t.number(s.done)}</dd>
      </dl>
    </section>
  );
}

function AgreeForm({ view, lastResult }: { view: PlanView; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const fieldError = useFieldError();
  const [form, fields] = useSpelForm(agreeActionsSchema, lastResult);
  const current = view.current!;
  const open = current.content.actions.filter((a) => !a.agreed && (a.status === "planned" || a.status === "in_progress"));
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="plan-agree" className="form-narrow">
      <Heading level="2" size="medium" id="plan-agree" spacing>
        {t("plan.view.agree.heading")}
      </Heading>
      <BodyShort spacing>{t("plan.view.agree.help")}</BodyShort>
      <FormErrorSummary form={form} fields={{ actionIds: fields.actionIds }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="baseVersion" value={current.version} />
        <VStack gap="space-16">
          <CheckboxGroup id={fields.actionIds.id} legend={t("plan.view.agree.legend")} error={fieldError(fields.actionIds)}>
            {open.map((a) => (
              <Checkbox key={a.id} name={fields.actionIds.name} value={a.id}>
                {a.what}
              </Checkbox>
            ))}
          </CheckboxGroup>
          <div>
            <Button type="submit" variant="secondary">
              {t("plan.view.agree.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}
