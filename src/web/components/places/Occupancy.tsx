import { Alert, BodyShort, Heading } from "@navikt/ds-react";
import type { ProgramPlaces } from "../../../services/places.ts";
import { useT } from "../../lib/i18n.ts";
import { placedLabel } from "./labels.ts";

/** The numbers every reader of the program's page may see: places taken and free, the pre-group, the longest wait. */
export function Occupancy({ places }: { places: ProgramPlaces }) {
  const t = useT();
  const { load, groupNames } = places;
  const ordinaryLabel = groupNames.ordinary && groupNames.ordinary !== t("place.ordinary") ? t("places.occupancy.ordinary", { group: groupNames.ordinary }) : t("place.ordinary");
  const preGroupLabel = groupNames.preGroup && groupNames.preGroup !== t("place.pre_group") ? t("places.occupancy.preGroup", { group: groupNames.preGroup }) : t("place.pre_group");
  return (
    <section aria-labelledby="places-occupancy">
      <Heading level="2" size="medium" id="places-occupancy" spacing>
        {t("places.occupancy.heading")}
      </Heading>
      <dl className="details-list">
        <dt>{ordinaryLabel}</dt>
        <dd data-testid="occupancy-ordinary">{t("places.occupancy.taken", { taken: t.number(load.ordinaryTaken), capacity: t.number(load.ordinaryCapacity) })}</dd>
        <dt>{t("places.occupancy.free")}</dt>
        <dd data-testid="occupancy-free">{t.number(places.freePlaces)}</dd>
        <dt>{t("places.occupancy.enrolled")}</dt>
        <dd>{t("places.occupancy.enrolledValue", { enrolled: t.number(places.enrolledCount), taken: t.number(load.ordinaryTaken) })}</dd>
        <dt>{preGroupLabel}</dt>
        <dd data-testid="occupancy-pre-group">{t("places.occupancy.preGroupTaken", { taken: t.number(load.preGroupTaken), capacity: t.number(load.preGroupCapacity) })}</dd>
        <dt>{t("places.occupancy.waiting")}</dt>
        <dd data-testid="occupancy-waiting">{t.number(load.waiting)}</dd>
        <dt>{t("places.occupancy.longestWait")}</dt>
        <dd data-testid="occupancy-longest-wait">{places.longestWait === null ? t("places.occupancy.nobodyWaiting") : t.plural("places.days", places.longestWait)}</dd>
      </dl>
    </section>
  );
}

/**
 * "A place is free": for the program's staff with who is next (by reference, as the coordinators' notification
 * says it), for readers of the numbers only how many wait.
 */
export function FreePlaceNotice({ places }: { places: ProgramPlaces }) {
  const t = useT();
  if (places.freePlaces < 1) return null;
  const waiting = places.load.preGroupTaken + places.load.waiting;
  if (waiting === 0) {
    return (
      <Alert variant="info">
        <BodyShort>{t.plural("places.notice.freeNobody", places.freePlaces)}</BodyShort>
      </Alert>
    );
  }
  if (places.canManage && places.nextInLine) {
    const next = places.nextInLine;
    return (
      <Alert variant="warning">
        <Heading level="2" size="small" spacing>
          {t.plural("places.notice.free", places.freePlaces, { reference: next.reference })}
        </Heading>
        <BodyShort spacing>{placedLabel(t, next)}</BodyShort>
        <BodyShort>{t("places.notice.freeHelp")}</BodyShort>
      </Alert>
    );
  }
  return (
    <Alert variant="warning">
      <BodyShort>{t.plural("places.notice.freeNumbers", places.freePlaces, { waiting: t.number(waiting) })}</BodyShort>
    </Alert>
  );
}
