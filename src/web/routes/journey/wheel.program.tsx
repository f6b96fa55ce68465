import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { moveWheelAreaSchema } from "../../../services/schemas/wheel.ts";
import { ForbiddenError } from "../../../services/errors.ts";
import { moveWheelArea, programWheel, wheelStatistics } from "../../../services/wheel.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { areaLabel, signed } from "../../components/wheel/format.ts";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/wheel.program";

// The program's life-area wheel, for its manager and coordinators: the areas in order (each one's texts on
// its own page), moving an area, adding one, and the versions so far. Every change is a new version.
// Below them, the program's change from first to last reading, by the participants' own readings and by
// the coordinators' (counts and means only), for those who see the program's figures.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "wheel.program.metaTitle");

const DONE = ["area_added", "area_changed", "area_removed", "area_moved", "unchanged"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(programWheel(ctx, params.programId));
  const done = new URL(request.url).searchParams.get("done");
  const statistics = await Promise.all([
    wheelStatistics(ctx, view.programId, { ratedBy: "participant" }),
    wheelStatistics(ctx, view.programId, { ratedBy: "coordinator" }),
  ]).then(
    ([participant, coordinator]) => ({ participant, coordinator }),
    (error: unknown) => {
      if (error instanceof ForbiddenError) return null;
      throw error;
    },
  );
  return { view, done: DONE.find((d) => d === done) ?? null, statistics };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  return formAction(formData, moveWheelAreaSchema, async (value) => {
    const result = await moveWheelArea(ctx, params.programId, value);
    return redirect(`/programs/${params.programId}/wheel?done=${result.changed ? "area_moved" : "unchanged"}`);
  });
}

