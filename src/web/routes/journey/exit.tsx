import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link, redirect } from "react-router";
import { answerNinetyDay, endPassivePhase, exitPage, recordExit, startPassivePhase } from "../../../services/exits.ts";
import { exitSchema, ninetyDaySchema, passiveEndSchema, passiveStartSchema } from "../../../services/schemas/exits.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { ExitForm } from "../../components/exits/ExitForm.tsx";
import { ExitSummary, NinetyDaySection, PassivePhaseSection } from "../../components/exits/ExitSections.tsx";
import { participantLabel } from "../../components/exits/labels.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/exit";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "exit.metaTitle");

const DONE = ["exited", "passiveStarted", "passiveEnded", "ninetyDay"] as const;
const INTENTS = ["exit", "passiveStart", "passiveEnd", "ninetyDay"] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(exitPage(ctx, params.enrolmentId));
  const done = new URL(request.url).searchParams.get("done");
  return { page, done: DONE.find((d) => d === done) ?? null };
}

type ActionData = { intent: Intent; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const id = params.enrolmentId;
  const back = (done: (typeof DONE)[number], hash = "") => redirect(`/enrolments/${id}/exit?done=${done}${hash}`);
  const intent = INTENTS.find((i) => i === formData.get("intent")) ?? "exit";
  let result: SubmissionResult<string[]> | Response;
  switch (intent) {
    case "passiveStart":
      result = await formAction(formData, passiveStartSchema, async (value) => {
        await startPassivePhase(ctx, id, value);
        return back("passiveStarted", "#exit-passive");
      });
      break;
    case "passiveEnd":
      result = await formAction(formData, passiveEndSchema, async (value) => {
        await endPassivePhase(ctx, id, value);
        return back("passiveEnded", "#exit-passive");
      });
      break;
    case "ninetyDay":
      result = await formAction(formData, ninetyDaySchema, async (value) => {
        await answerNinetyDay(ctx, id, value);
        return back("ninetyDay", "#exit-ninety");
      });
      break;
    default:
      result = await formAction(formData, exitSchema, async (value) => {
        await recordExit(ctx, id, value);
        return back("exited");
      });
  }
  return result instanceof Response ? result : { intent, result };
}

export default function ExitRoute({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, done } = loaderData;
  const data = actionData as ActionData | undefined;
  const resultFor = (intent: Intent) => (data?.intent === intent ? data.result : null);
  const { header } = page;
  const person = participantLabel(t, header);
  const base = `/enrolments/${header.enrolmentId}`;
  const showPassive = page.exit !== null || page.canStartPassive || page.passivePhases.length > 0;
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`exit.done.${done}`, { person })}</Alert> : null}
      <div>
        <BackLink to={base}>{t("exits.backTo", { person })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("exit.title", { person })}
        </Heading>
        <BodyShort>
          {header.programName} · {t("exits.period", { start: t.date(header.startDate, "long"), end: t.date(header.plannedEndDate, "long") })}
        </BodyShort>
      </div>

      {page.exit ? (
        <ExitSummary exit={page.exit} />
      ) : (
        <section aria-labelledby="exit-before">
          <Heading level="2" size="medium" id="exit-before" spacing>
            {t("exit.before.heading")}
          </Heading>
          <VStack gap="space-24">
            <dl className="details-list">
              <dt>{t("exit.before.coordinator")}</dt>
              <dd>{page.coordinatorName}</dd>
              <dt>{t("exit.before.plan")}</dt>
              <dd data-testid="exit-plan-status">
                {page.finalPlan ? (
                  t("exit.form.planAccepted", { version: t.number(page.finalPlan.version), date: t.date(page.finalPlan.acceptedOn, "long") })
                ) : (
                  <>
                    {t("exit.before.noPlan")}{" "}
                    <AkselLink as={Link} to={page.planPath}>
                      {t("exit.form.toPlan")}
                    </AkselLink>
                  </>
                )}
              </dd>
            </dl>
            {page.canManage ? <ExitForm page={page} lastResult={resultFor("exit")} /> : <BodyShort>{t("exit.before.notExited")}</BodyShort>}
          </VStack>
        </section>
      )}

      {page.ninetyDay ? <NinetyDaySection ninety={page.ninetyDay} canManage={page.canManage} today={page.today} lastResult={resultFor("ninetyDay")} /> : null}

      {showPassive ? <PassivePhaseSection page={page} startResult={resultFor("passiveStart")} endResult={resultFor("passiveEnd")} /> : null}

      <BodyShort>
        <AkselLink as={Link} to={`${base}/follow-ups`}>
          {t("exit.toFollowUps")}
        </AkselLink>
      </BodyShort>
    </VStack>
  );
}
