// Places in the groups. On acceptance a person gets a place in the ordinary group if one is free,
// otherwise in the pre-group (which doubles as the waiting list), otherwise on the list without a group.
// Who is next: priority (age band) first, then the date of the decision, then who was placed first.

export type Place = "ordinary" | "pre_group" | "waiting";

export interface GroupLoad {
  ordinaryCapacity: number;
  ordinaryTaken: number;
  preGroupCapacity: number;
  preGroupTaken: number;
}

export function placeOnAcceptance(load: GroupLoad): Place {
  if (load.ordinaryTaken < load.ordinaryCapacity) return "ordinary";
  if (load.preGroupTaken < load.preGroupCapacity) return "pre_group";
  return "waiting";
}

export function freeOrdinaryPlaces(load: GroupLoad): number {
  return Math.max(0, load.ordinaryCapacity - load.ordinaryTaken);
}

export interface WaitingEntry {
  id: string;
  priority: 1 | 2;
  acceptedOn: string; // ISO date of the team's decision
  placedAt: Date;
}

export function compareWaiting(a: WaitingEntry, b: WaitingEntry): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.acceptedOn !== b.acceptedOn) return a.acceptedOn < b.acceptedOn ? -1 : 1;
  if (a.placedAt.getTime() !== b.placedAt.getTime()) return a.placedAt.getTime() - b.placedAt.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The waiting list (pre-group and waiting, never the ordinary group) in the order places are offered. */
export function waitingOrder<T extends WaitingEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareWaiting);
}

/** Days someone has waited since the decision (for the program page). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}
