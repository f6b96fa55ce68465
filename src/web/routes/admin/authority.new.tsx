import { BackLink } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { getFormProps } from "@conform-to/react";
import { Button, Heading, HStack, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { authorityKindsFor } from "../../../domain/organisation.ts";
import { ForbiddenError } from "../../../services/errors.ts";
import { canAdminister, createAuthority, getFederation } from "../../../services/organisations.ts";
import { authorityInputSchema } from "../../../services/schemas/organisation.ts";
import { SelectInput, TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/authority.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.authority.new");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // Only administrators learn which federations, authorities and programs exist.
  if (!canAdminister(ctx)) rethrowAsResponse(new ForbiddenError());
  const federation = await orResponse(getFederation(ctx, params.federationId));
  return { federation: { id: federation.id, name: federation.name }, kinds: authorityKindsFor(federation.country) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), authorityInputSchema, async (value) => {
    const { id } = await createAuthority(ctx, params.federationId, value);
    return redirect(`/admin/authorities/${id}?saved=1`);
  });
}

export default function NewAuthority({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [form, fields] = useSpelForm(authorityInputSchema, actionData);
  return (
    <VStack gap="space-24" className="form-narrow">
      <div>
        <BackLink to={`/admin/federations/${loaderData.federation.id}`}>{loaderData.federation.name}</BackLink>
        <Heading level="1" size="large">
          {t("admin.authority.new")}
        </Heading>
      </div>
      <FormErrorSummary form={form} fields={{ name: fields.name, kind: fields.kind }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <VStack gap="space-16">
          <TextInput field={fields.name} label={t("admin.authority.name")} description={t("admin.authority.nameHelp")} />
          <SelectInput field={fields.kind} label={t("admin.authority.kind")}>
            <option value="">{t("form.choose")}</option>
            {loaderData.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`authorityKind.${k}`)}
              </option>
            ))}
          </SelectInput>
          <HStack gap="space-16">
            <Button type="submit">{t("form.save")}</Button>
            <LinkButton to={`/admin/federations/${loaderData.federation.id}`} variant="tertiary">
              {t("form.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </VStack>
  );
}
