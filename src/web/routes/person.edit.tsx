import { parseWithZod } from "@conform-to/zod/v4";
import { Heading, VStack } from "@navikt/ds-react";
import { data, redirect } from "react-router";
import { isoToday } from "../../services/context.ts";
import { getPerson, updatePerson } from "../../services/people.ts";
import { personInputSchema } from "../../services/schemas/person.ts";
import { PersonForm } from "../components/PersonForm.tsx";
import { replyWithError } from "../lib/forms.tsx";
import { isFormError, orResponse, requireUser, rethrowAsResponse } from "../lib/guards.server.ts";
import { languageOptions, useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/person.edit";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "person.edit.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const person = await orResponse(getPerson(ctx, params.personId));
  if (person.masked || !person.permissions.update) throw data({ reason: "forbidden" }, { status: 403 });
  return { person, languages: languageOptions(web.locale) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema: personInputSchema(isoToday(ctx.now())) });
  if (submission.status !== "success") return submission.reply();
  try {
    const person = await updatePerson(ctx, params.personId, submission.value);
    return redirect(`/people/${person.id}?saved=1`);
  } catch (error) {
    if (isFormError(error)) return replyWithError(submission, error);
    rethrowAsResponse(error);
  }
}

export default function EditPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const p = loaderData.person;
  return (
    <VStack gap="space-24">
      <Heading level="1" size="large">
        {t("person.edit.heading", { name: `${p.firstName ?? ""} ${p.lastName ?? ""}`.trim() })}
      </Heading>
      <PersonForm
        lastResult={actionData}
        programs={null}
        languages={loaderData.languages}
        defaultValue={{
          firstName: p.firstName ?? "",
          lastName: p.lastName ?? "",
          idNumber: p.idNumber?.formatted ?? "",
          birthDate: p.idNumber ? "" : p.birthDate,
          sex: p.sex,
          email: p.email ?? "",
          phone: p.phone ?? "",
          streetAddress: p.streetAddress ?? "",
          postalCode: p.postalCode ?? "",
          city: p.city ?? "",
          preferredLanguage: p.preferredLanguage,
          protectedIdentity: p.protectedIdentity,
          version: p.version,
        }}
        submitLabel={t("person.edit.submit")}
        cancelTo={`/people/${p.id}`}
      />
    </VStack>
  );
}

