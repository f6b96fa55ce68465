import { BodyLong, BodyShort, Heading, Table, Tag, VStack } from "@navikt/ds-react";
import type { Plan } from "../../../domain/plan.ts";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";
import { dueLabel, whoLabel } from "./labels.ts";

function Text({ text }: { text: string }) {
  return <BodyLong style={{ whiteSpace: "pre-wrap" }}>{text}</BodyLong>;
}

function Empty({ children }: { children: string }) {
  return <BodyShort textColor="subtle">{children}</BodyShort>;
}

/**
 * The plan as it reads, in plain language: the goal, the sub-goals, the obstacles with how to get past
 * them, and the actions as a table (what, who, by when, status, agreed). `idPrefix` keeps ids unique
 * when a page shows more than one plan.
 */
export function PlanContentView({
  content,
  authorities,
  today,
  idPrefix = "plan",
  showRecommendations = false,
}: {
  content: Plan;
  authorities: { id: string; name: string }[];
  today: string;
  idPrefix?: string;
  showRecommendations?: boolean;
}) {
  const t = useT();
  const goal = content.longTermGoal;
  return (
    <VStack gap="space-32">
      <section aria-labelledby={`${idPrefix}-goal`}>
        <Heading level="2" size="medium" id={`${idPrefix}-goal`} spacing>
          {t("plan.content.goalHeading")}
        </Heading>
        {goal.kind === null && goal.text.trim() === "" ? (
          <Empty>{t("plan.content.noGoal")}</Empty>
        ) : (
          <dl className="details-list">
            <dt>{t("plan.content.goalKind")}</dt>
            <dd>{goal.kind ? t(`plan.goalKind.${goal.kind}`) : t("plan.content.notDecided")}</dd>
            <dt>{t("plan.content.goalText")}</dt>
            <dd>{goal.text ? <Text text={goal.text} /> : <Empty>{t("plan.content.notWritten")}</Empty>}</dd>
          </dl>
        )}
      </section>

      <section aria-labelledby={`${idPrefix}-subgoals`}>
        <Heading level="2" size="medium" id={`${idPrefix}-subgoals`} spacing>
          {t("plan.content.subGoalsHeading")}
        </Heading>
        {content.subGoals.length === 0 ? (
          <Empty>{t("plan.content.noSubGoals")}</Empty>
        ) : (
          <ol>
            {content.subGoals.map((s) => (
              <li key={s.id}>
                <BodyLong style={{ whiteSpace: "pre-wrap" }}>{s.text}</BodyLong>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby={`${idPrefix}-obstacles`}>
        <Heading level="2" size="medium" id={`${idPrefix}-obstacles`} spacing>
          {t("plan.content.obstaclesHeading")}
        </Heading>
        {content.obstacles.length === 0 ? (
          <Empty>{t("plan.content.noObstacles")}</Empty>
        ) : (
          <ol>
            {content.obstacles.map((o) => (
              <li key={o.id} style={{ marginBottom: "0.75rem" }}>
                <dl className="details-list">
                  <dt>{t("plan.content.obstacle")}</dt>
                  <dd>
                    <Text text={o.text} />
                  </dd>
                  <dt>{t("plan.content.howToOvercome")}</dt>
                  <dd>{o.howToOvercome ? <Text text={o.howToOvercome} /> : <Empty>{t("plan.content.notWritten")}</Empty>}</dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby={`${idPrefix}-actions`}>
        <Heading level="2" size="medium" id={`${idPrefix}-actions`} spacing>
          {t("plan.content.actionsHeading")}
        </Heading>
        {content.actions.length === 0 ? (
          <Empty>{t("plan.content.noActions")}</Empty>
        ) : (
          <DataTable
            caption={t("plan.content.actionsCaption")}
            columns={[t("plan.content.what"), t("plan.content.who"), t("plan.content.byWhen"), t("plan.content.status"), t("plan.content.agreed")]}
            size="small"
            testId="plan-actions"
          >
            {content.actions.map((a) => {
              const due = dueLabel(t, a, today);
              return (
                <Table.Row key={a.id}>
                  <Table.HeaderCell scope="row" style={{ fontWeight: "normal" }}>
                    <span style={{ whiteSpace: "pre-wrap" }}>{a.what}</span>
                  </Table.HeaderCell>
                  <Table.DataCell>{whoLabel(t, a, authorities)}</Table.DataCell>
                  <Table.DataCell>
                    <VStack gap="space-4" align="start">
                      <span style={{ whiteSpace: "nowrap" }}>{a.byWhen ? t.date(a.byWhen) : t("plan.content.noDate")}</span>
                      {due ? (
                        <Tag variant={due.variant} size="xsmall">
                          {due.text}
                        </Tag>
                      ) : null}
                    </VStack>
                  </Table.DataCell>
                  <Table.DataCell>{t(`plan.status.${a.status}`)}</Table.DataCell>
                  <Table.DataCell>{a.agreed ? t("plan.content.agreedYes") : t("plan.content.agreedNo")}</Table.DataCell>
                </Table.Row>
              );
            })}
          </DataTable>
        )}
      </section>

      {showRecommendations || content.recommendations ? (
        <section aria-labelledby={`${idPrefix}-recommendations`}>
          <Heading level="2" size="medium" id={`${idPrefix}-recommendations`} spacing>
            {t("plan.content.recommendationsHeading")}
          </Heading>
          {content.recommendations ? <Text text={content.recommendations} /> : <Empty>{t("plan.content.noRecommendations")}</Empty>}
        </section>
      ) : null}
    </VStack>
  );
}
