import { createRoute, z } from "@hono/zod-openapi";
import { QUESTION_KINDS, QUESTIONNAIRE_AUDIENCES, SURVEY_AUDIENCES, SURVEY_CHANNELS, SURVEY_GOALS } from "../../domain/surveys.ts";
import type { SuppressedCell } from "../../domain/suppression.ts";
import type { PersonLabel } from "../../services/access.ts";
import { answerSchema, handOutSchema, newQuestionnaireSchema, paperAnswerSchema, rhythmSchema, versionSchema } from "../../services/schemas/surveys.ts";
import {
  createQuestionnaire,
  enterPaperAnswer,
  handOutSurvey,
  type HandoutRow,
  publishDraft,
  type QuestionnaireVersionView,
  saveDraft,
  setSurveyRhythm,
  surveyResults,
  surveysOverview,
} from "../../services/surveys.ts";
import { type Api, handle, isoDate, isoDateTime, json, jsonBody, jsonInput, noContent, problems, registerInputSchemas } from "../intake/common.ts";

// Participant surveys: the program's questionnaires and versions (a published version never changes; the
// national indicator questionnaires are never reworded by a program), the rhythm for ongoing participants,
// handing a survey out (a one-time link, returned once: only its hash is stored), paper answers entered by
// staff (anonymous unless the participant asked to be named), and the results with small numbers suppressed
// for readers who may not list the participants. Answering by link happens on the public page /s/{token}.

export const SURVEYS_TAG = "Surveys";
const tags = [SURVEYS_TAG];

const Cell = z.union([z.object({ shown: z.number().int() }), z.object({ suppressed: z.enum(["fewer_than_5", "hidden"]) })]).openapi("SurveyCell");
const Person = z.object({ personId: z.uuid(), reference: z.string(), name: z.string().nullable().openapi({ description: "Null when masked (protected identity)." }) });

const QuestionSchema = z
  .object({
    key: z.string(),
    kind: z.enum(QUESTION_KINDS),
    text: z.string(),
    options: z.array(z.string()).openapi({ description: "A scale's fixed answer options, worst first (values 1..n)." }),
    goal: z.enum(SURVEY_GOALS).nullable(),
    agreeFrom: z.number().int().nullable().openapi({ description: "Answers from this value count as agreeing; null: the top two of a scale, yes for yes/no." }),
  })
  .openapi("SurveyQuestion");

const VersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  intro: z.string(),
  questions: z.array(QuestionSchema),
  sourceNote: z.string(),
  publishedAt: isoDateTime().nullable(),
});

const HandoutSchema = z.object({
  id: z.uuid().nullable().openapi({ description: "Null for an ongoing survey that is due but not yet handed out." }),
  enrolmentId: z.uuid(),
  person: Person,
  audience: z.enum(SURVEY_AUDIENCES),
  dueOn: isoDate(),
  channel: z.enum(SURVEY_CHANNELS).nullable(),
  handedOutOn: isoDate().nullable(),
  lastDay: isoDate().nullable(),
  used: z.boolean().openapi({ description: "Only that it was used: an anonymous answer is never linked to its hand-out." }),
});

export const SurveysOverviewSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    questionnaires: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        audience: z.enum(QUESTIONNAIRE_AUDIENCES),
        national: z.boolean(),
        current: VersionSchema.nullable(),
        draft: VersionSchema.nullable(),
        versions: z.array(z.object({ id: z.uuid(), version: z.number().int(), publishedAt: isoDateTime().nullable() })),
      }),
    ),
    everyWeeks: z.number().int(),
    toHandOut: z.array(HandoutSchema),
    handedOut: z.array(HandoutSchema),
  })
  .openapi("SurveysOverview");

