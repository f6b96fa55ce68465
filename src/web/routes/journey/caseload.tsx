import { BodyShort, Button, Heading, HStack, Link as AkselLink, Select, Table, Tag, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { FLAG_KINDS } from "../../../domain/caseload.ts";
import { viewCaseload } from "../../../services/caseload.ts";
import { CASELOAD_SORTS, CASELOAD_STAGES } from "../../../services/schemas/caseload.ts";
import { FlagList, participantName, StageTag } from "../../components/caseload/Flags.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/caseload";

// The coordinator's start page: their participants with what needs doing now. A manager sees every
// coordinator's list. Filters and sorting are a plain GET form, so they work without JavaScript.

const NOWRAP = { whiteSpace: "nowrap" } as const;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "caseload.metaTitle");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const param = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const view = await orResponse(
    viewCaseload(ctx, { programId: param("program"), coordinatorId: param("coordinator"), flag: param("flag"), stage: param("stage"), sort: param("sort") }),
  );
  return { view, filtered: view.filter.flag !== null || view.filter.stage !== null || (view.viewAll && view.filter.coordinatorId !== "all") };
}

export default function Caseload({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view, filtered } = loaderData;
  const all = view.viewAll;
  const showCoordinator = all && view.filter.coordinatorId === "all";
  return (
    <VStack gap="space-24">
      <div>
        <Heading level="1" size="large" spacing>
          {all ? t("caseload.title.all", { program: view.program.name }) : t("caseload.title.own")}
        </Heading>
        <BodyShort>{all ? t("caseload.intro.all") : t("caseload.intro.own")}</BodyShort>
      </div>
      <Form method="get" aria-label={t("caseload.filter.label")}>
        <HStack gap="space-16" align="end" wrap>
          {view.programs.length > 1 ? (
            <Select label={t("caseload.filter.program")} name="program" defaultValue={view.program.id}>
              {view.programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          ) : null}
          {all ? (
            <Select label={t("caseload.filter.coordinator")} name="coordinator" defaultValue={view.filter.coordinatorId}>
              <option value="all">{t("caseload.filter.coordinatorAll")}</option>
              {view.coordinators.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          ) : null}
          <Select label={t("caseload.filter.flag")} name="flag" defaultValue={view.filter.flag ?? ""}>
            <option value="">{t("caseload.filter.flagAll")}</option>
            {FLAG_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t("caseload.filter.flagOption", { label: t(`caseload.flagKind.${kind}`), count: view.flagCounts[kind] })}
              </option>
            ))}
          </Select>
          <Select label={t("caseload.filter.stage")} name="stage" defaultValue={view.filter.stage ?? ""}>
            <option value="">{t("caseload.filter.stageAll")}</option>
            {CASELOAD_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`caseload.stage.${stage}`)}
              </option>
            ))}
          </Select>
          <Select label={t("caseload.filter.sort")} name="sort" defaultValue={view.filter.sort}>
            {CASELOAD_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`caseload.sort.${sort}`)}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary">
            {t("caseload.filter.submit")}
          </Button>
        </HStack>
      </Form>
      {filtered ? (
        <BodyShort>
          <AkselLink as={Link} to="/caseload">
            {t("caseload.filter.reset")}
          </AkselLink>
        </BodyShort>
      ) : null}
      <BodyShort aria-live="polite" role="status">
        {t.plural("caseload.count", view.rows.length, { total: view.total })}
      </BodyShort>
      {view.rows.length === 0 ? (
        <BodyShort>{view.total > 0 ? t("caseload.emptyFiltered") : all ? t("caseload.empty.all") : t("caseload.empty.own")}</BodyShort>
      ) : (
        <DataTable
          caption={all ? t("caseload.caption.all") : t("caseload.caption.own")}
          columns={[t("caseload.col.participant"), showCoordinator ? t("caseload.col.coordinator") : null, t("caseload.col.todo"), t("caseload.col.stage"), t("caseload.col.start"), t("caseload.col.plannedEnd")]}
        >
          {view.rows.map((row) => (
            <Table.Row key={row.enrolmentId}>
              <Table.HeaderCell scope="row">
                <AkselLink as={Link} to={`/enrolments/${row.enrolmentId}`}>
                  {participantName(t, row)}
                </AkselLink>
                {row.protectedIdentity ? (
                  <>
                    {" "}
                    <Tag variant="warning" size="xsmall">
                      {t("person.protectedShort")}
                    </Tag>
                  </>
                ) : null}
              </Table.HeaderCell>
              {showCoordinator ? <Table.DataCell>{row.coordinator.name}</Table.DataCell> : null}
              <Table.DataCell>
                <FlagList flags={row.flags} empty={t("caseload.nothingNow")} />
              </Table.DataCell>
              <Table.DataCell>
                <StageTag stage={row.stage} />
              </Table.DataCell>
              <Table.DataCell style={NOWRAP}>{t.date(row.startDate)}</Table.DataCell>
              <Table.DataCell style={NOWRAP}>{t.date(row.plannedEndDate)}</Table.DataCell>
            </Table.Row>
          ))}
        </DataTable>
      )}
    </VStack>
  );
}
