import { BackLink } from "../../components/admin-forms.tsx";
import { Alert, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { ForbiddenError } from "../../../services/errors.ts";
import { canAdminister, getFederation, getProgram, updateIntakeSettings, updateProgram } from "../../../services/organisations.ts";
import { intakeSettingsSchema } from "../../../services/schemas/intake.ts";
import { programInputSchema } from "../../../services/schemas/organisation.ts";
import { IntakeSettingsForm } from "../../components/IntakeSettingsForm.tsx";
import { ProgramForm } from "../../components/ProgramForm.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/program";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.program.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // Only administrators learn which federations, authorities and programs exist.
  if (!canAdminister(ctx)) rethrowAsResponse(new ForbiddenError());
  const program = await orResponse(getProgram(ctx, params.programId));
  const federation = await orResponse(getFederation(ctx, program.federationId));
  return {
    program,
    authorities: federation.authorities.map((a) => ({ id: a.id, name: a.name })),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  // Two forms on the page: the program itself, and who it is for (intake guidance).
  if (formData.get("intent") === "intake") {
    const result = await formAction(formData, intakeSettingsSchema, async (value) => {
      await updateIntakeSettings(ctx, params.programId, value);
      return redirect(`/admin/programs/${params.programId}?saved=1`);
    });
    return result instanceof Response ? result : { intent: "intake" as const, result };
  }
  const result = await formAction(formData, programInputSchema, async (value) => {
    await updateProgram(ctx, params.programId, value);
    return redirect(`/admin/programs/${params.programId}?saved=1`);
  });
  return result instanceof Response ? result : { intent: "program" as const, result };
}

export default function ProgramPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const p = loaderData.program;
  const ordinary = p.groups.find((g) => g.kind === "ordinary");
  const pre = p.groups.find((g) => g.kind === "pre_group");
  return (
    <VStack gap="space-24" className="form-narrow">
      <div>
        <BackLink to={`/admin/federations/${p.federationId}`}>{p.federationName}</BackLink>
        <Heading level="1" size="large">
          {p.name}
        </Heading>
      </div>
      {loaderData.saved ? <Alert variant="success">{t("form.saved")}</Alert> : null}
      <ProgramForm
        lastResult={actionData?.intent === "program" ? actionData.result : null}
        authorities={loaderData.authorities}
        cancelTo={`/admin/federations/${p.federationId}`}
        defaultValue={{
          name: p.name,
          ownerAuthorityId: p.ownerAuthorityId,
          description: p.description,
          active: p.active,
          ordinaryGroupName: ordinary?.name ?? "",
          ordinaryCapacity: ordinary?.capacity ?? 0,
          preGroupName: pre?.name ?? "",
          preGroupCapacity: pre?.capacity ?? 0,
        }}
      />
      <IntakeSettingsForm lastResult={actionData?.intent === "intake" ? actionData.result : null} defaultValue={p.intake} />
    </VStack>
  );
}
