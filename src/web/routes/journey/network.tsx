import { Alert, BodyShort, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { addContact, getNetwork } from "../../../services/network.ts";
import { networkContactSchema } from "../../../services/schemas/journal.ts";
import { JourneyHeader, participantName } from "../../components/journal/JourneyHeader.tsx";
import { NetworkContactForm } from "../../components/journal/NetworkContactForm.tsx";
import { NetworkTable } from "../../components/journal/NetworkTable.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/network";

// The participant's network (responsibility group): the contacts now and earlier ones, and for the
// coordinators and the manager a form to add a contact (changing and ending one is on the contact's page).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "network.title");

const DONE = ["added", "updated", "ended"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const network = await orResponse(getNetwork(ctx, params.enrolmentId));
  const url = new URL(request.url);
  return { network, done: DONE.find((d) => url.searchParams.has(d)) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  return formAction(formData, networkContactSchema, async (value) => {
    await addContact(ctx, params.enrolmentId, value);
    return redirect(`/enrolments/${params.enrolmentId}/network?added=1`);
  });
}

export default function NetworkPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { network, done } = loaderData;
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`network.done.${done}`)}</Alert> : null}
      <JourneyHeader enrolmentId={network.enrolmentId} title={t("network.titleFor", { person: participantName(t, network.participant) })} intro={t("network.intro")} />

      <section aria-labelledby="network-current">
        <Heading level="2" size="medium" id="network-current" spacing>
          {t("network.current.heading")}
        </Heading>
        {network.current.length === 0 ? (
          <BodyShort>{t("network.current.none")}</BodyShort>
        ) : (
          <NetworkTable contacts={network.current} caption={t("network.current.caption")} enrolmentId={network.enrolmentId} ended={false} canManage={network.canManage} />
        )}
      </section>

      {network.canManage ? (
        <section aria-labelledby="network-add">
          <Heading level="2" size="medium" id="network-add" spacing>
            {t("network.add.heading")}
          </Heading>
          <NetworkContactForm lastResult={actionData} authorities={network.authorities} submitLabel={t("network.add.submit")} intent="add" />
        </section>
      ) : null}

      {network.ended.length > 0 ? (
        <section aria-labelledby="network-ended">
          <Heading level="2" size="medium" id="network-ended" spacing>
            {t("network.ended.heading")}
          </Heading>
          <NetworkTable contacts={network.ended} caption={t("network.ended.caption")} enrolmentId={network.enrolmentId} ended canManage={false} />
        </section>
      ) : null}
    </VStack>
  );
}
