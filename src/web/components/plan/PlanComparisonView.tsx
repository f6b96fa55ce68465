import { BodyShort, Heading, Table, Tag, VStack } from "@navikt/ds-react";
import type { ReactNode } from "react";
import type { ChangeKind, ComparedItem, Obstacle, PlanAction, PlanComparison, SubGoal } from "../../../domain/plan.ts";
import { useT } from "../../lib/i18n.ts";
import { whoLabel } from "./labels.ts";

// Two versions side by side. What happened to each part is written out in the first column (added,
// removed, changed: which fields), and changed values are set in bold in both columns, so nothing is
// told by colour alone.

type Change = ChangeKind | "unchanged";

const VARIANT = { added: "success", removed: "error", changed: "warning", unchanged: "neutral" } as const;

function ChangeCell({ change, fields }: { change: Change; fields: string[] }) {
  const t = useT();
  return (
    <Table.HeaderCell scope="row" style={{ fontWeight: "normal", verticalAlign: "top" }}>
      <VStack gap="space-4" align="start">
        <Tag variant={VARIANT[change]} size="small">
          {t(`plan.change.${change}`)}
        </Tag>
        {change === "changed" && fields.length > 0 ? (
          <BodyShort size="small">{t("plan.compare.changedFields", { fields: fields.map((f) => t(`plan.field.${f}`)).join(", ") })}</BodyShort>
        ) : null}
      </VStack>
    </Table.HeaderCell>
  );
}

function Missing() {
  const t = useT();
  return (
    <BodyShort as="span" textColor="subtle">
      {t("plan.compare.missing")}
    </BodyShort>
  );
}

/** A value, in bold when it is one of the fields that changed. */
function Value({ changed, children }: { changed: boolean; children: ReactNode }) {
  return changed ? <strong>{children}</strong> : <>{children}</>;
}

function Text({ text }: { text: string }) {
  const t = useT();
  return text ? <span style={{ whiteSpace: "pre-wrap" }}>{text}</span> : <BodyShort as="span" textColor="subtle">{t("plan.compare.empty")}</BodyShort>;
}

function CompareTable({ caption, from, to, children }: { caption: string; from: number; to: number; children: ReactNode }) {
  const t = useT();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table size="small">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col" style={{ width: "12rem" }}>
              {t("plan.compare.change")}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("plan.compare.inVersion", { version: from })}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("plan.compare.inVersion", { version: to })}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>{children}</Table.Body>
      </Table>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Heading level="3" size="small" id={id} spacing>
        {title}
      </Heading>
      {children}
    </section>
  );
}

function ListRows<T>({ rows, render }: { rows: ComparedItem<T>[]; render: (item: T, changed: (field: string) => boolean) => ReactNode }) {
  return (
    <>
      {rows.map((row) => {
        const changed = (field: string) => row.change === "changed" && row.fields.includes(field);
        return (
          <Table.Row key={row.id} data-change={row.change}>
            <ChangeCell change={row.change} fields={row.fields} />
            <Table.DataCell style={{ verticalAlign: "top" }}>{row.before ? render(row.before, changed) : <Missing />}</Table.DataCell>
            <Table.DataCell style={{ verticalAlign: "top" }}>{row.after ? render(row.after, changed) : <Missing />}</Table.DataCell>
          </Table.Row>
        );
      })}
    </>
  );
}

function NothingRow() {
  const t = useT();
  return (
    <Table.Row>
      <Table.DataCell colSpan={3}>{t("plan.compare.nothingInSection")}</Table.DataCell>
    </Table.Row>
  );
}

