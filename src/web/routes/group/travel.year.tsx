import { Alert, BodyLong, BodyShort, Button, Fieldset, Heading, HStack, Link as AkselLink, Select, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import type { UploadedFile } from "../../../services/consents.ts";
import { ValidationError } from "../../../services/errors.ts";
import { travelBudgetSchema, travelDisbursementSchema, voidDisbursementSchema } from "../../../services/schemas/travel.ts";
import { getTravelYear, recordDisbursement, setTravelBudget, voidDisbursement } from "../../../services/travel.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { BudgetForm, DisbursementForm, type TravelActionData } from "../../components/travel/TravelForms.tsx";
import { BalanceTable, DisbursementTable } from "../../components/travel/TravelTables.tsx";
import { amountForInput, money, travelPersonLabel } from "../../components/travel/labels.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/travel.year";

// The program's travel money for a year: the balance against the budget, the budget form, a disbursement
// with its receipt, and the year's list (filtered by month and participant) where a disbursement is voided.

export const meta: Route.MetaFunction = ({ matches, params }) => pageTitle(matches, "travel.title", { year: params.year });

const DONE = ["budget", "recorded", "voided"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const filterValues = { month: url.searchParams.get("month") ?? "", personId: url.searchParams.get("personId") ?? "" };
  let filterErrors: Record<string, string> = {};
  let view: Awaited<ReturnType<typeof getTravelYear>>;
  try {
    view = await getTravelYear(ctx, params.programId, params.year, filterValues);
  } catch (error) {
    if (!(error instanceof ValidationError)) rethrowAsResponse(error);
    // A filter that is not valid: the whole year, with the message at the filter.
    filterErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages[0] ?? "errors.invalid"]));
    view = await orResponse(getTravelYear(ctx, params.programId, params.year));
  }
  const done = DONE.find((d) => url.searchParams.get("done") === d) ?? null;
  return { view, filterValues, filterErrors, done, paidBy: ctx.actor.user.displayName };
}

