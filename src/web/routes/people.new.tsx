import { parseWithZod } from "@conform-to/zod/v4";
import { BodyShort, Heading, VStack } from "@navikt/ds-react";
import { data, redirect } from "react-router";
import { createPerson, programsForRegistration } from "../../services/people.ts";
import { isoToday } from "../../services/context.ts";
import { personInputSchema } from "../../services/schemas/person.ts";
import { PersonForm } from "../components/PersonForm.tsx";
import { replyWithError } from "../lib/forms.tsx";
import { isFormError, requireUser, rethrowAsResponse, safeReturnTo } from "../lib/guards.server.ts";
import { languageOptions, useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/people.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "person.new.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const programs = await programsForRegistration(ctx);
  if (programs.length === 0) throw data({ reason: "forbidden" }, { status: 403 });
  // Coming from an interest request (a study visit's visitor): the name filled in.
  const url = new URL(request.url);
  const prefill = { firstName: url.searchParams.get("firstName") ?? undefined, lastName: url.searchParams.get("lastName") ?? undefined };
  return { programs, languages: languageOptions(web.locale), prefill };
}

/** Back to the page that sent the user here (the new interest request), with the new person chosen. */
function afterCreate(request: Request, personId: string): string {
  const returnTo = new URL(request.url).searchParams.get("returnTo");
  if (!returnTo) return `/people/${personId}?created=1`;
  const target = new URL(safeReturnTo(returnTo), "http://spelplan.invalid");
  target.searchParams.set("personId", personId);
  return target.pathname + target.search;
}

export async function action({ context, request }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema: personInputSchema(isoToday(ctx.now())) });
  if (submission.status !== "success") return submission.reply();
  try {
    const person = await createPerson(ctx, submission.value);
    return redirect(afterCreate(request, person.id));
  } catch (error) {
    if (isFormError(error)) return replyWithError(submission, error);
    rethrowAsResponse(error);
  }
}

export default function NewPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-24">
      <div>
        <Heading level="1" size="large" spacing>
          {t("person.new.title")}
        </Heading>
        <BodyShort>{t("person.new.intro")}</BodyShort>
      </div>
      <PersonForm lastResult={actionData} defaultValue={loaderData.prefill} programs={loaderData.programs} languages={loaderData.languages} submitLabel={t("person.new.submit")} cancelTo="/people" />
    </VStack>
  );
}
