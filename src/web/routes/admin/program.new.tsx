import { BackLink } from "../../components/admin-forms.tsx";
import { Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { DEFAULT_GROUP_CAPACITY } from "../../../domain/organisation.ts";
import { ForbiddenError } from "../../../services/errors.ts";
import { canAdminister, createProgram, getFederation } from "../../../services/organisations.ts";
import { programInputSchema } from "../../../services/schemas/organisation.ts";
import { ProgramForm } from "../../components/ProgramForm.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/program.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.program.new");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // Only administrators learn which federations, authorities and programs exist.
  if (!canAdminister(ctx)) rethrowAsResponse(new ForbiddenError());
  const federation = await orResponse(getFederation(ctx, params.federationId));
  return { federation: { id: federation.id, name: federation.name }, authorities: federation.authorities.map((a) => ({ id: a.id, name: a.name })) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), programInputSchema, async (value) => {
    const { id } = await createProgram(ctx, params.federationId, value);
    return redirect(`/admin/programs/${id}?saved=1`);
  });
}

export default function NewProgram({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-24" className="form-narrow">
      <div>
        <BackLink to={`/admin/federations/${loaderData.federation.id}`}>{loaderData.federation.name}</BackLink>
        <Heading level="1" size="large">
          {t("admin.program.new")}
        </Heading>
      </div>
      <ProgramForm
        lastResult={actionData}
        authorities={loaderData.authorities}
        cancelTo={`/admin/federations/${loaderData.federation.id}`}
        defaultValue={{
          active: true,
          ordinaryGroupName: t("admin.program.defaultOrdinaryName"),
          ordinaryCapacity: DEFAULT_GROUP_CAPACITY.ordinary,
          preGroupName: t("admin.program.defaultPreGroupName"),
          preGroupCapacity: DEFAULT_GROUP_CAPACITY.pre_group,
        }}
      />
    </VStack>
  );
}
