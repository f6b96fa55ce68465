import { dueState } from "./journey-dates.ts";

// The participant's living plan: a long-term goal, sub-goals, obstacles with how to overcome each, actions
// (what, who, by when, status, agreed) and, at exit, recommendations for the plan for the future.
// Each save is a full snapshot (a version); what changed between two snapshots is computed here, item by
// item, by the items' stable ids, so that a version's change list and a side-by-side comparison of any two
// versions say the same thing. Plain data in, plain data out.

export const GOAL_KINDS = ["work", "studies", "work_rehabilitation", "other"] as const;
export const ACTION_WHO = ["participant", "coordinator", "authority"] as const;
export const ACTION_STATUSES = ["planned", "in_progress", "done", "cancelled"] as const;
export const ACCEPTANCE_METHODS = ["signed", "in_meeting", "by_phone", "digital"] as const;
export const PLAN_STAGES = ["ongoing", "final"] as const;

export type GoalKind = (typeof GOAL_KINDS)[number];
export type ActionWho = (typeof ACTION_WHO)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type AcceptanceMethod = (typeof ACCEPTANCE_METHODS)[number];
export type PlanStage = (typeof PLAN_STAGES)[number];

export interface SubGoal {
  id: string;
  text: string;
}

export interface Obstacle {
  id: string;
  text: string;
  howToOvercome: string;
}

export interface PlanAction {
  id: string;
  what: string;
  who: ActionWho;
  /** When `who` is an authority: which member authority. */
  authorityId: string | null;
  byWhen: string | null;
  status: ActionStatus;
  agreed: boolean;
}

/** The same shape as PlanContent in persistence/schema-journey.ts (the stored snapshot). */
export interface Plan {
  longTermGoal: { kind: GoalKind | null; text: string };
  subGoals: SubGoal[];
  obstacles: Obstacle[];
  actions: PlanAction[];
  recommendations: string;
}

export type PlanSection = "longTermGoal" | "subGoals" | "obstacles" | "actions" | "recommendations" | "stage";
export type ListSection = "subGoals" | "obstacles" | "actions";
export const LIST_SECTIONS: readonly ListSection[] = ["subGoals", "obstacles", "actions"];

export type ChangeKind = "added" | "removed" | "changed";

/**
 * One change between two versions. `path` is "longTermGoal", "recommendations", "stage" or
 * "<list>.<item id>"; `fields` names what changed in a changed item (e.g. ["status", "agreed"]).
 * Stored with each version (compatible with PlanChange: path and change, fields as an extra).
 */
export interface PlanItemChange {
  path: string;
  change: ChangeKind;
  fields?: string[];
}

export function emptyPlan(): Plan {
  return { longTermGoal: { kind: null, text: "" }, subGoals: [], obstacles: [], actions: [], recommendations: "" };
}

/** Whether a plan has nothing written in it at all. */
export function isEmptyPlan(plan: Plan): boolean {
  return (
    plan.longTermGoal.kind === null &&
    plan.longTermGoal.text.trim() === "" &&
    plan.subGoals.length === 0 &&
    plan.obstacles.length === 0 &&
    plan.actions.length === 0 &&
    plan.recommendations.trim() === ""
  );
}

const ITEM_FIELDS = {
  subGoals: ["text"],
  obstacles: ["text", "howToOvercome"],
  actions: ["what", "who", "authorityId", "byWhen", "status", "agreed"],
} as const satisfies Record<ListSection, readonly string[]>;

type Item<S extends ListSection> = Plan[S][number];

function changedFields<S extends ListSection>(section: S, before: Item<S>, after: Item<S>): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  return ITEM_FIELDS[section].filter((field) => (a[field] ?? null) !== (b[field] ?? null));
}

/** One row of a side-by-side comparison: an item as it was and as it is, and what happened to it. */
export interface ComparedItem<T> {
  id: string;
  before: T | null;
  after: T | null;
  change: ChangeKind | "unchanged";
  fields: string[];
}

export interface PlanComparison {
  longTermGoal: { before: Plan["longTermGoal"]; after: Plan["longTermGoal"]; change: "changed" | "unchanged"; fields: string[] };
  subGoals: ComparedItem<SubGoal>[];
  obstacles: ComparedItem<Obstacle>[];
  actions: ComparedItem<PlanAction>[];
  recommendations: { before: string; after: string; change: ChangeKind | "unchanged" };
}

/**
 * The items of one list compared by id, in the newer version's order, each removed item placed where it
 * stood in the older one (before the item that followed it there).
 */