export default function ProgramWheel({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, done, statistics } = loaderData;
  const failed = actionData as SubmissionResult<string[]> | undefined;
  const errors = failed?.status === "error" ? Object.values(failed.error ?? {}).flatMap((e) => e ?? []) : [];
  const base = `/programs/${view.programId}/wheel`;
  const current = view.current;
  return (
    <VStack gap="space-32">
      {done && !failed ? <Alert variant="success">{t(`wheel.program.done.${done}`)}</Alert> : null}
      {errors.length > 0 ? (
        <Alert variant="error" role="alert">
          {errors.map((e) => (
            <BodyShort key={e}>{t(e)}</BodyShort>
          ))}
        </Alert>
      ) : null}
      <div>
        <BackLink to={`/programs/${view.programId}`}>{t("wheel.program.back", { program: view.programName })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("wheel.program.title", { program: view.programName })}
        </Heading>
        <BodyShort spacing>{t("wheel.program.intro")}</BodyShort>
        <BodyShort data-testid="wheel-program-version">
          {current.origin === "default"
            ? t("wheel.program.usesDefault", { version: current.version })
            : t("wheel.program.usesOwn", { version: current.version, date: t.date(new Date(current.createdAt)), name: current.createdByName ?? "–" })}
        </BodyShort>
      </div>

      <section aria-labelledby="wheel-areas">
        <Heading level="2" size="medium" id="wheel-areas" spacing>
          {t("wheel.program.areas.heading")}
        </Heading>
        <VStack gap="space-16">
          <DataTable
            caption={t("wheel.program.areas.caption")}
            columns={[t("wheel.program.col.order"), t("wheel.program.col.area"), t("wheel.program.col.group"), t("wheel.program.col.steps"), t("wheel.program.col.move")]}
            size="small"
          >
            {current.areas.map((area, i) => {
              const name = areaLabel(t, area);
              const steps = area.steps[t.locale] ?? area.steps.sv;
              return (
                <Table.Row key={area.key} data-testid="wheel-program-area">
                  <Table.DataCell>{i + 1}</Table.DataCell>
                  <Table.HeaderCell scope="row">
                    <AkselLink as={Link} to={`${base}/areas/${area.key}`}>
                      {name}
                    </AkselLink>
                  </Table.HeaderCell>
                  <Table.DataCell>{t(`wheel.groups.${area.group}`)}</Table.DataCell>
                  <Table.DataCell>
                    <BodyShort size="small">1: {steps[0]}</BodyShort>
                    <BodyShort size="small">10: {steps[9]}</BodyShort>
                  </Table.DataCell>
                  <Table.DataCell>
                    <HStack gap="space-8" wrap={false}>
                      {(["up", "down"] as const).map((direction) =>
                        (direction === "up" && i === 0) || (direction === "down" && i === current.areas.length - 1) ? null : (
                          <Form method="post" key={direction}>
                            <CsrfField />
                            <input type="hidden" name="instrumentId" value={current.id} />
                            <input type="hidden" name="key" value={area.key} />
                            <input type="hidden" name="direction" value={direction} />
                            <Button type="submit" size="xsmall" variant="secondary" aria-label={t(direction === "up" ? "wheel.program.moveUp" : "wheel.program.moveDown", { area: name })}>
                              {t(direction === "up" ? "wheel.program.up" : "wheel.program.down")}
                            </Button>
                          </Form>
                        ),
                      )}
                    </HStack>
                  </Table.DataCell>
                </Table.Row>
              );
            })}
          </DataTable>
          <div>
            <LinkButton to={`${base}/areas/new`} variant="secondary">
              {t("wheel.program.add")}
            </LinkButton>
          </div>
        </VStack>
      </section>

      <section aria-labelledby="wheel-versions">
        <Heading level="2" size="medium" id="wheel-versions" spacing>
          {t("wheel.program.versions.heading")}
        </Heading>
        <VStack gap="space-12">
          {view.versions.length === 0 ? (
            <BodyShort>{t("wheel.program.versions.none")}</BodyShort>
          ) : (
            <DataTable
              caption={t("wheel.program.versions.caption")}
              columns={[t("wheel.program.versions.version"), t("wheel.program.versions.date"), t("wheel.program.versions.by"), t("wheel.program.versions.readings")]}
              size="small"
            >
              {view.versions.map((v) => (
                <Table.Row key={v.id}>
                  <Table.HeaderCell scope="row">{v.version}</Table.HeaderCell>
                  <Table.DataCell>{t.dateTime(new Date(v.createdAt))}</Table.DataCell>
                  <Table.DataCell>{v.createdByName ?? "–"}</Table.DataCell>
                  <Table.DataCell>{v.readings}</Table.DataCell>
                </Table.Row>
              ))}
            </DataTable>
          )}
          <BodyShort>{t("wheel.program.defaultReadings", { count: view.defaultReadings })}</BodyShort>
        </VStack>
      </section>

      {statistics ? (
        <section aria-labelledby="wheel-statistics">
          <Heading level="2" size="medium" id="wheel-statistics" spacing>
            {t("wheel.program.statistics.heading")}
          </Heading>
          <VStack gap="space-16">
            <BodyShort>{t("wheel.program.statistics.intro")}</BodyShort>
            {(["participant", "coordinator"] as const).map((by) => {
              const s = statistics[by];
              return (
                <BodyShort key={by} data-testid={`wheel-statistics-${by}`}>
                  {s.participants === 0
                    ? t(`wheel.program.statistics.none.${by}`)
                    : t(`wheel.program.statistics.summary.${by}`, { count: s.participants, improved: s.improved, same: s.same, lower: s.lower, mean: signed(t, s.meanChange ?? 0) })}
                </BodyShort>
              );
            })}
            {statistics.participant.participants + statistics.coordinator.participants > 0 ? (
              <DataTable
                caption={t("wheel.program.statistics.caption")}
                columns={[t("wheel.program.col.area"), t("wheel.program.statistics.col.participant"), t("wheel.program.statistics.col.coordinator")]}
                size="small"
              >
                {current.areas.map((area) => {
                  const cell = (by: "participant" | "coordinator") => {
                    const a = statistics[by].areas.find((x) => x.key === area.key);
                    return a ? t("wheel.program.statistics.cell", { mean: signed(t, a.meanChange), count: a.participants }) : "–";
                  };
                  return (
                    <Table.Row key={area.key} data-testid="wheel-statistics-row">
                      <Table.HeaderCell scope="row">{areaLabel(t, area)}</Table.HeaderCell>
                      <Table.DataCell>{cell("participant")}</Table.DataCell>
                      <Table.DataCell>{cell("coordinator")}</Table.DataCell>
                    </Table.Row>
                  );
                })}
              </DataTable>
            ) : null}
          </VStack>
        </section>
      ) : null}
    </VStack>
  );
}
