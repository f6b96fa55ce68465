import { addDays } from "../domain/calendar.ts";
import { isoToday, type Deps } from "../services/context.ts";
import { recordDisbursement, setTravelBudget, voidDisbursement } from "../services/travel.ts";
import { type StoryUsers, teamMeetingDates } from "./intake-story.ts";
import type { JourneyTimeline } from "./journey-story.ts";

// Travel money (reskassa) in the demo: the year's budget, and bus tickets for today's participants who need
// them while no other authority pays, entered by their coordinator the day they were paid out, one entered
// twice by mistake and voided. The steps join the journey's timeline, so the audit log stays in time order.

interface Ticket {
  /** Register index of the participant. */
  index: number;
  /** Days after the participant's first week in the group began. */
  day: number;
  amount: string;
  purpose: string;
  /** Entered twice by mistake: the second entry is voided. */
  twice?: boolean;
}

const MONTHLY = "30-dagarsbiljett, Kalmar länstrafik";
const TICKETS: Ticket[] = [
  { index: 0, day: 1, amount: "650", purpose: MONTHLY, twice: true },
  { index: 5, day: 2, amount: "650", purpose: MONTHLY },
  { index: 1, day: 9, amount: "62,50", purpose: "Resa till studiebesök på en arbetsplats i Nybro" },
  { index: 13, day: 0, amount: "124", purpose: "Enkelbiljetter till och från KRUS första veckan" },
  { index: 13, day: 6, amount: "650", purpose: "30-dagarsbiljett tills Arbetsförmedlingens busskort kommer" },
  { index: 0, day: 31, amount: "650", purpose: `${MONTHLY} (andra månaden)` },
  { index: 5, day: 32, amount: "650", purpose: `${MONTHLY} (andra månaden)` },
];
/** Who was accepted at the first of the recent meetings (the intake story): the rest came three weeks later. */
const FIRST_GROUP = new Set([0, 1, 2, 3, 4, 5, 6, 7]);

export function travelStory(deps: Deps, programId: string, personIds: readonly string[], users: StoryUsers, timeline: JourneyTimeline): void {
  const today = isoToday(deps.now());
  const yesterday = addDays(today, -1);
  const { past } = teamMeetingDates(today);
  // The first week in the group, as the journey story tells it.
  const firstGroup = addDays(past[0], 8);
  const secondGroup = addDays(past[1], 9);

  // This year's budget, set in the first days of January (early in January: the day before the demo is loaded).
  const year = today.slice(0, 4);
  const budgetDay = `${year}-01-03` < yesterday ? `${year}-01-03` : yesterday;
  timeline.schedule(budgetDay, 9, 0, async () => setTravelBudget(await timeline.ctx(users.manager, budgetDay, 9), programId, { year, amount: "12000" }));
  // Last year's too, when the demo's story reaches back into it.
  const lastYear = String(Number(year) - 1);
  if (firstGroup.slice(0, 4) === lastYear) {
    const day = `${lastYear}-12-01` < firstGroup ? `${lastYear}-12-01` : firstGroup;
    timeline.schedule(day, 9, 0, async () => setTravelBudget(await timeline.ctx(users.manager, day, 9), programId, { year: lastYear, amount: "9000" }));
  }

  for (const ticket of TICKETS) {
    const date = addDays(FIRST_GROUP.has(ticket.index) ? firstGroup : secondGroup, ticket.day);
    if (date > yesterday) continue;
    const coordinator = users.coordinators[ticket.index % users.coordinators.length]!;
    timeline.schedule(date, 15, 30, async () => {
      const ctx = await timeline.ctx(coordinator, date, 15, 30);
      const entry = { personId: personIds[ticket.index]!, date, amount: ticket.amount, purpose: ticket.purpose, paidBy: "Kontant ur KRUS kassa" };
      await recordDisbursement(ctx, programId, entry);
      if (ticket.twice) {
        const { id } = await recordDisbursement(ctx, programId, entry);
        await voidDisbursement(await timeline.ctx(coordinator, date, 15, 45), programId, id, { reason: "Registrerad två gånger av misstag." });
      }
    });
  }
}
