import type { SubmissionResult } from "@conform-to/react";
import { BodyShort, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { addDays, weekdayOf } from "../../../domain/calendar.ts";
import { isoToday } from "../../../services/context.ts";
import { createSeries, seriesFormPage } from "../../../services/schedule.ts";
import { seriesSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { SeriesForm } from "../../components/schedule/ScheduleForms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/series.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.series.newTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(seriesFormPage(ctx, params.programId));
  if (!page.canManage) throw new Response(null, { status: 403 });
  const today = isoToday(ctx.now());
  return { page, nextMonday: addDays(today, 8 - weekdayOf(today)) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), seriesSchema, async (value) => {
    const { id } = await createSeries(ctx, params.programId, value);
    return redirect(`/programs/${params.programId}/schedule/series/${id}?done=created`);
  });
  return result instanceof Response ? result : { result };
}

export default function NewSeriesPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, nextMonday } = loaderData;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/programs/${page.program.id}/schedule`}>{t("schedule.backTo", { program: page.program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("schedule.series.newTitle")}
        </Heading>
        <BodyShort>{t("schedule.series.intro")}</BodyShort>
      </div>
      <SeriesForm
        lastResult={actionData?.result}
        choices={page}
        submitLabel={t("schedule.series.create")}
        defaultValue={{ kind: "groupSession", weekdays: ["1", "2", "3"], startTime: "09:00", endTime: "12:00", firstDate: nextMonday, weeks: "every", skipHolidays: "all" }}
      />
    </VStack>
  );
}