export function PlanComparisonView({
  comparison,
  from,
  to,
  authorities,
}: {
  comparison: PlanComparison;
  from: number;
  to: number;
  authorities: { id: string; name: string }[];
}) {
  const t = useT();
  const caption = (section: string) => t("plan.compare.caption", { section: t(`plan.section.${section}`), from, to });
  const goal = comparison.longTermGoal;
  const kindText = (kind: string | null) => (kind ? t(`plan.goalKind.${kind}`) : t("plan.content.notDecided"));
  const rec = comparison.recommendations;

  const action = (a: PlanAction, changed: (field: string) => boolean) => (
    <dl className="details-list" style={{ gridTemplateColumns: "max-content 1fr", gap: "0.25rem 0.75rem" }}>
      <dt>{t("plan.content.what")}</dt>
      <dd>
        <Value changed={changed("what")}>
          <Text text={a.what} />
        </Value>
      </dd>
      <dt>{t("plan.content.who")}</dt>
      <dd>
        <Value changed={changed("who") || changed("authorityId")}>{whoLabel(t, a, authorities)}</Value>
      </dd>
      <dt>{t("plan.content.byWhen")}</dt>
      <dd>
        <Value changed={changed("byWhen")}>{a.byWhen ? t.date(a.byWhen) : t("plan.content.noDate")}</Value>
      </dd>
      <dt>{t("plan.content.status")}</dt>
      <dd>
        <Value changed={changed("status")}>{t(`plan.status.${a.status}`)}</Value>
      </dd>
      <dt>{t("plan.content.agreed")}</dt>
      <dd>
        <Value changed={changed("agreed")}>{a.agreed ? t("plan.content.agreedYes") : t("plan.content.agreedNo")}</Value>
      </dd>
    </dl>
  );

  return (
    <VStack gap="space-32">
      <Section id="compare-goal" title={t("plan.section.longTermGoal")}>
        <CompareTable caption={caption("longTermGoal")} from={from} to={to}>
          <Table.Row data-change={goal.change}>
            <ChangeCell change={goal.change} fields={goal.fields} />
            <Table.DataCell style={{ verticalAlign: "top" }}>
              <VStack gap="space-4">
                <Value changed={goal.fields.includes("kind")}>{kindText(goal.before.kind)}</Value>
                <Value changed={goal.fields.includes("text")}>
                  <Text text={goal.before.text} />
                </Value>
              </VStack>
            </Table.DataCell>
            <Table.DataCell style={{ verticalAlign: "top" }}>
              <VStack gap="space-4">
                <Value changed={goal.fields.includes("kind")}>{kindText(goal.after.kind)}</Value>
                <Value changed={goal.fields.includes("text")}>
                  <Text text={goal.after.text} />
                </Value>
              </VStack>
            </Table.DataCell>
          </Table.Row>
        </CompareTable>
      </Section>

      <Section id="compare-subgoals" title={t("plan.section.subGoals")}>
        <CompareTable caption={caption("subGoals")} from={from} to={to}>
          {comparison.subGoals.length === 0 ? <NothingRow /> : <ListRows<SubGoal> rows={comparison.subGoals} render={(s, changed) => <Value changed={changed("text")}><Text text={s.text} /></Value>} />}
        </CompareTable>
      </Section>

      <Section id="compare-obstacles" title={t("plan.section.obstacles")}>
        <CompareTable caption={caption("obstacles")} from={from} to={to}>
          {comparison.obstacles.length === 0 ? (
            <NothingRow />
          ) : (
            <ListRows<Obstacle>
              rows={comparison.obstacles}
              render={(o, changed) => (
                <dl className="details-list" style={{ gridTemplateColumns: "max-content 1fr", gap: "0.25rem 0.75rem" }}>
                  <dt>{t("plan.content.obstacle")}</dt>
                  <dd>
                    <Value changed={changed("text")}>
                      <Text text={o.text} />
                    </Value>
                  </dd>
                  <dt>{t("plan.content.howToOvercome")}</dt>
                  <dd>
                    <Value changed={changed("howToOvercome")}>
                      <Text text={o.howToOvercome} />
                    </Value>
                  </dd>
                </dl>
              )}
            />
          )}
        </CompareTable>
      </Section>

      <Section id="compare-actions" title={t("plan.section.actions")}>
        <CompareTable caption={caption("actions")} from={from} to={to}>
          {comparison.actions.length === 0 ? <NothingRow /> : <ListRows<PlanAction> rows={comparison.actions} render={action} />}
        </CompareTable>
      </Section>

      {rec.before || rec.after ? (
        <Section id="compare-recommendations" title={t("plan.section.recommendations")}>
          <CompareTable caption={caption("recommendations")} from={from} to={to}>
            <Table.Row data-change={rec.change}>
              <ChangeCell change={rec.change} fields={[]} />
              <Table.DataCell style={{ verticalAlign: "top" }}>
                <Value changed={rec.change !== "unchanged"}>
                  <Text text={rec.before} />
                </Value>
              </Table.DataCell>
              <Table.DataCell style={{ verticalAlign: "top" }}>
                <Value changed={rec.change !== "unchanged"}>
                  <Text text={rec.after} />
                </Value>
              </Table.DataCell>
            </Table.Row>
          </CompareTable>
        </Section>
      ) : null}
    </VStack>
  );
}
