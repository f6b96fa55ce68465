import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { data, Link, redirect } from "react-router";
import { enrol, enrolmentForm } from "../../../services/enrolments.ts";
import { enrolmentSchema } from "../../../services/schemas/intake.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { EnrolmentForm, EnrolmentSummary } from "../../components/places/EnrolmentForm.tsx";
import { placedLabel } from "../../components/places/labels.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/enrol";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "enrolment.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const form = await orResponse(enrolmentForm(ctx, params.placementId));
  // The address names the program: a placement of another program is not found here.
  if (form.programId !== params.programId) throw data({ reason: "not_found" }, { status: 404 });
  return { form, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), enrolmentSchema, async (value) => {
    await enrol(ctx, params.placementId, value);
    return redirect(`/programs/${params.programId}/placements/${params.placementId}/enrol?saved=1`);
  });
  return result instanceof Response ? result : { result };
}

export default function EnrolPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { form, saved } = loaderData;
  const person = placedLabel(t, form);
  const programPage = `/programs/${form.programId}`;
  return (
    <VStack gap="space-32">
      {saved && form.enrolment ? <Alert variant="success">{t("enrolment.saved", { person })}</Alert> : null}
      <div>
        <BackLink to={programPage}>{t("enrolment.back", { program: form.programName })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("enrolment.title", { person })}
        </Heading>
        {form.name ? (
          <BodyShort spacing textColor="subtle">
            {form.reference}
          </BodyShort>
        ) : null}
        {!form.enrolment && form.place === "ordinary" ? <BodyShort>{t("enrolment.intro", { person, program: form.programName })}</BodyShort> : null}
      </div>
      {form.enrolment ? (
        <>
          {!saved ? <Alert variant="info">{t("enrolment.enrolled", { person, program: form.programName })}</Alert> : null}
          <EnrolmentSummary enrolment={form.enrolment} />
          <HStack gap="space-24">
            <BodyShort>
              <AkselLink as={Link} to={`/people/${form.personId}`}>
                {t("enrolment.toPerson")}
              </AkselLink>
            </BodyShort>
            <BodyShort>
              <AkselLink as={Link} to={programPage}>
                {t("enrolment.back", { program: form.programName })}
              </AkselLink>
            </BodyShort>
          </HStack>
        </>
      ) : form.place !== "ordinary" ? (
        <Alert variant="warning">{t("enrolment.notOrdinary", { person })}</Alert>
      ) : (
        <EnrolmentForm data={form} lastResult={actionData?.result} cancelTo={programPage} />
      )}
    </VStack>
  );
}
