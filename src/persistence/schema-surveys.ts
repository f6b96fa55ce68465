import type { ColumnType, Generated } from "kysely";
import type { QuestionnaireAudience, SurveyAudience, SurveyChannel, SurveyQuestion } from "../domain/surveys.ts";

// Kysely's view of the survey tables (migration 0010_surveys). Dates ISO strings, timestamps Date.

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface QuestionnaireTable {
  id: Generated<string>;
  program_id: string | null;
  country: "SE" | "NO" | null;
  key: string;
  name: string;
  audience: QuestionnaireAudience;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface QuestionnaireVersionTable {
  id: Generated<string>;
  questionnaire_id: string;
  version: number;
  intro: ColumnType<string, string | undefined, string>;
  questions: ColumnType<SurveyQuestion[], string, string>;
  source_note: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  published_at: Date | null;
  published_by: string | null;
}

export interface ProgramSurveySettingsTable {
  program_id: string;
  ongoing_every_weeks: number;
  updated_by: string;
  updated_at: Date;
}

export interface SurveyHandoutTable {
  id: Generated<string>;
  program_id: string;
  person_id: string;
  enrolment_id: string;
  audience: SurveyAudience;
  offered_on: string;
  channel: SurveyChannel | null;
  handed_out_on: string | null;
  handed_out_by: string | null;
  token_hash: string | null;
  expires_on: string | null;
  used: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SurveyHandoutVersionTable {
  handout_id: string;
  version_id: string;
  position: number;
}

export interface SurveyResponseTable {
  id: Generated<string>;
  program_id: string;
  version_id: string;
  audience: SurveyAudience;
  channel: SurveyChannel;
  answered_on: string;
  anonymous: boolean;
  person_id: string | null;
  handout_id: string | null;
}

export interface SurveyAnswerTable {
  response_id: string;
  question_key: string;
  value: number | null;
  text: string | null;
}

export interface SurveyTables {
  questionnaires: QuestionnaireTable;
  questionnaire_versions: QuestionnaireVersionTable;
  program_survey_settings: ProgramSurveySettingsTable;
  survey_handouts: SurveyHandoutTable;
  survey_handout_versions: SurveyHandoutVersionTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
}