export const SurveyResultsSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    from: isoDate(),
    to: isoDate(),
    suppressed: z.boolean(),
    versions: z.array(
      z.object({
        questionnaireId: z.uuid(),
        versionId: z.uuid(),
        name: z.string(),
        national: z.boolean(),
        version: z.number().int(),
        responses: Cell,
        questions: z.array(
          z.object({
            key: z.string(),
            kind: z.enum(QUESTION_KINDS),
            text: z.string(),
            labels: z.array(z.string()),
            counts: z.array(Cell),
            total: Cell,
            agree: z.object({ numerator: Cell, denominator: Cell, percent: z.number().int().nullable() }).nullable(),
            goal: z.enum(SURVEY_GOALS).nullable(),
            texts: z.array(z.string()).nullable().openapi({ description: "Free-text answers; null when suppressed." }),
          }),
        ),
      }),
    ),
  })
  .openapi("SurveyResults");

const HandOutResultSchema = z
  .object({
    handoutId: z.uuid(),
    channel: z.enum(SURVEY_CHANNELS),
    link: z.string().nullable().openapi({ description: "The one-time link (shown once: only its hash is stored)." }),
    lastDay: isoDate().nullable(),
  })
  .openapi("SurveyHandOut");

const programParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }) });
const questionnaireParams = programParam.extend({ questionnaireId: z.string().openapi({ param: { name: "questionnaireId", in: "path" }, description: "The questionnaire's id" }) });
const denied = { 403: "Only the program's manager and coordinators keep the surveys; the steering group and the team read results", 404: "No such program" };

const overviewRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/surveys",
  tags,
  summary: "The program's questionnaires, the rhythm, and the surveys to hand out and handed out (recorded in the audit log)",
  request: { params: programParam },
  responses: { 200: json(SurveysOverviewSchema, "The surveys"), ...problems(denied) },
});

const createRoute_ = createRoute({
  method: "post",
  path: "/v1/programs/{id}/surveys/questionnaires",
  tags,
  summary: "Create a questionnaire of the program's own, with its first draft",
  request: { params: programParam, body: jsonInput("NewQuestionnaireInput") },
  responses: { 201: json(z.object({ id: z.uuid(), versionId: z.uuid() }), "Created"), ...problems({ ...denied, 422: "Invalid fields" }) },
});

const draftRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/surveys/questionnaires/{questionnaireId}/draft",
  tags,
  summary: "Save the questionnaire's draft (a new version when none is open; without questions, a copy of the latest)",
  description: "A published version never changes. National questionnaires are refused (403): only a new national version replaces them.",
  request: { params: questionnaireParams, body: jsonInput("SurveyVersionInput") },
  responses: { 200: json(z.object({ versionId: z.uuid(), version: z.number().int() }), "Saved"), ...problems({ ...denied, 404: "No such program or questionnaire", 422: "Invalid fields" }) },
});

const publishRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/surveys/questionnaires/{questionnaireId}/publish",
  tags,
  summary: "Publish the questionnaire's draft (from then on it is handed out and never changes)",
  request: { params: questionnaireParams },
  responses: { 200: json(z.object({ versionId: z.uuid(), version: z.number().int() }), "Published"), ...problems({ ...denied, 404: "No such program or questionnaire", 422: "No draft, or the draft is invalid" }) },
});

const rhythmRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/surveys/rhythm",
  tags,
  summary: "Set how often ongoing participants get a survey (weeks after the start of their enrolment, 4-26)",
  request: { params: programParam, body: jsonInput("SurveyRhythmInput") },
  responses: { 204: noContent("Saved"), ...problems({ ...denied, 422: "Invalid fields" }) },
});

const handOutRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/surveys/handouts",
  tags,
  summary: "Hand a survey out as a one-time link or on paper (an offered one by handoutId, or a due one by enrolmentId and audience)",
  request: { params: programParam, body: jsonInput("SurveyHandOutInput") },
  responses: { 201: json(HandOutResultSchema, "Handed out"), ...problems({ ...denied, 404: "No such program, enrolment or hand-out", 422: "Invalid fields, or already answered" }) },
});

const paperRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/surveys/paper-answers",
  tags,
  summary: "Enter a survey answered on paper (anonymous unless the participant asked to be named: anonymous false and personId)",
  description: "answers: one object per questionnaire section of the audience (in the order of the overview's current versions), question key to value ('1'..'n', '1'/'0' for yes/no, or text).",
  request: { params: programParam, body: jsonInput("SurveyPaperAnswerInput") },
  responses: { 201: json(z.object({ anonymous: z.boolean() }), "Saved"), ...problems({ ...denied, 422: "Invalid answers" }) },
});

const resultsRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/surveys/results",
  tags,
  summary: "The results per questionnaire version and question in a period (default this year; recorded in the audit log)",
  request: { params: programParam, query: z.object({ from: isoDate().optional(), to: isoDate().optional() }) },
  responses: { 200: json(SurveyResultsSchema, "The results"), ...problems({ ...denied, 422: "Invalid period" }) },
});

const version = (v: QuestionnaireVersionView | null) => (v ? { id: v.id, version: v.version, intro: v.intro, questions: v.questions, sourceNote: v.sourceNote, publishedAt: v.publishedAt?.toISOString() ?? null } : null);
const person = (p: PersonLabel) => ({ personId: p.personId, reference: p.reference, name: p.name });
const handout = (h: HandoutRow) => ({ ...h, person: person(h.person) });
const cell = (c: SuppressedCell) => c;

/** The surveys' endpoints. */
export function registerSurveyRoutes(api: Api) {
  registerInputSchemas(api, {
    NewQuestionnaireInput: newQuestionnaireSchema,
    SurveyVersionInput: versionSchema,
    SurveyRhythmInput: rhythmSchema,
    SurveyHandOutInput: handOutSchema,
    SurveyPaperAnswerInput: paperAnswerSchema,
    SurveyAnswerInput: answerSchema,
  });

  api.openapi(overviewRoute, (c) =>
    handle(c, async (ctx) => {
      const view = await surveysOverview(ctx, c.req.valid("param").id);
      return c.json(
        {
          program: view.program,
          questionnaires: view.questionnaires.map((q) => ({
            id: q.id,
            name: q.name,
            audience: q.audience,
            national: q.national,
            current: version(q.current),
            draft: version(q.draft),
            versions: q.versions.map((v) => ({ id: v.id, version: v.version, publishedAt: v.publishedAt?.toISOString() ?? null })),
          })),
          everyWeeks: view.everyWeeks,
          toHandOut: view.toHandOut.map(handout),
          handedOut: view.handedOut.map(handout),
        },
        200,
      );
    }),
  );

  api.openapi(createRoute_, (c) =>
    handle(c, async (ctx) => {
      const created = await createQuestionnaire(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.json(created, 201);
    }),
  );

  api.openapi(draftRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, questionnaireId } = c.req.valid("param");
      return c.json(await saveDraft(ctx, id, questionnaireId, await jsonBody(c)), 200);
    }),
  );

  api.openapi(publishRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, questionnaireId } = c.req.valid("param");
      return c.json(await publishDraft(ctx, id, questionnaireId), 200);
    }),
  );

  api.openapi(rhythmRoute, (c) =>
    handle(c, async (ctx) => {
      await setSurveyRhythm(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(handOutRoute, (c) =>
    handle(c, async (ctx) => {
      c.header("Cache-Control", "no-store");
      return c.json(await handOutSurvey(ctx, c.req.valid("param").id, await jsonBody(c)), 201);
    }),
  );

  api.openapi(paperRoute, (c) =>
    handle(c, async (ctx) => c.json(await enterPaperAnswer(ctx, c.req.valid("param").id, await jsonBody(c)), 201)),
  );

  api.openapi(resultsRoute, (c) =>
    handle(c, async (ctx) => {
      const view = await surveyResults(ctx, c.req.valid("param").id, c.req.valid("query"));
      return c.json(
        {
          ...view,
          versions: view.versions.map((v) => ({
            questionnaireId: v.questionnaireId,
            versionId: v.versionId,
            name: v.name,
            national: v.national,
            version: v.version,
            responses: cell(v.responses),
            questions: v.questions.map((q) => ({ key: q.key, kind: q.kind, text: q.text, labels: q.labels, counts: q.counts, total: q.total, agree: q.agree, goal: q.goal, texts: q.texts })),
          })),
        },
        200,
      );
    }),
  );
}
