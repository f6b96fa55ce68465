import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, Search, Table, VStack } from "@navikt/ds-react";
import { data, Form, Link, redirect } from "react-router";
import { hasCapability } from "../../../domain/policy.ts";
import { ConflictError } from "../../../services/errors.ts";
import { getPerson, programsForRegistration, searchPeople } from "../../../services/people.ts";
import { createRequest } from "../../../services/requests.ts";
import { newRequestSchema } from "../../../services/schemas/request.ts";
import { getBooking } from "../../../services/study-visits.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { SelectInput } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/new";

const RESULTS = 20;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "requests.new.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  if (!hasCapability(ctx.actor.subject, "request.create")) throw data({ reason: "forbidden" }, { status: 403 });
  const url = new URL(request.url);
  const bookingId = url.searchParams.get("booking") ?? "";
  const personId = url.searchParams.get("personId") ?? "";
  const booking = bookingId ? await orResponse(getBooking(ctx, bookingId)) : null;
  // From a study visit: look for the visitor by name first (they may already be in the register).
  const q = (url.searchParams.get("q") ?? (booking && !personId ? booking.visitorName : "")).trim();
  const [programs, found, person] = await Promise.all([
    programsForRegistration(ctx),
    personId ? null : orResponse(searchPeople(ctx, { q, limit: RESULTS })),
    personId ? orResponse(getPerson(ctx, personId)) : null,
  ]);
  return {
    q,
    programs,
    found,
    booking: booking ? { id: booking.id, visitorName: booking.visitorName, slotDate: booking.slotDate, requestId: booking.requestId } : null,
    person: person
      ? { id: person.id, reference: person.reference, programId: person.programId, programName: person.programName, birthDate: person.birthDate, name: person.masked ? null : `${person.firstName} ${person.lastName}` }
      : null,
  };
}

type ActionData = { result: SubmissionResult<string[]>; existingRequestId: string | null };

export async function action({ context, request }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const conflict: { requestId: string | null } = { requestId: null };
  const result = await formAction(formData, newRequestSchema, async (value) => {
    try {
      const created = await createRequest(ctx, value);
      return redirect(`/requests/${created.id}/edit?created=1`);
    } catch (error) {
      if (error instanceof ConflictError && error.code === "request_exists" && typeof error.details.requestId === "string") {
        conflict.requestId = error.details.requestId;
      }
      throw error;
    }
  });
  return result instanceof Response ? result : { result, existingRequestId: conflict.requestId };
}

/** "/requests/new" with the booking (and the person) kept. */
function pagePath(params: { booking?: string | undefined; personId?: string | undefined }): string {
  const search = new URLSearchParams();
  if (params.booking) search.set("booking", params.booking);
  if (params.personId) search.set("personId", params.personId);
  const s = search.toString();
  return s ? `/requests/new?${s}` : "/requests/new";
}

/** Registering someone new, then coming back here (with the visitor's name filled in from a booking). */
function registerPath(booking: { id: string; visitorName: string } | null): string {
  const search = new URLSearchParams();
  if (booking) {
    const [firstName = "", ...rest] = booking.visitorName.trim().split(/\s+/);
    search.set("firstName", firstName);
    if (rest.length) search.set("lastName", rest.join(" "));
  }
  search.set("returnTo", pagePath({ booking: booking?.id }));
  return `/people/new?${search}`;
}

export default function NewRequest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { booking, person } = loaderData;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to="/requests">{t("requests.list.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("requests.new.title")}
        </Heading>
        <BodyShort>{t("requests.new.intro")}</BodyShort>
      </div>
      {booking ? (
        <Alert variant="info">
          <VStack gap="space-8">
            <BodyShort>{t("requests.new.fromBooking", { name: booking.visitorName, date: t.date(booking.slotDate) })}</BodyShort>
            {booking.requestId ? (
              <BodyShort>
                <AkselLink as={Link} to={`/requests/${booking.requestId}`}>
                  {t("requests.new.bookingHasRequest")}
                </AkselLink>
              </BodyShort>
            ) : null}
          </VStack>
        </Alert>
      ) : null}
      {person ? (
        <CreateSection person={person} programs={loaderData.programs} booking={booking} actionData={actionData} />
      ) : (
        <ChooseSection q={loaderData.q} found={loaderData.found} booking={booking} />
      )}
    </VStack>
  );
}

