import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, VStack } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import { Form, redirect } from "react-router";
import { ValidationError } from "../../../services/errors.ts";
import { endContact, getContact, updateContact } from "../../../services/network.ts";
import { networkContactSchema } from "../../../services/schemas/journal.ts";
import { JourneyHeader } from "../../components/journal/JourneyHeader.tsx";
import { NetworkContactForm } from "../../components/journal/NetworkContactForm.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/network.contact";

// One contact in the participant's network: change it, or end it (kept, shown as ended). For the
// coordinators and the manager.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "network.contact.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { view: await orResponse(getContact(ctx, params.enrolmentId, params.contactId)) };
}

type ActionData = { intent: "update"; result: SubmissionResult<string[]> } | { intent: "end"; formErrors: string[] };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const network = `/enrolments/${params.enrolmentId}/network`;
  if (formData.get("intent") === "end") {
    try {
      await endContact(ctx, params.enrolmentId, params.contactId);
      return redirect(`${network}?ended=1`);
    } catch (error) {
      if (error instanceof ValidationError) return { intent: "end", formErrors: error.formErrors };
      rethrowAsResponse(error);
    }
  }
  const result = await formAction(formData, networkContactSchema, async (value) => {
    await updateContact(ctx, params.enrolmentId, params.contactId, value);
    return redirect(`${network}?updated=1`);
  });
  return result instanceof Response ? result : { intent: "update", result };
}

export default function NetworkContactPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view } = loaderData;
  const { contact } = view;
  const data = actionData as ActionData | undefined;
  const network = `/enrolments/${view.enrolmentId}/network`;
  const endErrors = data?.intent === "end" ? data.formErrors : [];
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (endErrors.length) errorRef.current?.focus();
  }, [endErrors.length, data]);
  const defaults = {
    kind: contact.kind,
    authorityId: contact.authorityId ?? "",
    name: contact.name,
    organisation: contact.organisation,
    role: contact.role,
    phone: contact.phone,
    email: contact.email,
    note: contact.note,
  };
  return (
    <VStack gap="space-32">
      {endErrors.length ? (
        <div ref={errorRef} tabIndex={-1}>
          <Alert variant="error">
            {endErrors.map((m) => (
              <BodyShort key={m}>{t(m)}</BodyShort>
            ))}
          </Alert>
        </div>
      ) : null}
      <JourneyHeader enrolmentId={view.enrolmentId} backTo={network} backLabel={t("network.contact.back")} title={t("network.contact.titleFor", { name: contact.name })} />
      {contact.endedAt ? (
        <Alert variant="info">{t("network.contact.ended", { date: t.date(new Date(contact.endedAt)) })}</Alert>
      ) : (
        <>
          <NetworkContactForm
            lastResult={data?.intent === "update" ? data.result : null}
            defaults={defaults}
            authorities={view.authorities}
            submitLabel={t("network.contact.submit")}
            intent="update"
            cancelTo={network}
          />
          <section aria-labelledby="network-end" className="form-narrow">
            <Heading level="2" size="medium" id="network-end" spacing>
              {t("network.end.heading")}
            </Heading>
            <BodyShort spacing>{t("network.end.help")}</BodyShort>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="end" />
              <Button type="submit" variant="danger">
                {t("network.end.submit")}
              </Button>
            </Form>
          </section>
        </>
      )}
    </VStack>
  );
}
