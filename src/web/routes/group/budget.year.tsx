import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Button, Fieldset, Heading, HStack, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { BUDGET_LINE_KINDS, type CsvRowError, FUNDER_KINDS } from "../../../domain/budget.ts";
import type { Currency, Minor } from "../../../domain/money.ts";
import { addFundingSource, type BudgetYearView, CsvImportError, endFundingSource, getBudgetYear, importActualCosts, recordActualCost, removeFundingSource, setBudgetLines } from "../../../services/budget.ts";
import type { UploadedFile } from "../../../services/consents.ts";
import { actualCostSchema, budgetLinesSchema, endFundingSchema, fundingSourceSchema, importCostsSchema } from "../../../services/schemas/budget.ts";
import type { Translator } from "../../../i18n/index.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { SelectInput, TextInput } from "../../components/fields.tsx";
import { FileInput } from "../../components/requests/FileInput.tsx";
import { amountForInput, money } from "../../components/travel/labels.ts";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/budget.year";

// The program's budget for a year: the overview (budget, actual, remaining, funding, gap, cost per
// participant), budget and actuals per line, actual costs per month, the funding sources; for the manager the
// forms (budget lines, one cost, a CSV import, a funding source, ending or removing one). Every form works
// without JavaScript; a refused one comes back with the messages at their fields and what was typed.

export const meta: Route.MetaFunction = ({ matches, params }) => pageTitle(matches, "budget.title", { year: params.year });

const DONE = ["lines", "cost", "imported", "funding", "ended", "removed"] as const;

type Result = SubmissionResult<string[]>;
type ActionData =
  | { intent: "lines"; result: Result }
  | { intent: "cost"; result: Result }
  | { intent: "import"; result: Result; rowErrors: CsvRowError[] }
  | { intent: "funding"; result: Result }
  | { intent: "end"; fundingId: string; result: Result };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getBudgetYear(ctx, params.programId, params.year));
  const url = new URL(request.url);
  const done = DONE.find((d) => url.searchParams.get("done") === d) ?? null;
  return { view, done };
}

