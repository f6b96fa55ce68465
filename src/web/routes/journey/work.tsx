import { Alert, BodyLong, BodyShort, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { endWorkSchema, workPlacementSchema } from "../../../services/schemas/journal.ts";
import { addWork, endWork, getWork } from "../../../services/work.ts";
import { JourneyHeader, participantName } from "../../components/journal/JourneyHeader.tsx";
import { type WorkActionData, WorkPlacementForm } from "../../components/journal/WorkForms.tsx";
import { WorkMeasuresTable, WorkTable } from "../../components/journal/WorkTables.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/work";

// Supported Employment: the participant's work placements and jobs, the measures they add up to (days to the
// first job, hours per week now, weeks worked), and for the coordinators and the manager the forms to record
// one and to end one.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "work.title");

const DONE = ["added", "ended"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const work = await orResponse(getWork(ctx, params.enrolmentId));
  const url = new URL(request.url);
  return { work, done: DONE.find((d) => url.searchParams.has(d)) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<WorkActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const page = `/enrolments/${params.enrolmentId}/work`;
  if (formData.get("intent") === "end") {
    const placementId = String(formData.get("placementId") ?? "");
    const result = await formAction(formData, endWorkSchema, async (value) => {
      await endWork(ctx, params.enrolmentId, placementId, value);
      return redirect(`${page}?ended=1`);
    });
    return result instanceof Response ? result : { intent: "end", placementId, result };
  }
  const result = await formAction(formData, workPlacementSchema, async (value) => {
    await addWork(ctx, params.enrolmentId, value);
    return redirect(`${page}?added=1`);
  });
  return result instanceof Response ? result : { intent: "add", result };
}

export default function WorkPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { work, done } = loaderData;
  const data = actionData as WorkActionData | undefined;
  const endResult = (placementId: string) => (data?.intent === "end" && data.placementId === placementId ? data.result : null);
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`work.done.${done}`)}</Alert> : null}
      <JourneyHeader enrolmentId={work.enrolmentId} title={t("work.titleFor", { person: participantName(t, work.participant) })} intro={t("work.intro")} />

      <section aria-labelledby="work-measures">
        <Heading level="2" size="medium" id="work-measures" spacing>
          {t("work.measures.heading")}
        </Heading>
        <BodyLong spacing className="form-narrow">
          {t("work.measures.intro", { start: t.date(work.enrolmentStart), today: t.date(work.today) })}
        </BodyLong>
        <WorkMeasuresTable measures={work.measures} />
      </section>

      <section aria-labelledby="work-list">
        <Heading level="2" size="medium" id="work-list" spacing>
          {t("work.list.heading")}
        </Heading>
        {work.placements.length === 0 ? <BodyShort>{t("work.list.none")}</BodyShort> : <WorkTable work={work} endResult={endResult} />}
      </section>

      {work.canManage ? (
        <section aria-labelledby="work-add">
          <Heading level="2" size="medium" id="work-add" spacing>
            {t("work.add.heading")}
          </Heading>
          <WorkPlacementForm lastResult={data?.intent === "add" ? data.result : null} today={work.today} />
        </section>
      ) : null}
    </VStack>
  );
}