async function uploadedFile(entry: FormDataEntryValue | null): Promise<UploadedFile | null> {
  if (!(entry instanceof File) || entry.size === 0) return null;
  return { name: entry.name, type: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<TravelActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const base = `/programs/${params.programId}/travel`;
  const intent = formData.get("intent");
  if (intent === "budget") {
    const result = await formAction(formData, travelBudgetSchema, async (value) => {
      await setTravelBudget(ctx, params.programId, value);
      return redirect(`${base}/${value.year}?done=budget`);
    });
    return result instanceof Response ? result : { intent: "budget", result };
  }
  if (intent === "void") {
    const disbursementId = String(formData.get("disbursementId") ?? "");
    const result = await formAction(formData, voidDisbursementSchema, async (value) => {
      await voidDisbursement(ctx, params.programId, disbursementId, value);
      return redirect(`${base}/${params.year}?done=voided`);
    });
    return result instanceof Response ? result : { intent: "void", disbursementId, result };
  }
  const receipt = await uploadedFile(formData.get("receipt"));
  const result = await formAction(
    formData,
    travelDisbursementSchema,
    async (value) => {
      await recordDisbursement(ctx, params.programId, value, receipt);
      return redirect(`${base}/${value.date.slice(0, 4)}?done=recorded`);
    },
    { hideFields: ["receipt"] },
  );
  return result instanceof Response ? result : { intent: "record", result };
}

export default function TravelYearPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, filterValues, filterErrors, done, paidBy } = loaderData;
  const data = actionData as TravelActionData | undefined;
  const base = `/programs/${view.program.id}/travel`;
  const page = `${base}/${view.year}`;
  const voidResult = (id: string) => (data?.intent === "void" && data.disbursementId === id ? data.result : null);
  const filtered = filterValues.month !== "" || filterValues.personId !== "";
  const sameYear = view.today.startsWith(String(view.year));
  const counted = view.disbursements.filter((d) => d.voided === null).length;
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`travel.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${view.program.id}`}>{t("travel.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("travel.title", { year: view.year })}
        </Heading>
        <BodyLong spacing>{t("travel.about", { program: view.program.name })}</BodyLong>
        {view.years.length > 1 ? (
          <nav aria-label={t("travel.years")}>
            <HStack gap="space-16" wrap>
              <BodyShort>{t("travel.years")}:</BodyShort>
              {view.years
                .filter((y) => y !== view.year)
                .map((y) => (
                  <AkselLink key={y} as={Link} to={`${base}/${y}`}>
                    {t("travel.yearLink", { year: y })}
                  </AkselLink>
                ))}
            </HStack>
          </nav>
        ) : null}
      </div>

      <section aria-labelledby="travel-balance">
        <Heading level="2" size="medium" id="travel-balance" spacing>
          {t("travel.balance.heading")}
        </Heading>
        <VStack gap="space-16">
          <BalanceTable balance={view.balance} budgetSet={view.budget !== null} currency={view.currency} year={view.year} />
          <BodyShort>
            <AkselLink as={Link} to={`${page}/report`}>
              {t("travel.reportLink", { year: view.year })}
            </AkselLink>
          </BodyShort>
        </VStack>
      </section>

      <section aria-labelledby="travel-record">
        <Heading level="2" size="medium" id="travel-record" spacing>
          {t("travel.record.heading")}
        </Heading>
        {view.participants.length === 0 ? (
          <BodyLong>{t("travel.record.noParticipants")}</BodyLong>
        ) : (
          <>
            <BodyLong spacing className="form-narrow">
              {t("travel.record.intro")}
            </BodyLong>
            <DisbursementForm participants={view.participants} defaultDate={sameYear ? view.today : ""} defaultPaidBy={paidBy} lastResult={data?.intent === "record" ? data.result : null} />
          </>
        )}
      </section>

      <section aria-labelledby="travel-list">
        <Heading level="2" size="medium" id="travel-list" spacing>
          {t("travel.list.heading", { year: view.year })}
        </Heading>
        <VStack gap="space-16">
          <Form method="get" action={page} role="search" aria-labelledby="travel-filter-legend">
            <Fieldset legend={<span id="travel-filter-legend">{t("travel.filter.label")}</span>} size="small">
              <HStack gap="space-16" align="end" wrap>
                <Select id="filter-month" name="month" label={t("travel.filter.month")} defaultValue={filterValues.month} error={filterErrors.month ? t(filterErrors.month) : undefined} size="small">
                  <option value="">{t("travel.filter.monthAll")}</option>
                  {Array.from({ length: 12 }, (_, i) => (
                    <option key={i + 1} value={String(i + 1)}>
                      {t(`travel.month.${i + 1}`)}
                    </option>
                  ))}
                </Select>
                <Select id="filter-person" name="personId" label={t("travel.filter.person")} defaultValue={filterValues.personId} error={filterErrors.personId ? t(filterErrors.personId) : undefined} size="small">
                  <option value="">{t("travel.filter.personAll")}</option>
                  {view.participants.map((p) => (
                    <option key={p.personId} value={p.personId}>
                      {travelPersonLabel(t, p)}
                    </option>
                  ))}
                </Select>
                <Button type="submit" variant="secondary" size="small">
                  {t("travel.filter.submit")}
                </Button>
                {filtered ? (
                  <AkselLink as={Link} to={page}>
                    {t("travel.filter.reset")}
                  </AkselLink>
                ) : null}
              </HStack>
            </Fieldset>
          </Form>
          {view.disbursements.length === 0 ? (
            <BodyShort>{t("travel.list.none")}</BodyShort>
          ) : (
            <>
              <DisbursementTable programId={view.program.id} rows={view.disbursements} voidResult={voidResult} />
              <BodyShort>{t("travel.list.total", { amount: money(t, view.listTotal, view.currency), count: counted })}</BodyShort>
            </>
          )}
        </VStack>
      </section>

      <section aria-labelledby="travel-budget">
        <Heading level="2" size="medium" id="travel-budget" spacing>
          {t("travel.budget.heading", { year: view.year })}
        </Heading>
        <BodyLong spacing className="form-narrow">
          {t("travel.budget.intro")}
        </BodyLong>
        {view.budget ? (
          <BodyShort spacing>{t("travel.budget.current", { amount: money(t, view.budget.amount, view.currency), name: view.budget.setBy, date: t.date(view.budget.setAt) })}</BodyShort>
        ) : null}
        <BudgetForm year={view.year} defaultAmount={view.budget ? amountForInput(view.budget.amount) : ""} lastResult={data?.intent === "budget" ? data.result : null} />
      </section>
    </VStack>
  );
}
