import { BodyShort, Heading, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import type { PlacedPerson, ProgramPlaces } from "../../../services/places.ts";
import { useT } from "../../lib/i18n.ts";
import { LinkButton } from "../LinkButton.tsx";
import { placedLabel } from "./labels.ts";
import { EndPlacementForm, MoveForm, type PlacesActionData } from "./PlaceForms.tsx";

function endResult(data: PlacesActionData | undefined, placementId: string) {
  return data?.intent === "end" && data.placementId === placementId ? data.result : null;
}

function PersonCell({ person }: { person: PlacedPerson }) {
  const t = useT();
  return (
    <Table.HeaderCell scope="row">
      <AkselLink as={Link} to={`/people/${person.personId}`}>
        {placedLabel(t, person)}
      </AkselLink>
      {person.name ? (
        <BodyShort size="small" textColor="subtle">
          {person.reference}
        </BodyShort>
      ) : null}
    </Table.HeaderCell>
  );
}

/** The pre-group and the waiting list in the order places are offered, with the one action that moves someone in. */
export function WaitingTable({ places, list, actionData }: { places: ProgramPlaces; list: PlacedPerson[]; actionData: PlacesActionData | undefined }) {
  const t = useT();
  const noFree = places.freePlaces < 1;
  return (
    <section aria-labelledby="places-waiting">
      <Heading level="2" size="medium" id="places-waiting" spacing>
        {t("places.waiting.heading")}
      </Heading>
      {list.length === 0 ? (
        <BodyShort>{t("places.waiting.none")}</BodyShort>
      ) : (
        <VStack gap="space-16">
          <BodyShort>{t("places.waiting.order")}</BodyShort>
          {noFree ? <BodyShort id="places-no-free">{t("places.waiting.noFree")}</BodyShort> : null}
          <div className="table-scroll">
            <Table size="small">
              <caption className="visually-hidden">{t("places.waiting.caption")}</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("places.col.order")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("places.col.person")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("places.col.where")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("places.col.priority")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("places.col.decided")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("places.col.waited")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("places.col.actions")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {list.map((p, index) => {
                  const label = placedLabel(t, p);
                  return (
                    <Table.Row key={p.placementId} data-testid="waiting-row">
                      <Table.DataCell>
                        <VStack gap="space-4" align="start">
                          <span>{t.number(index + 1)}</span>
                          {index === 0 ? (
                            <Tag variant="info" size="xsmall">
                              {t("places.next")}
                            </Tag>
                          ) : null}
                        </VStack>
                      </Table.DataCell>
                      <PersonCell person={p} />
                      <Table.DataCell>{t(`place.${p.place}`)}</Table.DataCell>
                      <Table.DataCell>{p.priority === 1 ? t("places.priority.1") : t("places.priority.2")}</Table.DataCell>
                      <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.date(p.acceptedOn)}</Table.DataCell>
                      <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.plural("places.days", p.daysWaited)}</Table.DataCell>
                      <Table.DataCell>
                        <MoveForm placementId={p.placementId} person={label} primary={index === 0} disabled={noFree} describedBy="places-no-free" />
                        <EndPlacementForm placementId={p.placementId} person={label} lastResult={endResult(actionData, p.placementId)} />
                      </Table.DataCell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        </VStack>
      )}
    </section>
  );
}

/** Who has a place in the ordinary group: enrolled (with coordinator and dates) or still to be enrolled. */
export function OrdinaryTable({ places, list, actionData }: { places: ProgramPlaces; list: PlacedPerson[]; actionData: PlacesActionData | undefined }) {
  const t = useT();
  const none = t("places.none");
  return (
    <section aria-labelledby="places-ordinary">
      <Heading level="2" size="medium" id="places-ordinary" spacing>
        {t("places.ordinary.heading")}
      </Heading>
      {list.length === 0 ? (
        <BodyShort>{t("places.ordinary.none")}</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table size="small">
            <caption className="visually-hidden">{t("places.ordinary.caption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("places.col.person")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("places.col.status")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("places.col.coordinator")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("places.col.start")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("places.col.plannedEnd")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("places.col.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {list.map((p) => {
                const label = placedLabel(t, p);
                return (
                  <Table.Row key={p.placementId} data-testid="ordinary-row">
                    <PersonCell person={p} />
                    <Table.DataCell>
                      <Tag variant={p.enrolled ? "success" : "warning"} size="xsmall">
                        {p.enrolled ? t("places.status.enrolled") : t("places.status.notEnrolled")}
                      </Tag>
                    </Table.DataCell>
                    <Table.DataCell>{p.coordinatorName ?? none}</Table.DataCell>
                    <Table.DataCell style={{ whiteSpace: "nowrap" }}>{p.startDate ? t.date(p.startDate) : none}</Table.DataCell>
                    <Table.DataCell style={{ whiteSpace: "nowrap" }}>{p.plannedEndDate ? t.date(p.plannedEndDate) : none}</Table.DataCell>
                    <Table.DataCell>
                      {p.enrolled ? (
                        none
                      ) : (
                        <>
                          <LinkButton to={`/programs/${places.programId}/placements/${p.placementId}/enrol`} size="small">
                            {t("places.enrol")}
                            <span className="visually-hidden"> ({label})</span>
                          </LinkButton>
                          <EndPlacementForm placementId={p.placementId} person={label} lastResult={endResult(actionData, p.placementId)} />
                        </>
                      )}
                    </Table.DataCell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
