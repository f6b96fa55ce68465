import { BackLink } from "../../components/admin-forms.tsx";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { authorityKindsFor, type Country } from "../../../domain/organisation.ts";
import { ForbiddenError } from "../../../services/errors.ts";
import { addUnit, canAdminister, getAuthority, getFederation, renameUnit, updateAuthority } from "../../../services/organisations.ts";
import { authorityInputSchema, unitInputSchema } from "../../../services/schemas/organisation.ts";
import { SelectInput, TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/authority";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.authority.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // Only administrators learn which federations, authorities and programs exist.
  if (!canAdminister(ctx)) rethrowAsResponse(new ForbiddenError());
  const authority = await orResponse(getAuthority(ctx, params.authorityId));
  const federation = await orResponse(getFederation(ctx, authority.federationId));
  return {
    authority,
    federation: { id: federation.id, name: federation.name },
    kinds: authorityKindsFor(federation.country as Country),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = () => redirect(`/admin/authorities/${params.authorityId}?saved=1`);
  const result =
    intent === "addUnit"
      ? await formAction(formData, unitInputSchema, async (v) => (await addUnit(ctx, params.authorityId, v), back()))
      : intent.startsWith("unit:")
        ? await formAction(formData, unitInputSchema, async (v) => (await renameUnit(ctx, intent.slice(5), v), back()))
        : await formAction(formData, authorityInputSchema, async (v) => (await updateAuthority(ctx, params.authorityId, v), back()));
  return result instanceof Response ? result : { intent: intent || "authority", result };
}

type ActionResult = { intent: string; result: SubmissionResult<string[]> } | undefined;

function resultFor(actionData: ActionResult, intent: string): SubmissionResult<string[]> | null {
  return actionData && actionData.intent === intent ? actionData.result : null;
}

export default function AuthorityPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = loaderData.authority;
  const data = actionData as ActionResult;
  const [form, fields] = useSpelForm(authorityInputSchema, resultFor(data, "authority"), { name: a.name, kind: a.kind });
  return (
    <VStack gap="space-32" className="form-narrow">
      <div>
        <BackLink to={`/admin/federations/${loaderData.federation.id}`}>{loaderData.federation.name}</BackLink>
        <Heading level="1" size="large">
          {a.name}
        </Heading>
      </div>
      {loaderData.saved ? <Alert variant="success">{t("form.saved")}</Alert> : null}
      <section aria-labelledby="authority-edit">
        <Heading level="2" size="medium" id="authority-edit" spacing>
          {t("admin.authority.edit")}
        </Heading>
        <FormErrorSummary form={form} fields={{ name: fields.name, kind: fields.kind }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="authority" />
          <VStack gap="space-16">
            <TextInput field={fields.name} label={t("admin.authority.name")} />
            <SelectInput field={fields.kind} label={t("admin.authority.kind")}>
              {loaderData.kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`authorityKind.${k}`)}
                </option>
              ))}
            </SelectInput>
            <div>
              <Button type="submit">
                {t("form.save")}
              </Button>
            </div>
          </VStack>
        </Form>
      </section>
      <section aria-labelledby="authority-units">
        <Heading level="2" size="medium" id="authority-units" spacing>
          {t("admin.authority.units")}
        </Heading>
        <BodyShort spacing>{t("admin.authority.unitsHelp")}</BodyShort>
        <VStack gap="space-16">
          {a.units.map((u) => (
            <UnitForm key={u.id} unit={u} lastResult={resultFor(data, `unit:${u.id}`)} />
          ))}
          <AddUnitForm lastResult={resultFor(data, "addUnit")} />
        </VStack>
      </section>
    </VStack>
  );
}

function UnitForm({ unit, lastResult }: { unit: { id: string; name: string }; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(unitInputSchema, lastResult, { name: unit.name });
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfField />
      <input type="hidden" name="intent" value={`unit:${unit.id}`} />
      <HStack gap="space-8" align="end">
        <TextInput field={fields.name} label={t("admin.unit.renameLabel", { name: unit.name })} />
        <Button type="submit" variant="secondary">
          {t("admin.unit.rename")}
        </Button>
      </HStack>
    </Form>
  );
}

function AddUnitForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(unitInputSchema, lastResult);
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfField />
      <input type="hidden" name="intent" value="addUnit" />
      <HStack gap="space-8" align="end">
        <TextInput field={fields.name} label={t("admin.unit.new")} />
        <Button type="submit" variant="secondary">
          {t("admin.unit.add")}
        </Button>
      </HStack>
    </Form>
  );
}
