import { getFormProps } from "@conform-to/react";
import { Alert, BodyLong, BodyShort, Button, Heading, HStack, VStack } from "@navikt/ds-react";
import { data, Form, redirect } from "react-router";
import { hasCapability } from "../../../domain/policy.ts";
import { listConsents, withdrawConsent } from "../../../services/consents.ts";
import { ForbiddenError, ValidationError } from "../../../services/errors.ts";
import { getPerson } from "../../../services/people.ts";
import { consentWithdrawalSchema } from "../../../services/schemas/intake.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextArea } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/person-consent";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "requests.withdrawConsent.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  if (!hasCapability(ctx.actor.subject, "consent.withdraw")) throw data({ reason: "forbidden" }, { status: 403 });
  const person = await orResponse(getPerson(ctx, params.personId));
  const consents = await orResponse(listConsents(ctx, person.id));
  const inForce = consents.find((c) => c.status === "given" || c.status === "not_yet_valid") ?? null;
  return {
    person: { id: person.id, reference: person.reference, name: person.masked ? null : `${person.firstName} ${person.lastName}` },
    // Wording for a participant recording it about themselves.
    isSelf: ctx.actor.subject.assignments.some((a) => a.role === "participant" && a.personId === person.id),
    inForce: inForce ? { givenOn: inForce.givenOn, validUntil: inForce.validUntil, authorities: inForce.authorities.map((a) => a.name) } : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), consentWithdrawalSchema, async (value) => {
    try {
      await withdrawConsent(ctx, params.personId, value);
    } catch (error) {
      // Collaboration-team members see the person but may not record this: say so at the form.
      if (error instanceof ForbiddenError) throw new ValidationError({}, ["requests.withdrawConsent.forbidden"]);
      throw error;
    }
    return redirect(`/people/${params.personId}?consentWithdrawn=1`);
  });
}

export default function WithdrawConsent({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { person, inForce, isSelf } = loaderData;
  const [form, fields] = useSpelForm(consentWithdrawalSchema, actionData);
  const name = person.name ?? t("person.maskedName", { reference: person.reference });
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/people/${person.id}`}>{name}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("requests.withdrawConsent.title")}
        </Heading>
        <BodyShort>{isSelf ? t("requests.withdrawConsent.introSelf") : t("requests.withdrawConsent.intro", { person: name })}</BodyShort>
      </div>
      {inForce === null ? (
        <Alert variant="info">{t("consent.errors.noneToWithdraw")}</Alert>
      ) : (
        <>
          <section aria-labelledby="consent-now">
            <Heading level="2" size="medium" id="consent-now" spacing>
              {t("requests.withdrawConsent.currentHeading")}
            </Heading>
            <dl className="details-list">
              <dt>{t("requests.consent.authorities")}</dt>
              <dd>{inForce.authorities.join(", ")}</dd>
              <dt>{t("requests.consent.givenOn")}</dt>
              <dd>{t.date(inForce.givenOn)}</dd>
              <dt>{t("requests.consent.validUntil")}</dt>
              <dd>{t.date(inForce.validUntil)}</dd>
            </dl>
          </section>
          <section aria-labelledby="consent-effect">
            <Heading level="2" size="medium" id="consent-effect" spacing>
              {t("requests.withdrawConsent.effectHeading")}
            </Heading>
            <VStack gap="space-8">
              <BodyLong>{t("requests.withdrawConsent.effectNow")}</BodyLong>
              <BodyLong>{t("requests.withdrawConsent.effectWho")}</BodyLong>
              <BodyLong>{t("requests.withdrawConsent.effectRequest")}</BodyLong>
            </VStack>
          </section>
          <div className="form-narrow">
            <FormErrorSummary form={form} fields={{ note: fields.note }} />
            <Form method="post" {...getFormProps(form)}>
              <CsrfField />
              <VStack gap="space-16">
                <TextArea field={fields.note} label={t("requests.withdrawConsent.note")} description={t("requests.withdrawConsent.noteHelp")} minRows={2} />
                <HStack gap="space-16">
                  <Button type="submit" variant="danger">
                    {t("requests.withdrawConsent.submit")}
                  </Button>
                  <LinkButton to={`/people/${person.id}`} variant="tertiary">
                    {t("form.cancel")}
                  </LinkButton>
                </HStack>
              </VStack>
            </Form>
          </div>
        </>
      )}
    </VStack>
  );
}