function compareList<S extends ListSection>(section: S, before: Item<S>[], after: Item<S>[]): ComparedItem<Item<S>>[] {
  const beforeById = new Map(before.map((item) => [item.id, item] as const));
  const afterIds = new Set(after.map((item) => item.id));
  const rows: ComparedItem<Item<S>>[] = after.map((item) => {
    const old = beforeById.get(item.id);
    if (!old) return { id: item.id, before: null, after: item, change: "added", fields: [] };
    const fields = changedFields(section, old, item);
    return { id: item.id, before: old, after: item, change: fields.length > 0 ? "changed" : "unchanged", fields };
  });
  // Removed items: just before the next item of the old list that is still there, else at the end.
  before.forEach((old, index) => {
    if (afterIds.has(old.id)) return;
    const row: ComparedItem<Item<S>> = { id: old.id, before: old, after: null, change: "removed", fields: [] };
    const next = before.slice(index + 1).find((item) => afterIds.has(item.id));
    const at = next ? rows.findIndex((r) => r.id === next.id) : -1;
    if (at < 0) rows.push(row);
    else rows.splice(at, 0, row);
  });
  return rows;
}

/** Two versions side by side, every item with its change (unchanged ones too). */
export function comparePlans(before: Plan, after: Plan): PlanComparison {
  const goalFields = (["kind", "text"] as const).filter((f) => before.longTermGoal[f] !== after.longTermGoal[f]);
  const recBefore = before.recommendations;
  const recAfter = after.recommendations;
  return {
    longTermGoal: { before: before.longTermGoal, after: after.longTermGoal, change: goalFields.length > 0 ? "changed" : "unchanged", fields: [...goalFields] },
    subGoals: compareList("subGoals", before.subGoals, after.subGoals),
    obstacles: compareList("obstacles", before.obstacles, after.obstacles),
    actions: compareList("actions", before.actions, after.actions),
    recommendations: {
      before: recBefore,
      after: recAfter,
      change: recBefore === recAfter ? "unchanged" : recBefore === "" ? "added" : recAfter === "" ? "removed" : "changed",
    },
  };
}

/**
 * What changed from one version to the next, item by item (the order of the lists is not a change).
 * Empty when nothing changed: such a save makes no new version.
 */
export function diffPlans(before: Plan, after: Plan): PlanItemChange[] {
  const comparison = comparePlans(before, after);
  const changes: PlanItemChange[] = [];
  if (comparison.longTermGoal.change === "changed") changes.push({ path: "longTermGoal", change: "changed", fields: comparison.longTermGoal.fields });
  for (const section of LIST_SECTIONS) {
    for (const row of comparison[section] as ComparedItem<unknown>[]) {
      if (row.change === "unchanged") continue;
      changes.push(row.change === "changed" ? { path: `${section}.${row.id}`, change: "changed", fields: row.fields } : { path: `${section}.${row.id}`, change: row.change });
    }
  }
  if (comparison.recommendations.change !== "unchanged") changes.push({ path: "recommendations", change: comparison.recommendations.change });
  return changes;
}

/** The section a change belongs to ("actions.ab12" -> "actions"). */
export function changeSection(change: Pick<PlanItemChange, "path">): PlanSection {
  const section = change.path.split(".")[0];
  switch (section) {
    case "longTermGoal":
    case "subGoals":
    case "obstacles":
    case "actions":
    case "recommendations":
    case "stage":
      return section;
    default:
      return "longTermGoal";
  }
}

export interface SectionChangeCount {
  section: PlanSection;
  added: number;
  removed: number;
  changed: number;
}

/** A short summary of a change list: counts per section, in the plan's order, sections without changes left out. */
export function summarizeChanges(changes: readonly Pick<PlanItemChange, "path" | "change">[]): SectionChangeCount[] {
  const order: PlanSection[] = ["stage", "longTermGoal", "subGoals", "obstacles", "actions", "recommendations"];
  const counts = new Map<PlanSection, SectionChangeCount>();
  for (const change of changes) {
    const section = changeSection(change);
    let count = counts.get(section);
    if (!count) counts.set(section, (count = { section, added: 0, removed: 0, changed: 0 }));
    count[change.change] += 1;
  }
  return order.flatMap((section) => {
    const count = counts.get(section);
    return count ? [count] : [];
  });
}

/** Whether an action is still to be done (planned or in progress). */
export function isOpen(action: Pick<PlanAction, "status">): boolean {
  return action.status === "planned" || action.status === "in_progress";
}

