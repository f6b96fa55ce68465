import { BodyShort, Tag, VStack } from "@navikt/ds-react";
import type { Translator } from "../../../i18n/index.ts";
import { dayLabel, type SlotFacts, weekNumber } from "./format.ts";

export interface SlotCapacity extends SlotFacts {
  capacity: number;
  booked: number;
  bookable: boolean;
  note?: string;
}

export function placesLeft(slot: Pick<SlotCapacity, "capacity" | "booked">): number {
  return Math.max(0, slot.capacity - slot.booked);
}

/** Whether a slot has taken place (or was moved to a day gone by). */
export function isPast(slot: Pick<SlotFacts, "date">, today: string): boolean {
  return slot.date < today;
}

/**
 * A slot's state in words: cancelled, moved (to when), fully booked, or how many places are left.
 * Colour is never the only cue: the tag's text says it.
 */
export function SlotStatus({ t, slot, today }: { t: Translator; slot: SlotCapacity; today: string }) {
  const left = placesLeft(slot);
  let tag;
  if (slot.status === "cancelled") {
    tag = (
      <Tag variant="error" size="small">
        {t("studyVisits.status.cancelled")}
      </Tag>
    );
  } else if (isPast(slot, today)) {
    tag = (
      <Tag variant="neutral" size="small">
        {t("studyVisits.status.past")}
      </Tag>
    );
  } else if (left === 0) {
    tag = (
      <Tag variant="warning" size="small">
        {t("studyVisits.status.full")}
      </Tag>
    );
  } else {
    tag = (
      <Tag variant="success" size="small">
        {t.plural("studyVisits.status.placesLeft", left)}
      </Tag>
    );
  }
  return (
    <VStack gap="space-4" align="start">
      {tag}
      {slot.status === "moved" ? (
        <>
          <Tag variant="info" size="small">
            {t("studyVisits.status.moved")}
          </Tag>
          <BodyShort size="small">
            {t("studyVisits.status.movedFrom", { date: dayLabel(t, slot.originalDate) })}
          </BodyShort>
        </>
      ) : null}
      {slot.note ? <BodyShort size="small">{t("studyVisits.status.note", { note: slot.note })}</BodyShort> : null}
    </VStack>
  );
}

/** The day a slot actually takes place (its new day when moved), with its ISO week. */
export function SlotWhen({ t, slot }: { t: Translator; slot: SlotFacts }) {
  return (
    <>
      <BodyShort as="span" weight="semibold">
        {dayLabel(t, slot.date, { capital: true })}
      </BodyShort>
      <BodyShort as="span" size="small" textColor="subtle" style={{ display: "block" }}>
        {t("studyVisits.week", { week: weekNumber(slot.date) })}
      </BodyShort>
    </>
  );
}
