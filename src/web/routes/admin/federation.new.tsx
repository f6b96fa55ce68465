import { Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { decide } from "../../../domain/policy.ts";
import { ForbiddenError } from "../../../services/errors.ts";
import { createFederation } from "../../../services/organisations.ts";
import { federationInputSchema } from "../../../services/schemas/organisation.ts";
import { BackLink, FederationForm } from "../../components/admin-forms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/federation.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.federation.new");

export function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // The question createFederation asks: only the installation's administrators create federations.
  if (!decide(ctx.actor.subject, "organisation.manage", { type: "installation" }).allowed) rethrowAsResponse(new ForbiddenError());
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), federationInputSchema, async (value) => {
    const { id } = await createFederation(ctx, value);
    return redirect(`/admin/federations/${id}?saved=1`);
  });
}

export default function NewFederation({ actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-24" className="form-narrow">
      <div>
        <BackLink to="/admin">{t("admin.title")}</BackLink>
        <Heading level="1" size="large">
          {t("admin.federation.new")}
        </Heading>
      </div>
      <FederationForm lastResult={actionData} defaultValue={{ country: "SE" }} submitLabel={t("form.save")} cancelTo="/admin" />
    </VStack>
  );
}
