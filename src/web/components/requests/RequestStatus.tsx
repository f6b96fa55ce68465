import { BodyLong, Tag } from "@navikt/ds-react";
import type { Translator } from "../../../i18n/index.ts";

export interface StatusFacts {
  status: "draft" | "submitted" | "decided" | "withdrawn";
  meetingDate: string | null;
  decision: "accepted" | "not_ready" | null;
}

/** Where a request stands, in a few plain words (lists and the person's page). */
export function requestStatusText(t: Translator, r: StatusFacts): string {
  switch (r.status) {
    case "draft":
      return t("requests.status.draft");
    case "submitted":
      return r.meetingDate ? t("requests.status.submittedMeeting", { date: t.date(r.meetingDate) }) : t("requests.status.submittedWaiting");
    case "decided":
      return r.decision === "accepted" ? t("requests.status.accepted") : r.decision === "not_ready" ? t("requests.status.notReady") : t("requests.status.decided");
    case "withdrawn":
      return t("requests.status.withdrawn");
  }
}

function variantOf(r: StatusFacts): "neutral" | "info" | "success" | "warning" {
  if (r.status === "submitted") return "info";
  if (r.status === "decided") return r.decision === "accepted" ? "success" : "warning";
  return "neutral";
}

/** The status as a tag (colour is never the only cue: the text says it). */
export function RequestStatusTag({ t, request }: { t: Translator; request: StatusFacts }) {
  return (
    <Tag variant={variantOf(request)} size="small">
      {requestStatusText(t, request)}
    </Tag>
  );
}

/** Text someone typed, with its line breaks kept. */
export function MultilineText({ text, empty }: { text: string; empty: string }) {
  if (!text.trim()) {
    return (
      <BodyLong as="span" textColor="subtle">
        {empty}
      </BodyLong>
    );
  }
  return (
    <BodyLong as="span" style={{ whiteSpace: "pre-wrap" }}>
      {text}
    </BodyLong>
  );
}

/** A person as a reader may see them: the name when allowed, else the reference. */
export function personLabel(t: Translator, person: { reference: string; name: string | null }): string {
  return person.name ?? t("requests.person.reference", { reference: person.reference });
}
