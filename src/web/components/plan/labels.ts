import { actionDue, type PlanAction, type SectionChangeCount } from "../../../domain/plan.ts";
import type { Translator } from "../../../i18n/index.ts";

// Words for the plan's parts, shared by its pages.

export interface PlanHeaderLike {
  enrolmentId: string;
  personName: string | null;
  reference: string;
}

/** The participant as the reader may see them: the name, or the reference. */
export function participantLabel(header: PlanHeaderLike): string {
  return header.personName ?? header.reference;
}

export function planPath(enrolmentId: string, rest = ""): string {
  return `/enrolments/${enrolmentId}/plan${rest}`;
}

/** Who does an action, in words: the participant, the coordinator, or the authority by name. */
export function whoLabel(t: Translator, action: Pick<PlanAction, "who" | "authorityId">, authorities: { id: string; name: string }[]): string {
  if (action.who === "authority") return authorities.find((a) => a.id === action.authorityId)?.name ?? t("plan.who.authority");
  return t(`plan.who.${action.who}`);
}

/** One line per section that changed, e.g. "Aktiviteter: 1 ny, 2 ändrade". */
export function changeLines(t: Translator, summary: SectionChangeCount[]): string[] {
  return summary.map((s) => {
    if (s.section === "stage") return t("plan.history.stageFinal");
    const section = t(`plan.section.${s.section}`);
    if (s.section === "longTermGoal" || s.section === "recommendations") {
      const kind = s.added > 0 ? "added" : s.removed > 0 ? "removed" : "changed";
      return t("plan.history.line", { section, what: t(`plan.history.single.${kind}`) });
    }
    const parts = [
      s.added > 0 ? t.plural("plan.history.added", s.added) : null,
      s.changed > 0 ? t.plural("plan.history.changed", s.changed) : null,
      s.removed > 0 ? t.plural("plan.history.removed", s.removed) : null,
    ].filter((p): p is string => p !== null);
    return t("plan.history.line", { section, what: parts.join(", ") });
  });
}

/** The due state of an open action as a short word, or null when there is nothing to say. */
export function dueLabel(t: Translator, action: Pick<PlanAction, "status" | "byWhen">, today: string): { text: string; variant: "error" | "warning" } | null {
  const due = actionDue(action, today);
  if (due === "overdue") return { text: t("plan.content.overdue"), variant: "error" };
  if (due === "due" || due === "soon") return { text: t("plan.content.dueSoon"), variant: "warning" };
  return null;
}
