import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, List, Table, TextField, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import type { SuppressedCell, SuppressedFraction } from "../../../domain/suppression.ts";
import { surveyResults, type QuestionResult } from "../../../services/surveys.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/surveys.results";

// The survey results of a program for a period: per questionnaire version and question, the answers per
// option, and the share that agreed (the goals' measure), in a table and a server-drawn chart with the same
// numbers. Small numbers are suppressed for readers who may not list the participants.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "surveys.results.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const from = url.searchParams.get("from") || undefined;
  const to = url.searchParams.get("to") || undefined;
  try {
    return { view: await orResponse(surveyResults(ctx, params.programId, { from, to })), invalid: false };
  } catch (error) {
    if (error instanceof Response) throw error;
    return { view: await orResponse(surveyResults(ctx, params.programId, {})), invalid: true };
  }
}

type T = ReturnType<typeof useT>;

function cell(t: T, c: SuppressedCell): string {
  if ("shown" in c) return t.number(c.shown);
  return t(c.suppressed === "fewer_than_5" ? "goals.figure.fewerThan5" : "goals.figure.hidden");
}

function share(t: T, f: SuppressedFraction | null): string {
  if (!f) return "–";
  if (f.percent === null) return "shown" in f.denominator && f.denominator.shown === 0 ? "–" : t("goals.figure.fraction", { n: cell(t, f.numerator), m: cell(t, f.denominator) });
  return t("goals.figure.percent", { percent: f.percent, n: cell(t, f.numerator), m: cell(t, f.denominator) });
}

function label(t: T, q: QuestionResult, l: string) {
  return q.kind === "yes_no" ? t(l === "yes" ? "surveys.answer.yes" : "surveys.answer.no") : l;
}

const ROW = 30;
const LABEL = 300;
const BAR = 280;

/** The agreeing share of each question that has one: bars to 100 %, the same numbers as the table. */
function AgreeChart({ rows }: { rows: { text: string; f: SuppressedFraction }[] }) {
  const t = useT();
  const height = rows.length * ROW + 30;
  return (
    <svg viewBox={`0 0 ${LABEL + BAR + 60} ${height}`} width="100%" role="img" aria-labelledby="survey-chart-title survey-chart-desc" style={{ maxWidth: `${LABEL + BAR + 60}px` }}>
      <title id="survey-chart-title">{t("surveys.results.chartTitle")}</title>
      <desc id="survey-chart-desc">{t("surveys.results.chartDesc")}</desc>
      {rows.map((r, i) => {
        const y = i * ROW + 6;
        return (
          <g key={i}>
            <text x={LABEL - 8} y={y + 15} textAnchor="end" fontSize="12" fill="currentColor">
              {r.text.length > 44 ? `${r.text.slice(0, 42)}…` : r.text}
            </text>
            <rect x={LABEL} y={y + 2} width={BAR} height={18} fill="#f1f1f1" />
            {r.f.percent !== null ? <rect x={LABEL} y={y + 2} width={(BAR * r.f.percent) / 100} height={18} fill="#0067c5" /> : null}
            <text x={LABEL + BAR + 6} y={y + 15} fontSize="12" fill="currentColor">
              {r.f.percent === null ? "–" : `${r.f.percent} %`}
            </text>
          </g>
        );
      })}
      <text x={LABEL + BAR} y={height - 6} textAnchor="end" fontSize="11" fill="currentColor">
        100 %
      </text>
    </svg>
  );
}

export default function SurveyResultsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view, invalid } = loaderData;
  const agreeRows = view.versions.flatMap((v) => v.questions.filter((q) => q.agree !== null).map((q) => ({ text: `${q.text} (${t("surveys.versionN", { n: v.version })})`, f: q.agree! })));
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/programs/${view.program.id}`}>{view.program.name}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("surveys.results.title", { program: view.program.name })}
        </Heading>
        <BodyShort spacing>{t("surveys.results.intro", { from: t.date(view.from), to: t.date(view.to) })}</BodyShort>
        {view.suppressed ? <Alert variant="info">{t("surveys.results.suppressed")}</Alert> : null}
        {invalid ? <Alert variant="warning">{t("surveys.errors.period")}</Alert> : null}
        <AkselLink as={Link} to={`/programs/${view.program.id}/goals`}>
          {t("surveys.results.goalsLink")}
        </AkselLink>
      </div>
      <Form method="get">
        <HStack gap="space-16" align="end">
          <TextField name="from" label={t("surveys.results.from")} description={t("surveys.dateHelp")} htmlSize={12} autoComplete="off" defaultValue={view.from} size="small" />
          <TextField name="to" label={t("surveys.results.to")} description={t("surveys.dateHelp")} htmlSize={12} autoComplete="off" defaultValue={view.to} size="small" />
          <Button type="submit" variant="secondary" size="small">
            {t("surveys.results.show")}
          </Button>
        </HStack>
      </Form>
      {view.versions.length === 0 ? <BodyShort>{t("surveys.results.none")}</BodyShort> : null}
      {agreeRows.length ? <AgreeChart rows={agreeRows} /> : null}
      {view.versions.map((v) => (
        <section key={v.versionId} aria-labelledby={`results-${v.versionId}`} data-testid="survey-results">
          <Heading level="2" size="medium" id={`results-${v.versionId}`} spacing>
            {v.name} – {t("surveys.versionN", { n: v.version })}
          </Heading>
          <BodyShort spacing>{t("surveys.results.responses", { n: cell(t, v.responses) })}</BodyShort>
          <DataTable caption={t("surveys.results.caption", { name: v.name, n: v.version })} columns={[t("surveys.results.question"), t("surveys.results.answers"), t("surveys.results.answered"), t("surveys.results.agree")]}>
            {v.questions.map((q) => (
              <Table.Row key={q.key} data-question={q.key}>
                <Table.HeaderCell scope="row">
                  {q.text}
                  {q.goal ? <BodyShort size="small">{t("surveys.results.feeds", { goal: t(`goals.kind.${q.goal}`) })}</BodyShort> : null}
                </Table.HeaderCell>
                <Table.DataCell>
                  {q.kind === "free_text"
                    ? q.texts === null
                      ? t("surveys.results.textsHidden")
                      : null
                    : q.labels.map((l, i) => (
                        <div key={l}>
                          {label(t, q, l)}: {cell(t, q.counts[i]!)}
                        </div>
                      ))}
                  {q.texts?.length ? (
                    <List size="small" aria-label={t("surveys.results.texts")}>
                      {q.texts.map((text, i) => (
                        <List.Item key={i}>{text}</List.Item>
                      ))}
                    </List>
                  ) : null}
                </Table.DataCell>
                <Table.DataCell>{cell(t, q.total)}</Table.DataCell>
                <Table.DataCell data-testid="agree-share">{share(t, q.agree)}</Table.DataCell>
              </Table.Row>
            ))}
          </DataTable>
        </section>
      ))}
    </VStack>
  );
}
