import { addDays } from "../domain/calendar.ts";
import { KRUS_OWN_QUESTIONNAIRE } from "../domain/surveys.ts";
import type { Deps } from "../services/context.ts";
import { answerSurveyLink, createQuestionnaire, enterPaperAnswer, handOutSurvey, publishDraft } from "../services/surveys.ts";
import type { StoryUsers } from "./intake-story.ts";
import { demoStart, type JourneyTimeline } from "./journey-story.ts";

// The demo's participant surveys, on the journey's timeline: KRUS publishes its own questions on the first
// day (the national indicator questionnaires come with the database); every four weeks the coordinator hands
// out the exit surveys that the exits have offered, as one-time links, and the participants answer them the same
// evening, nearly all anonymously. The two newest offered exit surveys are left to hand out (the surveys page then has
// something to do). Today's participants answered a paper survey last week. Answers follow a fixed pattern, so
// the goals show real shares (support and influence just under 90 %, more ready about 75 %). A few dozen calls.

/** Answers per respondent: [influence 1-4, treated 1-4, contact 1/0, more ready 1-4, own goals 1-4]. */
const PATTERN: readonly (readonly [number, number, number, number, number])[] = [
  [4, 4, 1, 3, 4],
  [3, 4, 1, 4, 3],
  [4, 3, 1, 2, 3],
  [3, 3, 1, 3, 3],
  [4, 4, 1, 4, 4],
  [2, 3, 0, 2, 2],
  [4, 4, 1, 3, 4],
  [3, 4, 1, 3, 3],
];
const COMMENTS = ["Tack för att ni lyssnade.", "Frukosten och gruppen var det bästa.", "Mer tid för praktik hade varit bra."];

function answers(i: number, audience: "exit" | "ongoing") {
  const [influence, treated, contact, ready, goals] = PATTERN[i % PATTERN.length]!;
  const own: Record<string, string> = { more_ready: String(ready), own_goals: String(goals) };
  if (audience === "exit" && i % 3 === 0) own.comment = COMMENTS[(i / 3) % COMMENTS.length]!;
  return [{ influence: String(influence), treated: String(treated), contact: String(contact) }, own];
}

export function surveyStory(deps: Deps, programId: string, users: StoryUsers, journey: JourneyTimeline, today: string): void {
  const start = demoStart(today);
  const coordinator = users.coordinators[0]!;
  journey.schedule(start, 8, 30, async () => {
    const ctx = await journey.ctx(users.manager, start, 8, 30);
    const own = await createQuestionnaire(ctx, programId, {
      name: KRUS_OWN_QUESTIONNAIRE.name,
      audience: KRUS_OWN_QUESTIONNAIRE.audience,
      intro: KRUS_OWN_QUESTIONNAIRE.content.intro,
      questions: KRUS_OWN_QUESTIONNAIRE.content.questions.map((q) => ({ key: q.key, kind: q.kind, text: q.text, options: q.options, goal: q.goal ?? "", agreeFrom: "" })),
    });
    await publishDraft(ctx, programId, own.id);
  });

  let respondent = 0;
  const last = addDays(today, -7);
  for (let day = addDays(start, 28); day <= last; day = addDays(day, 28)) {
    const date = day;
    const links: string[] = [];
    journey.schedule(date, 10, 0, async () => {
      // Every exit survey offered so far, newest last; the two newest of all wait (they may be the story's last).
      const exits = await deps.db.selectFrom("survey_handouts").select(["id", "channel"]).where("program_id", "=", programId).where("audience", "=", "exit").orderBy("offered_on").orderBy("id").execute();
      const newest = new Set(exits.slice(-2).map((x) => x.id));
      const ctx = await journey.ctx(coordinator, date, 10);
      for (const h of exits.filter((x) => x.channel === null && !newest.has(x.id))) {
        const handed = await handOutSurvey(ctx, programId, { handoutId: h.id, channel: "link" });
        links.push(handed.link!);
      }
    });
    journey.schedule(date, 19, 0, async () => {
      for (const link of links) {
        const i = respondent++;
        const at = await journey.ctx(coordinator, date, 19, i % 50);
        // One in seven chooses to put their name on the answers.
        await answerSurveyLink(at, { ip: null, userAgent: null }, link.slice(link.lastIndexOf("/") + 1), { anonymous: i % 7 === 6 ? "no" : "yes", answers: answers(i, "exit") });
      }
    });
  }

  // Today's participants filled in the ongoing survey on paper last week; the coordinator entered the answers.
  const paperDay = addDays(today, -6);
  journey.schedule(paperDay, 14, 0, async () => {
    const ctx = await journey.ctx(coordinator, paperDay, 14);
    for (let i = 0; i < 6; i++) await enterPaperAnswer(ctx, programId, { audience: "ongoing", answeredOn: paperDay, answers: answers(i + 3, "ongoing") });
  });
}
