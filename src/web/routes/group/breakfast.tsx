import { Alert, BodyLong, BodyShort, Button, Fieldset, Heading, HStack, Link as AkselLink, TextField, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { ValidationError } from "../../../services/errors.ts";
import { getBreakfastRota, planBreakfastRota, replanBreakfastRota, swapBreakfastDuties } from "../../../services/rota.ts";
import { rotaPlanFormSchema, rotaSwapSchema } from "../../../services/schemas/rota.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { PlanForm, type RotaActionData, SwapForm } from "../../components/rota/RotaForms.tsx";
import { CountsTable, RotaTable } from "../../components/rota/RotaTables.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/breakfast";

// The breakfast rota of a period (the coming four weeks by default): who has breakfast on each group day,
// what needs doing, the breakfasts per participant; planning and swaps for those who manage the schedule.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "rota.metaTitle");

const DONE = ["plan", "replan", "swap"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const periodValues = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  let periodErrors: Record<string, string> = {};
  let view: Awaited<ReturnType<typeof getBreakfastRota>>;
  try {
    view = await getBreakfastRota(ctx, params.programId, periodValues);
  } catch (error) {
    if (!(error instanceof ValidationError)) rethrowAsResponse(error);
    // A period that is not valid: the coming four weeks, with the message at the field.
    periodErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages[0] ?? "errors.invalid"]));
    view = await orResponse(getBreakfastRota(ctx, params.programId));
  }
  const done = DONE.find((d) => url.searchParams.get("done") === d) ?? null;
  return { view, periodValues, periodErrors, done };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<RotaActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const base = `/programs/${params.programId}/breakfast`;
  if (formData.get("intent") === "swap") {
    const result = await formAction(formData, rotaSwapSchema, async (value) => {
      await swapBreakfastDuties(ctx, params.programId, value);
      const [from, to] = value.aDate < value.bDate ? [value.aDate, value.bDate] : [value.bDate, value.aDate];
      return redirect(`${base}?${new URLSearchParams({ from: String(formData.get("shownFrom") || from), to: String(formData.get("shownTo") || to), done: "swap" })}`);
    });
    return result instanceof Response ? result : { intent: "swap", result };
  }
  const result = await formAction(formData, rotaPlanFormSchema, async (value) => {
    await (value.mode === "plan" ? planBreakfastRota : replanBreakfastRota)(ctx, params.programId, value);
    return redirect(`${base}?${new URLSearchParams({ from: value.from, to: value.to, done: value.mode })}`);
  });
  return result instanceof Response ? result : { intent: "plan", result };
}

export default function BreakfastPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, periodValues, periodErrors, done } = loaderData;
  const data = actionData as RotaActionData | undefined;
  const page = `/programs/${view.program.id}/breakfast`;
  const shortfalls = view.days.filter((d) => d.shortfall > 0).length;
  const swappable = view.days.filter((d) => !d.past && d.groupDay && d.duties.length > 0);
  const hasFuture = view.days.some((d) => !d.past && d.onDuty > 0);
  // The forms start afresh when the period or the rota changes (after a plan or a swap), not after a refusal.
  const rotaKey = `${view.from}|${view.to}|${view.days.map((d) => `${d.date}:${d.duties.map((x) => x.person.personId).join(",")}:${d.onDuty}`).join(";")}`;
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`rota.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${view.program.id}/schedule`}>{t("rota.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("rota.title")}
        </Heading>
        <BodyLong spacing>{t("rota.about", { program: view.program.name })}</BodyLong>
        <BodyLong className="form-narrow">{t("rota.help")}</BodyLong>
      </div>

      <section aria-labelledby="rota-days">
        <Heading level="2" size="medium" id="rota-days" spacing>
          {t("rota.table.heading")}
        </Heading>
        <VStack gap="space-16">
          <Form method="get" action={page} aria-labelledby="rota-period-legend">
            <Fieldset legend={<span id="rota-period-legend">{t("rota.period.legend")}</span>} size="small">
              <HStack gap="space-16" align="end" wrap>
                {(["from", "to"] as const).map((field) => (
                  <TextField
                    key={field}
                    id={`period-${field}`}
                    name={field}
                    label={t(`rota.period.${field}`)}
                    description={t("rota.period.dateHelp")}
                    defaultValue={periodValues[field] || view[field]}
                    error={periodErrors[field] ? t(periodErrors[field]) : undefined}
                    htmlSize={12}
                    size="small"
                    autoComplete="off"
                  />
                ))}
                <Button type="submit" variant="secondary" size="small">
                  {t("rota.period.submit")}
                </Button>
                <AkselLink as={Link} to={page}>
                  {t("rota.period.reset")}
                </AkselLink>
              </HStack>
            </Fieldset>
          </Form>
          {shortfalls > 0 ? <Alert variant="warning">{t.plural("rota.shortfall.summary", shortfalls)}</Alert> : null}
          {view.seesNames ? null : <BodyShort>{t("rota.table.namesHidden")}</BodyShort>}
          {view.days.length === 0 ? (
            <BodyShort>{t("rota.table.none")}</BodyShort>
          ) : (
            <RotaTable days={view.days} seesNames={view.seesNames} from={view.from} to={view.to} today={view.today} />
          )}
        </VStack>
      </section>

      {view.seesNames ? (
        <section aria-labelledby="rota-counts">
          <Heading level="2" size="medium" id="rota-counts" spacing>
            {t("rota.counts.heading")}
          </Heading>
          <BodyLong spacing>{t("rota.counts.intro")}</BodyLong>
          {view.counts.length === 0 ? <BodyShort>{t("rota.counts.none")}</BodyShort> : <CountsTable counts={view.counts} />}
        </section>
      ) : null}

      {view.canManage ? (
        <section aria-labelledby="rota-plan">
          <Heading level="2" size="medium" id="rota-plan" spacing>
            {t("rota.plan.heading")}
          </Heading>
          <BodyLong spacing className="form-narrow">
            {t("rota.plan.intro")}
          </BodyLong>
          <PlanForm key={rotaKey} from={view.from < view.today ? view.today : view.from} to={view.to} defaultMode={hasFuture ? "replan" : "plan"} lastResult={data?.intent === "plan" ? data.result : null} />
        </section>
      ) : null}

      {view.canManage && view.seesNames ? (
        <section aria-labelledby="rota-swap">
          <Heading level="2" size="medium" id="rota-swap" spacing>
            {t("rota.swap.heading")}
          </Heading>
          <BodyLong spacing className="form-narrow">
            {t("rota.swap.intro")}
          </BodyLong>
          {swappable.length === 0 ? (
            <BodyShort>{t("rota.swap.none")}</BodyShort>
          ) : (
            <SwapForm key={rotaKey} days={swappable} participants={view.participants} shownFrom={view.from} shownTo={view.to} lastResult={data?.intent === "swap" ? data.result : null} />
          )}
        </section>
      ) : null}
    </VStack>
  );
}
