import type { SurveyTally } from "../domain/goals.ts";
import { type AnswerFact, goalTallies, type SurveyQuestion } from "../domain/surveys.ts";
import type { Db, Tx } from "./context.ts";

// The survey answers behind the program goals "support_influence" and "more_ready" (src/domain/goals.ts):
// per month and goal, how many answers to a question that feeds the goal agreed, of how many answered.
// Counts only: nothing here reaches a person (anonymous responses have none).

/** The program's survey tallies per month and goal, over its whole history (the goals pick the year's months). */
export async function surveyGoalTallies(db: Db | Tx, programId: string): Promise<SurveyTally[]> {
  const rows = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", "r.id", "a.response_id")
    .select(["r.version_id", "r.answered_on", "a.question_key", "a.value"])
    .where("r.program_id", "=", programId)
    .where("a.value", "is not", null)
    .execute();
  if (rows.length === 0) return [];
  const versionIds = [...new Set(rows.map((r) => r.version_id))];
  const versions = await db.selectFrom("questionnaire_versions").select(["id", "questions"]).where("id", "in", versionIds).execute();
  const questions = new Map<string, readonly SurveyQuestion[]>(versions.map((v) => [v.id, v.questions]));
  const facts: AnswerFact[] = rows.map((r) => ({ versionId: r.version_id, key: r.question_key, value: r.value, answeredOn: r.answered_on }));
  return goalTallies(questions, facts).map((t) => ({ id: `${t.goal}:${t.month}`, question: t.goal, month: t.month, agree: t.agree, total: t.total }));
}