function ChooseSection({
  q,
  found,
  booking,
}: {
  q: string;
  found: Route.ComponentProps["loaderData"]["found"];
  booking: { id: string; visitorName: string } | null;
}) {
  const t = useT();
  return (
    <section aria-labelledby="choose-person">
      <Heading level="2" size="medium" id="choose-person" spacing>
        {t("requests.new.choosePerson")}
      </Heading>
      <VStack gap="space-16">
        <Form method="get" role="search" className="form-narrow">
          {booking ? <input type="hidden" name="booking" value={booking.id} /> : null}
          <Search label={t("requests.new.searchLabel")} description={t("requests.new.searchHelp")} name="q" defaultValue={q} variant="primary" hideLabel={false}>
            <Search.Button type="submit">{t("requests.new.searchSubmit")}</Search.Button>
          </Search>
        </Form>
        {found ? (
          <BodyShort aria-live="polite" role="status">
            {q ? t.plural("requests.new.found", found.total, { q }) : t.plural("requests.new.visible", found.total)}
            {found.total > found.items.length ? ` ${t("requests.new.refine", { shown: found.items.length })}` : ""}
          </BodyShort>
        ) : null}
        {found && found.items.length > 0 ? (
          <div className="table-scroll">
            <Table>
              <caption className="visually-hidden">{t("requests.new.resultsCaption")}</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("person.name")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("person.birthDate")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.new.reference")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    <span className="visually-hidden">{t("requests.new.choose")}</span>
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {found.items.map((p) => {
                  const name = p.masked ? t("person.maskedName", { reference: p.reference }) : `${p.firstName} ${p.lastName}`;
                  return (
                    <Table.Row key={p.id}>
                      <Table.DataCell>{name}</Table.DataCell>
                      <Table.DataCell>{t.date(p.birthDate)}</Table.DataCell>
                      <Table.DataCell>{p.reference}</Table.DataCell>
                      <Table.DataCell>
                        <AkselLink as={Link} to={pagePath({ booking: booking?.id, personId: p.id })}>
                          {t("requests.new.choose")}
                          <span className="visually-hidden">: {name}</span>
                        </AkselLink>
                      </Table.DataCell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        ) : null}
        <div>
          <BodyShort spacing>{t("requests.new.notInRegister")}</BodyShort>
          <LinkButton to={registerPath(booking)} variant="secondary">
            {t("requests.new.registerPerson")}
          </LinkButton>
        </div>
      </VStack>
    </section>
  );
}

function CreateSection({
  person,
  programs,
  booking,
  actionData,
}: {
  person: NonNullable<Route.ComponentProps["loaderData"]["person"]>;
  programs: { id: string; name: string }[];
  booking: { id: string } | null;
  actionData: ActionData | undefined;
}) {
  const t = useT();
  const defaultProgram = programs.some((p) => p.id === person.programId) ? person.programId : "";
  const [form, fields] = useSpelForm(newRequestSchema, actionData?.result, { programId: defaultProgram, personId: person.id, bookingId: booking?.id });
  const name = person.name ?? t("person.maskedName", { reference: person.reference });
  return (
    <section aria-labelledby="create-request">
      <Heading level="2" size="medium" id="create-request" spacing>
        {t("requests.new.createHeading")}
      </Heading>
      <FormErrorSummary form={form} fields={{ programId: fields.programId, personId: fields.personId }} />
      {actionData?.existingRequestId ? (
        <Alert variant="info" className="spelplan-error-summary">
          <AkselLink as={Link} to={`/requests/${actionData.existingRequestId}`}>
            {t("requests.new.openExisting")}
          </AkselLink>
        </Alert>
      ) : null}
      <VStack gap="space-16" className="form-narrow">
        <div id={fields.personId.id} tabIndex={-1}>
          <dl className="details-list">
            <dt>{t("requests.new.chosenPerson")}</dt>
            <dd>
              {name} ({t.date(person.birthDate)}, {person.reference})
            </dd>
            <dt>{t("person.program")}</dt>
            <dd>{person.programName}</dd>
          </dl>
        </div>
        <BodyShort>
          <AkselLink as={Link} to={pagePath({ booking: booking?.id })}>
            {t("requests.new.changePerson")}
          </AkselLink>
        </BodyShort>
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="personId" value={person.id} />
          {booking ? <input type="hidden" name="bookingId" value={booking.id} /> : null}
          <VStack gap="space-16">
            {programs.length > 1 ? (
              <SelectInput field={fields.programId} label={t("requests.new.program")} description={t("requests.new.programHelp")}>
                <option value="">{t("form.choose")}</option>
                {programs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectInput>
            ) : (
              <input type="hidden" name="programId" value={programs[0]?.id ?? person.programId} />
            )}
            <BodyShort>{t("requests.new.createHelp")}</BodyShort>
            <HStack gap="space-16">
              <Button type="submit">{t("requests.new.submit")}</Button>
              <LinkButton to="/requests" variant="tertiary">
                {t("form.cancel")}
              </LinkButton>
            </HStack>
          </VStack>
        </Form>
      </VStack>
    </section>
  );
}
