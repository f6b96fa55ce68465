import { Alert, BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import { Link, redirect } from "react-router";
import { ValidationError } from "../../../services/errors.ts";
import { endPlacement, moveToOrdinary, programPlaces } from "../../../services/places.ts";
import { endPlacementSchema } from "../../../services/schemas/places.ts";
import { mayManageTravel } from "../../../services/travel.ts";
import { mayViewBudget } from "../../../services/budget.ts";
import { mayViewGoals } from "../../../services/goals.ts";
import { mayManageSurveys } from "../../../services/surveys.ts";
import { mayViewReports } from "../../../services/national-reporting.ts";
import { FreePlaceNotice, Occupancy } from "../../components/places/Occupancy.tsx";
import { placedLabel } from "../../components/places/labels.ts";
import type { PlacesActionData } from "../../components/places/PlaceForms.tsx";
import { OrdinaryTable, WaitingTable } from "../../components/places/PlaceTables.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/program";

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData?.places ? pageTitle(matches, "places.title", { program: loaderData.places.programName }) : pageTitle(matches, "places.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const places = await orResponse(programPlaces(ctx, params.programId));
  const url = new URL(request.url);
  const movedId = url.searchParams.get("moved");
  const moved = movedId ? (places.ordinary?.find((p) => p.placementId === movedId) ?? null) : null;
  return { places, moved, ended: url.searchParams.has("ended"), travel: await mayManageTravel(ctx, params.programId), budget: await mayViewBudget(ctx, params.programId), goals: await mayViewGoals(ctx, params.programId), reports: await mayViewReports(ctx, params.programId), surveys: await mayManageSurveys(ctx, params.programId) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<PlacesActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const placementId = String(formData.get("placementId") ?? "");
  const page = `/programs/${params.programId}`;
  if (formData.get("intent") === "end") {
    const result = await formAction(formData, endPlacementSchema, async (value) => {
      await endPlacement(ctx, placementId, value);
      return redirect(`${page}?ended=1`);
    });
    return result instanceof Response ? result : { intent: "end", placementId, result };
  }
  if (formData.get("intent") !== "move") return { intent: "move", placementId, formErrors: ["errors.invalid"] };
  try {
    await moveToOrdinary(ctx, placementId);
    return redirect(`${page}?moved=${encodeURIComponent(placementId)}`);
  } catch (error) {
    if (error instanceof ValidationError) return { intent: "move", placementId, formErrors: error.formErrors };
    rethrowAsResponse(error);
  }
}

export default function ProgramPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { places, moved, ended } = loaderData;
  const data = actionData as PlacesActionData | undefined;
  const moveErrors = data?.intent === "move" ? data.formErrors : [];
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (moveErrors.length) errorRef.current?.focus();
  }, [moveErrors.length, data]);
  return (
    <VStack gap="space-32">
      {moveErrors.length ? (
        <div ref={errorRef} tabIndex={-1}>
          <Alert variant="error">
            {moveErrors.map((m) => (
              <BodyShort key={m}>{t(m)}</BodyShort>
            ))}
          </Alert>
        </div>
      ) : null}
      {moved && !data ? (
        <Alert variant="success">
          <BodyShort spacing>{t("places.moved", { person: placedLabel(t, moved) })}</BodyShort>
          <BodyShort>
            <AkselLink as={Link} to={`/programs/${places.programId}/placements/${moved.placementId}/enrol`}>
              {t("places.moved.enrol")}
              <span className="visually-hidden"> ({placedLabel(t, moved)})</span>
            </AkselLink>
          </BodyShort>
        </Alert>
      ) : null}
      {ended && !data ? <Alert variant="success">{t("places.ended")}</Alert> : null}
      <div>
        <Heading level="1" size="large" spacing>
          {t("places.title", { program: places.programName })}
        </Heading>
        <BodyShort>{places.canManage ? t("places.intro.manage") : t("places.intro.numbers")}</BodyShort>
      </div>
      <FreePlaceNotice places={places} />
      <Occupancy places={places} />
      {places.waitingList ? <WaitingTable places={places} list={places.waitingList} actionData={data} /> : null}
      {places.ordinary ? <OrdinaryTable places={places} list={places.ordinary} actionData={data} /> : null}
      {loaderData.travel ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${places.programId}/travel`}>
            {t("travel.programLink")}
          </AkselLink>
          {" – "}
          {t("travel.programLinkHelp")}
        </BodyShort>
      ) : null}
      {loaderData.budget ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${places.programId}/budget`}>
            {t("budget.programLink")}
          </AkselLink>
          {" – "}
          {t("budget.programLinkHelp")}
        </BodyShort>
      ) : null}
      {loaderData.goals ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${places.programId}/goals`}>
            {t("goals.programLink")}
          </AkselLink>
          {" – "}
          {t("goals.programLinkHelp")}
        </BodyShort>
      ) : null}
      {loaderData.surveys.manage || loaderData.surveys.results ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${places.programId}/surveys${loaderData.surveys.manage ? "" : "/results"}`}>
            {t(loaderData.surveys.manage ? "surveys.programLink" : "surveys.programResultsLink")}
          </AkselLink>
          {" – "}
          {t("surveys.programLinkHelp")}
        </BodyShort>
      ) : null}
      {loaderData.reports ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${places.programId}/reports`}>
            {t("reports.programLink")}
          </AkselLink>
          {" – "}
          {t("reports.programLinkHelp")}
        </BodyShort>
      ) : null}
    </VStack>
  );
}
