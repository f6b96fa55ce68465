import { Tag } from "@navikt/ds-react";
import type { Translator } from "../../../i18n/index.ts";

// Where a consultation or a meeting stands, in a few plain words. Colour is never the only cue: the text says it.

export interface ConsultationFacts {
  status: "submitted" | "answered" | "withdrawn";
  meetingDate: string | null;
}

export function consultationStatusText(t: Translator, c: ConsultationFacts): string {
  switch (c.status) {
    case "submitted":
      return c.meetingDate ? t("consultations.status.waitingFor", { date: t.date(c.meetingDate) }) : t("consultations.status.waiting");
    case "answered":
      return t("consultations.status.answered");
    case "withdrawn":
      return t("consultations.status.withdrawn");
  }
}

export function ConsultationStatusTag({ t, consultation }: { t: Translator; consultation: ConsultationFacts }) {
  const variant = consultation.status === "answered" ? "success" : consultation.status === "submitted" ? "info" : "neutral";
  return (
    <Tag variant={variant} size="small">
      {consultationStatusText(t, consultation)}
    </Tag>
  );
}

export type MeetingStatus = "planned" | "held" | "cancelled";

export function MeetingStatusTag({ t, status }: { t: Translator; status: MeetingStatus }) {
  const variant = status === "held" ? "success" : status === "cancelled" ? "warning" : "info";
  return (
    <Tag variant={variant} size="small">
      {t(`meetings.status.${status}`)}
    </Tag>
  );
}

/** "Kvinna, 19–24 år": who a consultation is about, without saying who. */
export function anonymousLabel(t: Translator, c: { sex: string; ageBand: string }): string {
  return t("consultations.about", { sex: t(`sex.${c.sex}`), age: t(`ageBand.${c.ageBand}`) });
}

/** The first words of a longer text, for lists. */
export function excerpt(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}