export type ActionDue = "none" | "later" | "soon" | "due" | "overdue";

/** Where an open action's date stands today (closed actions and actions without a date: "none"). */
export function actionDue(action: Pick<PlanAction, "status" | "byWhen">, today: string): ActionDue {
  if (!isOpen(action) || !action.byWhen) return "none";
  return dueState(action.byWhen, today);
}

export interface PlanSummary {
  subGoals: number;
  obstacles: number;
  actions: number;
  open: number;
  done: number;
  cancelled: number;
  /** Open actions whose date has gone by. */
  overdue: number;
  /** Open actions due today or within the coming days. */
  dueSoon: number;
  agreed: number;
  /** Open actions not yet agreed. */
  openNotAgreed: number;
  hasGoal: boolean;
}

/** Counts for the plan's page and the caseload: open actions, actions past their date and more. */
export function planSummary(plan: Plan, today: string): PlanSummary {
  const open = plan.actions.filter(isOpen);
  const due = open.map((a) => actionDue(a, today));
  return {
    subGoals: plan.subGoals.length,
    obstacles: plan.obstacles.length,
    actions: plan.actions.length,
    open: open.length,
    done: plan.actions.filter((a) => a.status === "done").length,
    cancelled: plan.actions.filter((a) => a.status === "cancelled").length,
    overdue: due.filter((d) => d === "overdue").length,
    dueSoon: due.filter((d) => d === "due" || d === "soon").length,
    agreed: plan.actions.filter((a) => a.agreed).length,
    openNotAgreed: open.filter((a) => !a.agreed).length,
    hasGoal: plan.longTermGoal.kind !== null || plan.longTermGoal.text.trim() !== "",
  };
}

/** Open actions, the earliest date first (those without a date last), for "what is next". */
export function openActions(plan: Plan): PlanAction[] {
  return plan.actions.filter(isOpen).sort((a, b) => (a.byWhen ?? "9999-12-31").localeCompare(b.byWhen ?? "9999-12-31"));
}

/** Open actions whose date has gone by. */
export function overdueActions(plan: Plan, today: string): PlanAction[] {
  return openActions(plan).filter((a) => actionDue(a, today) === "overdue");
}

/** The plan with the given actions marked agreed (the others as they were). */
export function markAgreed(plan: Plan, actionIds: readonly string[]): Plan {
  const ids = new Set(actionIds);
  return { ...plan, actions: plan.actions.map((a) => (ids.has(a.id) && !a.agreed ? { ...a, agreed: true } : a)) };
}

/**
 * Gives every item an id: keeps the ones it has (unless used twice in the same list) and takes a new one
 * from `newId` for the rest. Items written in a form before they were saved have none yet.
 */
export function withItemIds(
  plan: {
    longTermGoal: Plan["longTermGoal"];
    subGoals: (Omit<SubGoal, "id"> & { id?: string | undefined })[];
    obstacles: (Omit<Obstacle, "id"> & { id?: string | undefined })[];
    actions: (Omit<PlanAction, "id"> & { id?: string | undefined })[];
    recommendations: string;
  },
  newId: () => string,
): Plan {
  const assign = <T extends { id?: string | undefined }>(items: T[]): (T & { id: string })[] => {
    const seen = new Set<string>();
    return items.map((item) => {
      let id = item.id && !seen.has(item.id) ? item.id : newId();
      while (seen.has(id)) id = newId();
      seen.add(id);
      return { ...item, id };
    });
  };
  return {
    longTermGoal: { kind: plan.longTermGoal.kind, text: plan.longTermGoal.text },
    subGoals: assign(plan.subGoals).map(({ id, text }) => ({ id, text })),
    obstacles: assign(plan.obstacles).map(({ id, text, howToOvercome }) => ({ id, text, howToOvercome })),
    actions: assign(plan.actions).map(({ id, what, who, authorityId, byWhen, status, agreed }) => ({
      id,
      what,
      who,
      authorityId: who === "authority" ? authorityId : null,
      byWhen,
      status,
      agreed,
    })),
    recommendations: plan.recommendations,
  };
}

/**
 * Whether a version still awaits the participant's acceptance: the newest accepted version is older
 * than the current one (or there is none).
 */
export function acceptanceState(currentVersion: number, acceptedVersions: readonly number[]): "none" | "current" | "outdated" {
  if (currentVersion === 0) return "none";
  const newest = Math.max(0, ...acceptedVersions);
  if (newest === 0) return "none";
  return newest >= currentVersion ? "current" : "outdated";
}