async function uploadedFile(entry: FormDataEntryValue | null): Promise<UploadedFile | null> {
  if (!(entry instanceof File) || entry.size === 0) return null;
  return { name: entry.name, type: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const page = `/programs/${params.programId}/budget/${params.year}`;
  const intent = formData.get("intent");
  const fundingId = String(formData.get("fundingId") ?? "");
  if (intent === "lines") {
    const result = await formAction(formData, budgetLinesSchema, async (value) => {
      await setBudgetLines(ctx, params.programId, value);
      return redirect(`/programs/${params.programId}/budget/${value.year}?done=lines`);
    });
    return result instanceof Response ? result : { intent: "lines", result };
  }
  if (intent === "cost") {
    const result = await formAction(formData, actualCostSchema, async (value) => {
      await recordActualCost(ctx, params.programId, value);
      return redirect(`/programs/${params.programId}/budget/${value.month.slice(0, 4)}?done=cost`);
    });
    return result instanceof Response ? result : { intent: "cost", result };
  }
  if (intent === "import") {
    const file = await uploadedFile(formData.get("file"));
    let rowErrors: CsvRowError[] = [];
    const result = await formAction(
      formData,
      importCostsSchema,
      async (value) => {
        try {
          await importActualCosts(ctx, params.programId, value, file);
        } catch (error) {
          if (error instanceof CsvImportError) rowErrors = error.rows;
          throw error;
        }
        return redirect(`${page}?done=imported`);
      },
      { hideFields: ["file"] },
    );
    return result instanceof Response ? result : { intent: "import", result, rowErrors };
  }
  if (intent === "funding") {
    const result = await formAction(formData, fundingSourceSchema, async (value) => {
      await addFundingSource(ctx, params.programId, value);
      return redirect(`${page}?done=funding`);
    });
    return result instanceof Response ? result : { intent: "funding", result };
  }
  if (intent === "end") {
    const result = await formAction(formData, endFundingSchema, async (value) => {
      await endFundingSource(ctx, params.programId, fundingId, value);
      return redirect(`${page}?done=ended`);
    });
    return result instanceof Response ? result : { intent: "end", fundingId, result };
  }
  if (intent === "remove") {
    try {
      await removeFundingSource(ctx, params.programId, fundingId);
    } catch (error) {
      rethrowAsResponse(error);
    }
    return redirect(`${page}?done=removed`);
  }
  throw new Response("Bad request", { status: 400 });
}

const amountCell = { textAlign: "right", whiteSpace: "nowrap" } as const;

/** Tenths of a percent in the reader's language: 1234 -> "123,4 %". */
function percent(t: Translator, tenths: number | null): string {
  if (tenths === null) return "–";
  const sign = tenths < 0 ? "−" : "";
  const abs = Math.abs(tenths);
  const mark = t.locale === "en" ? "." : ",";
  return t("budget.percent", { value: `${sign}${Math.floor(abs / 10)}${mark}${abs % 10}` });
}

/** What is left, or by how much it is overspent, said in words and not only by colour. */
function Remaining({ t, remaining, currency }: { t: Translator; remaining: Minor; currency: Currency }) {
  return remaining < 0 ? <strong className="budget-overspent">{t("budget.overspent", { amount: money(t, -remaining, currency) })}</strong> : <>{money(t, remaining, currency)}</>;
}

function SummaryTable({ view }: { view: BudgetYearView }) {
  const t = useT();
  const { summary, currency } = view;
  const m = (minor: Minor) => money(t, minor, currency);
  const rows: [string, React.ReactNode][] = [
    [t("budget.summary.budget"), m(summary.total.budget)],
    [t("budget.summary.actual"), m(summary.total.actual)],
    [t("budget.summary.remaining"), <Remaining key="r" t={t} remaining={summary.total.remaining} currency={currency} />],
    [t("budget.summary.funding"), m(summary.funding.total)],
    summary.funding.gap >= 0 ? [t("budget.summary.gap"), m(summary.funding.gap)] : [t("budget.summary.surplus"), m(-summary.funding.gap)],
    [t("budget.summary.participants"), String(summary.participants)],
    [t("budget.summary.costPerParticipant"), summary.costPerParticipant === null ? t("budget.summary.noParticipants") : m(summary.costPerParticipant)],
    [t("budget.summary.budgetPerParticipant"), summary.budgetPerParticipant === null ? t("budget.summary.noParticipants") : m(summary.budgetPerParticipant)],
  ];
  return (
    <div className="table-scroll">
      <Table size="small" data-testid="budget-summary">
        <caption className="visually-hidden">{t("budget.summary.heading")}</caption>
        <Table.Body>
          {rows.map(([label, value]) => (
            <Table.Row key={label}>
              <Table.HeaderCell scope="row">{label}</Table.HeaderCell>
              <Table.DataCell style={amountCell}>{value}</Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function LinesTable({ view }: { view: BudgetYearView }) {
  const t = useT();
  const { summary, currency } = view;
  const m = (minor: Minor) => money(t, minor, currency);
  const set = new Set(view.lines.filter((l) => l.amount !== null).map((l) => l.line));
  return (
    <DataTable caption={t("budget.lines.caption", { year: view.year })} columns={[t("budget.col.line"), t("budget.col.budget"), t("budget.col.actual"), t("budget.col.remaining"), t("budget.col.used")]} size="small" testId="budget-lines">
      {summary.lines.map((l) => (
        <Table.Row key={l.line}>
          <Table.HeaderCell scope="row">{t(`budget.line.${l.line}`)}</Table.HeaderCell>
          <Table.DataCell style={amountCell}>{set.has(l.line) ? m(l.budget) : t("budget.notSet")}</Table.DataCell>
          <Table.DataCell style={amountCell}>{m(l.actual)}</Table.DataCell>
          <Table.DataCell style={amountCell}>
            <Remaining t={t} remaining={l.remaining} currency={currency} />
          </Table.DataCell>
          <Table.DataCell style={amountCell}>{percent(t, l.usedTenths)}</Table.DataCell>
        </Table.Row>
      ))}
      <Table.Row>
        <Table.HeaderCell scope="row">{t("budget.col.total")}</Table.HeaderCell>
        <Table.DataCell style={amountCell}>
          <strong>{m(summary.total.budget)}</strong>
        </Table.DataCell>
        <Table.DataCell style={amountCell}>
          <strong>{m(summary.total.actual)}</strong>
        </Table.DataCell>
        <Table.DataCell style={amountCell}>
          <Remaining t={t} remaining={summary.total.remaining} currency={currency} />
        </Table.DataCell>
        <Table.DataCell style={amountCell}>{percent(t, summary.total.usedTenths)}</Table.DataCell>
      </Table.Row>
    </DataTable>
  );
}

const monthLabel = (t: Translator, month: string) => `${t(`travel.month.${Number(month.slice(5, 7))}`)} ${month.slice(0, 4)}`;

function MonthsTable({ view }: { view: BudgetYearView }) {
  const t = useT();
  const { summary, currency } = view;
  const used = BUDGET_LINE_KINDS.filter((line) => summary.months.some((mo) => mo.lines.some((l) => l.line === line && l.actual !== null)));
  if (used.length === 0) return <BodyShort>{t("budget.months.none", { year: view.year })}</BodyShort>;
  return (
    <DataTable caption={t("budget.months.caption", { year: view.year })} columns={[t("budget.col.month"), ...used.map((line) => t(`budget.line.${line}`)), t("budget.col.total")]} size="small" testId="budget-months">
      {summary.months.map((mo) => (
        <Table.Row key={mo.month}>
          <Table.HeaderCell scope="row">{monthLabel(t, mo.month)}</Table.HeaderCell>
          {used.map((line) => {
            const actual = mo.lines.find((l) => l.line === line)?.actual ?? null;
            return (
              <Table.DataCell key={line} style={amountCell}>
                {actual === null ? "–" : money(t, actual, currency)}
              </Table.DataCell>
            );
          })}
          <Table.DataCell style={amountCell}>{mo.entered ? money(t, mo.total, currency) : "–"}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}

function FundingTable({ view, endResult }: { view: BudgetYearView; endResult: (id: string) => Result | null }) {
  const t = useT();
  if (view.funding.length === 0) return <BodyShort>{t("budget.funding.none", { year: view.year })}</BodyShort>;
  const columns = [t("budget.col.funder"), t("budget.col.kind"), t("budget.col.period"), t("budget.col.amount"), t("budget.col.share", { year: view.year }), view.canManage ? t("budget.col.actions") : null];
  return (
    <DataTable caption={t("budget.funding.caption", { year: view.year })} columns={columns} size="small" testId="budget-funding">
      {view.funding.map((f) => (
        <Table.Row key={f.id}>
          <Table.HeaderCell scope="row">{f.funder}</Table.HeaderCell>
          <Table.DataCell>{t(`budget.funderKind.${f.kind}`)}</Table.DataCell>
          <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t("budget.period", { from: t.date(f.from), to: t.date(f.to) })}</Table.DataCell>
          <Table.DataCell style={amountCell}>{money(t, f.amount, view.currency)}</Table.DataCell>
          <Table.DataCell style={amountCell}>{money(t, f.share, view.currency)}</Table.DataCell>
          {view.canManage ? (
            <Table.DataCell>
              <VStack gap="space-8">
                <EndFundingForm fundingId={f.id} funder={f.funder} lastResult={endResult(f.id)} />
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="fundingId" value={f.id} />
                  <Button type="submit" variant="tertiary" size="small" aria-label={t("budget.form.removeLabel", { funder: f.funder })}>
                    {t("budget.form.remove")}
                  </Button>
                </Form>
              </VStack>
            </Table.DataCell>
          ) : null}
        </Table.Row>
      ))}
    </DataTable>
  );
}

function EndFundingForm({ fundingId, funder, lastResult }: { fundingId: string; funder: string; lastResult: Result | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(endFundingSchema, lastResult);
  const refused = lastResult !== null && lastResult.status === "error";
  return (
    <details open={refused || undefined}>
      <summary style={{ cursor: "pointer" }}>
        {t("budget.form.endOpen")}
        <span className="visually-hidden"> ({funder})</span>
      </summary>
      <div style={{ minWidth: "12rem", paddingTop: "0.5rem" }}>
        <FormErrorSummary form={form} fields={{ to: fields.to }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="end" />
          <input type="hidden" name="fundingId" value={fundingId} />
          <VStack gap="space-8">
            <TextInput
              field={fields.to}
              label={
                <>
                  {t("budget.form.endTo")}
                  <span className="visually-hidden"> ({funder})</span>
                </>
              }
              description={t("budget.form.dateHelp")}
              size="small"
              htmlSize={12}
              autoComplete="off"
            />
            <div>
              <Button type="submit" variant="secondary" size="small">
                {t("budget.form.endSubmit")}
              </Button>
            </div>
          </VStack>
        </Form>
      </div>
    </details>
  );
}

function LinesForm({ view, lastResult }: { view: BudgetYearView; lastResult: Result | null }) {
  const t = useT();
  const navigation = useNavigation();
  const defaults = { year: String(view.year), lines: Object.fromEntries(view.lines.map((l) => [l.line, { amount: l.amount === null ? "" : amountForInput(l.amount), note: l.note }])) };
  const [form, fields] = useSpelForm(budgetLinesSchema, lastResult, defaults);
  const lineFields = fields.lines.getFieldset();
  const perLine = BUDGET_LINE_KINDS.map((line) => ({ line, fieldset: lineFields[line].getFieldset() }));
  const summaryFields = Object.fromEntries(perLine.flatMap(({ line, fieldset }) => [[`${line}.amount`, fieldset.amount], [`${line}.note`, fieldset.note]]));
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "lines";
  return (
    <div>
      <FormErrorSummary form={form} fields={summaryFields} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="lines" />
        <input type="hidden" name={fields.year.name} value={String(view.year)} />
        <VStack gap="space-16">
          <Fieldset legend={t("budget.form.linesLegend")} description={t("budget.form.linesIntro")}>
            <VStack gap="space-12">
              {perLine.map(({ line, fieldset }) => (
                <HStack key={line} gap="space-16" align="end" wrap>
                  <TextInput field={fieldset.amount} label={t("budget.form.amountFor", { line: t(`budget.line.${line}`) })} htmlSize={14} inputMode="decimal" autoComplete="off" size="small" />
                  <TextInput field={fieldset.note} label={t("budget.form.noteFor", { line: t(`budget.line.${line}`) })} htmlSize={30} autoComplete="off" size="small" maxLength={300} />
                </HStack>
              ))}
            </VStack>
          </Fieldset>
          <div>
            <Button type="submit" loading={busy}>
              {t("budget.form.linesSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

function LineOptions() {
  const t = useT();
  return (
    <>
      <option value="">{t("budget.form.choose")}</option>
      {BUDGET_LINE_KINDS.map((line) => (
        <option key={line} value={line}>
          {t(`budget.line.${line}`)}
        </option>
      ))}
    </>
  );
}

function CostForm({ view, lastResult }: { view: BudgetYearView; lastResult: Result | null }) {
  const t = useT();
  const navigation = useNavigation();
  const thisMonth = view.today.startsWith(String(view.year)) ? view.today.slice(0, 7) : `${view.year}-01`;
  const [form, fields] = useSpelForm(actualCostSchema, lastResult, { month: thisMonth });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "cost";
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ month: fields.month, line: fields.line, amount: fields.amount, note: fields.note }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="cost" />
        <VStack gap="space-16">
          <HStack gap="space-16" wrap>
            <TextInput field={fields.month} label={t("budget.form.month")} description={t("budget.form.monthHelp", { example: `${view.year}-03` })} htmlSize={10} autoComplete="off" />
            <SelectInput field={fields.line} label={t("budget.form.line")}>
              <LineOptions />
            </SelectInput>
          </HStack>
          <TextInput field={fields.amount} label={t("budget.form.amount")} description={t("budget.form.amountHelp")} htmlSize={16} inputMode="decimal" autoComplete="off" />
          <TextInput field={fields.note} label={t("budget.form.note")} autoComplete="off" maxLength={300} />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("budget.form.costSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

function ImportForm({ view, lastResult, rowErrors }: { view: BudgetYearView; lastResult: Result | null; rowErrors: CsvRowError[] }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(importCostsSchema, lastResult, { year: String(view.year) });
  const file = fields.file!;
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "import";
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ file }} />
      {rowErrors.length > 0 ? (
        <Alert variant="error" size="small" data-testid="budget-import-errors">
          <BodyShort spacing>{t("budget.form.importErrorsHeading")}</BodyShort>
          <ul>
            {rowErrors.map((e, i) => (
              <li key={i}>{t(`budget.errors.row.${e.code}`, { line: e.line, value: e.value ?? "" })}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="import" />
        <input type="hidden" name={fields.year.name} value={String(view.year)} />
        <VStack gap="space-16">
          <FileInput field={file} label={t("budget.form.file")} description={t("budget.form.fileHelp")} accept=".csv,text/csv,text/plain" />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("budget.form.importSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

function FundingForm({ view, lastResult }: { view: BudgetYearView; lastResult: Result | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(fundingSourceSchema, lastResult, { from: `${view.year}-01-01`, to: `${view.year}-12-31` });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "funding";
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ funder: fields.funder, kind: fields.kind, amount: fields.amount, from: fields.from, to: fields.to, note: fields.note }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="funding" />
        <VStack gap="space-16">
          <TextInput field={fields.funder} label={t("budget.form.funder")} description={t("budget.form.funderHelp")} autoComplete="off" maxLength={200} />
          <SelectInput field={fields.kind} label={t("budget.form.kind")}>
            <option value="">{t("budget.form.choose")}</option>
            {FUNDER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`budget.funderKind.${kind}`)}
              </option>
            ))}
          </SelectInput>
          <TextInput field={fields.amount} label={t("budget.form.fundingAmount")} description={t("budget.form.amountHelp")} htmlSize={16} inputMode="decimal" autoComplete="off" />
          <HStack gap="space-16" wrap>
            <TextInput field={fields.from} label={t("budget.form.from")} description={t("budget.form.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.to} label={t("budget.form.to")} description={t("budget.form.dateHelp")} htmlSize={12} autoComplete="off" />
          </HStack>
          <TextInput field={fields.note} label={t("budget.form.note")} autoComplete="off" maxLength={300} />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("budget.form.fundingSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

export default function BudgetYearPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, done } = loaderData;
  const data = actionData as ActionData | undefined;
  const base = `/programs/${view.program.id}/budget`;
  const page = `${base}/${view.year}`;
  const resultFor = <I extends ActionData["intent"]>(intent: I) => (data?.intent === intent ? data.result : null);
  const endResult = (id: string) => (data?.intent === "end" && data.fundingId === id ? data.result : null);
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`budget.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${view.program.id}`}>{t("budget.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("budget.title", { year: view.year })}
        </Heading>
        <BodyLong spacing>{t("budget.about", { program: view.program.name })}</BodyLong>
        {!view.canManage ? <BodyLong spacing>{t("budget.readOnly")}</BodyLong> : null}
        {view.years.length > 1 ? (
          <nav aria-label={t("budget.years")}>
            <HStack gap="space-16" wrap>
              <BodyShort>{t("budget.years")}:</BodyShort>
              {view.years
                .filter((y) => y !== view.year)
                .map((y) => (
                  <AkselLink key={y} as={Link} to={`${base}/${y}`}>
                    {t("budget.yearLink", { year: y })}
                  </AkselLink>
                ))}
            </HStack>
          </nav>
        ) : null}
      </div>

      <section aria-labelledby="budget-summary-heading">
        <Heading level="2" size="medium" id="budget-summary-heading" spacing>
          {t("budget.summary.heading")}
        </Heading>
        <VStack gap="space-16">
          <SummaryTable view={view} />
          <BodyShort>
            <AkselLink href={`${page}/export.csv`} download>
              {t("budget.exportLink", { year: view.year })}
            </AkselLink>
          </BodyShort>
        </VStack>
      </section>

      <section aria-labelledby="budget-lines-heading">
        <Heading level="2" size="medium" id="budget-lines-heading" spacing>
          {t("budget.lines.heading")}
        </Heading>
        <LinesTable view={view} />
      </section>

      <section aria-labelledby="budget-months-heading">
        <Heading level="2" size="medium" id="budget-months-heading" spacing>
          {t("budget.months.heading")}
        </Heading>
        <MonthsTable view={view} />
      </section>

      <section aria-labelledby="budget-funding-heading">
        <Heading level="2" size="medium" id="budget-funding-heading" spacing>
          {t("budget.funding.heading")}
        </Heading>
        <BodyLong spacing>{t("budget.funding.intro")}</BodyLong>
        <FundingTable view={view} endResult={endResult} />
      </section>

      {view.canManage ? (
        <>
          <section aria-labelledby="budget-lines-form">
            <Heading level="2" size="medium" id="budget-lines-form" spacing>
              {t("budget.form.linesHeading", { year: view.year })}
            </Heading>
            <LinesForm view={view} lastResult={resultFor("lines")} />
          </section>
          <section aria-labelledby="budget-cost-form">
            <Heading level="2" size="medium" id="budget-cost-form" spacing>
              {t("budget.form.costHeading")}
            </Heading>
            <BodyLong spacing className="form-narrow">
              {t("budget.form.costIntro")}
            </BodyLong>
            <CostForm view={view} lastResult={resultFor("cost")} />
          </section>
          <section aria-labelledby="budget-import-form">
            <Heading level="2" size="medium" id="budget-import-form" spacing>
              {t("budget.form.importHeading")}
            </Heading>
            <BodyLong spacing className="form-narrow">
              {t("budget.form.importIntro")}
            </BodyLong>
            <ImportForm view={view} lastResult={resultFor("import")} rowErrors={data?.intent === "import" ? data.rowErrors : []} />
          </section>
          <section aria-labelledby="budget-funding-form">
            <Heading level="2" size="medium" id="budget-funding-form" spacing>
              {t("budget.form.fundingHeading")}
            </Heading>
            <FundingForm view={view} lastResult={resultFor("funding")} />
          </section>
        </>
      ) : null}
    </VStack>
  );
}
