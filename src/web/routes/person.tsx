import { LinkButton } from "../components/LinkButton.tsx";
import { Alert, BodyShort, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";

import { Link, redirect } from "react-router";
import { hasCapability } from "../../domain/policy.ts";
import { listConsents } from "../../services/consents.ts";
import { NotFoundError } from "../../services/errors.ts";
import { getPerson } from "../../services/people.ts";
import { listRequests } from "../../services/requests.ts";
import { personPlacement } from "../../services/enrolments.ts";
import { journeyLinkFor } from "../../services/enrolment-overview.ts";
import { PersonPlacementSection } from "../components/places/PersonPlacementSection.tsx";
import { PersonConsentSection, PersonRequestsSection } from "../components/requests/PersonIntakeSections.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../lib/guards.server.ts";
import { getTranslator, useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/person";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "person.view.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const person = await getPerson(ctx, params.personId).catch((error: unknown) => {
    // Whoever has just recorded that the person withdrew their consent may no longer see them.
    if (error instanceof NotFoundError && url.searchParams.has("consentWithdrawn")) throw redirect("/requests?consentWithdrawn=1");
    rethrowAsResponse(error);
  });
  const languageName = getTranslator(web.locale).languageName(person.preferredLanguage);
  const subject = ctx.actor.subject;
  const consents = await orResponse(listConsents(ctx, person.id));
  // The person's requests among those the reader may follow.
  const requests = hasCapability(subject, "request.viewStatus") ? await orResponse(listRequests(ctx, { personId: person.id })) : [];
  const placement = await orResponse(personPlacement(ctx, person.id));
  const consentInForce = consents.some((c) => c.status === "given" || c.status === "not_yet_valid");
  return {
    person,
    languageName,
    canEdit: person.permissions.update,
    created: url.searchParams.has("created"),
    saved: url.searchParams.has("saved"),
    consentWithdrawn: url.searchParams.has("consentWithdrawn"),
    consents,
    requests,
    placement,
    // The participant's hub, when enrolled (or exited) and the reader may see the journey.
    journeyEnrolmentId: await journeyLinkFor(ctx, person.id),
    canCreateRequest: hasCapability(subject, "request.create"),
    // The service decides (collaboration-team members may not); the link is for roles that can record it.
    canWithdrawConsent: consentInForce && hasCapability(subject, "consent.withdraw"),
  };
}

export default function PersonPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { person: p, canEdit } = loaderData;
  const name = p.masked ? t("person.maskedName", { reference: p.reference }) : `${p.firstName} ${p.lastName}`;
  const none = <BodyShort as="span" textColor="subtle">{t("person.notGiven")}</BodyShort>;
  return (
    <VStack gap="space-24">
      <title>{`${name} – Spelplan`}</title>
      {loaderData.created ? <Alert variant="success">{t("person.created")}</Alert> : null}
      {loaderData.saved ? <Alert variant="success">{t("person.saved")}</Alert> : null}
      {loaderData.consentWithdrawn ? <Alert variant="success">{t("requests.personPage.consentWithdrawn")}</Alert> : null}
      <div>
        <Heading level="1" size="large" spacing>
          {name}
        </Heading>
        <HStack gap="space-8">
          <Tag variant="neutral" size="small">
            {t("person.referenceTag", { reference: p.reference })}
          </Tag>
          {p.protectedIdentity ? (
            <Tag variant="warning" size="small">
              {t("person.protectedIdentity")}
            </Tag>
          ) : null}
        </HStack>
      </div>
      {p.masked ? <Alert variant="info">{t("person.maskedNotice")}</Alert> : null}
      <section aria-labelledby="person-details">
        <Heading level="2" size="medium" id="person-details" spacing>
          {t("person.section.details")}
        </Heading>
        <dl className="details-list">
          <dt>{t("person.program")}</dt>
          <dd>{p.programName}</dd>
          <dt>{t("person.idNumber")}</dt>
          <dd>{p.idNumber ? <span className="nowrap">{p.idNumber.formatted}</span> : none}</dd>
          <dt>{p.masked ? t("person.birthYear") : t("person.birthDate")}</dt>
          <dd>{t.date(p.birthDate)}</dd>
          <dt>{t("person.sex")}</dt>
          <dd>{t(`sex.${p.sex}`)}</dd>
          <dt>{t("person.preferredLanguage")}</dt>
          <dd>{loaderData.languageName}</dd>
          {!p.masked ? (
            <>
              <dt>{t("person.email")}</dt>
              <dd>{p.email ?? none}</dd>
              <dt>{t("person.phone")}</dt>
              <dd>{p.phone ?? none}</dd>
              <dt>{t("person.address")}</dt>
              <dd>{p.streetAddress || p.postalCode || p.city ? [p.streetAddress, [p.postalCode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") : none}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="person-staff">
        <Heading level="2" size="medium" id="person-staff" spacing>
          {t("person.section.staff")}
        </Heading>
        {p.staff.length === 0 ? (
          <BodyShort>{t("person.noStaff")}</BodyShort>
        ) : (
          <ul>
            {p.staff.map((s) => (
              <li key={`${s.userId}-${s.relation}`}>
                {s.name} ({t(`staffRelation.${s.relation}`)})
              </li>
            ))}
          </ul>
        )}
      </section>
      {loaderData.placement ? (
        <PersonPlacementSection placement={loaderData.placement} journeyEnrolmentId={loaderData.journeyEnrolmentId} />
      ) : loaderData.journeyEnrolmentId ? (
        <BodyShort>
          <AkselLink as={Link} to={`/enrolments/${loaderData.journeyEnrolmentId}`}>
            {t("caseload.personLink")}
          </AkselLink>
        </BodyShort>
      ) : null}
      <PersonConsentSection personId={p.id} consents={loaderData.consents} canWithdraw={loaderData.canWithdrawConsent} />
      <PersonRequestsSection personId={p.id} requests={loaderData.requests} canCreate={loaderData.canCreateRequest} />
      <BodyShort size="small" textColor="subtle">
        {t("person.updatedAt", { time: t.dateTime(new Date(p.updatedAt)) })}
      </BodyShort>
      <HStack gap="space-16">
        {canEdit ? (
          <LinkButton to={`/people/${p.id}/edit`} variant="primary">
            {t("person.edit.link")}
          </LinkButton>
        ) : null}
        <LinkButton to="/people" variant="tertiary">
          {t("person.backToList")}
        </LinkButton>
      </HStack>
    </VStack>
  );
}
