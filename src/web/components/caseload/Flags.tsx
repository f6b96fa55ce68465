import { BodyShort, Tag } from "@navikt/ds-react";
import type { CaseloadFlag, FlagState, Stage } from "../../../domain/caseload.ts";
import type { Translator } from "../../../i18n/index.ts";
import { useT } from "../../lib/i18n.ts";

// What needs doing now, as a list: each flag says in words how urgent it is (never by colour alone),
// what it is, and by when.

const STATE_VARIANT: Record<FlagState, "error" | "warning" | "info" | "neutral"> = {
  overdue: "error",
  due: "warning",
  soon: "info",
  notice: "neutral",
};

/** The plain-language description of a flag. */
export function flagText(t: Translator, flag: CaseloadFlag): string {
  switch (flag.kind) {
    case "plan_not_accepted":
      return t("caseload.flag.plan_not_accepted", { version: flag.version });
    case "follow_up":
      return t(flag.booked ? "caseload.flag.follow_up.booked" : "caseload.flag.follow_up.notBooked");
    case "reading":
      return t(`caseload.flag.reading.${flag.occasion}`);
    case "passive":
      return t(`caseload.flag.passive.${flag.reason}`);
    case "absent":
      return flag.count > 1 ? t("caseload.flag.absent.more", { count: flag.count }) : t(`caseload.flag.absent.${flag.rule}`);
    default:
      return t(`caseload.flag.${flag.kind}`);
  }
}

/** A date in a tag is not broken at its hyphens on a narrow screen. */
const NOWRAP = { whiteSpace: "nowrap" } as const;

const LIST_STYLE = { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: "0.25rem" } as const;

export function FlagList({ flags, empty }: { flags: readonly CaseloadFlag[]; empty: string }) {
  const t = useT();
  if (flags.length === 0) {
    return (
      <BodyShort as="span" size="small" textColor="subtle">
        {empty}
      </BodyShort>
    );
  }
  return (
    <ul style={LIST_STYLE}>
      {flags.map((flag) => (
        <li key={`${flag.kind}-${flag.due}`}>
          <Tag variant={STATE_VARIANT[flag.state]} size="xsmall" style={NOWRAP}>
            {t(`caseload.state.${flag.state}`, { date: t.date(flag.due) })}
          </Tag>{" "}
          <BodyShort as="span" size="small">
            {flagText(t, flag)}
          </BodyShort>
        </li>
      ))}
    </ul>
  );
}

export function StageTag({ stage }: { stage: Stage }) {
  const t = useT();
  return (
    <Tag variant={stage === "active" ? "success" : "neutral"} size="xsmall">
      {t(`caseload.stage.${stage}`)}
    </Tag>
  );
}

/** A participant's name as the reader may see it: masked people by reference. */
export function participantName(t: Translator, person: { masked: boolean; reference: string; firstName: string | null; lastName: string | null }): string {
  return person.masked ? t("person.maskedName", { reference: person.reference }) : `${person.firstName} ${person.lastName}`;
}
