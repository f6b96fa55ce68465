import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { addRoom, archiveRoom, archiveVenue, getVenue, updateVenue } from "../../../services/schedule.ts";
import { roomSchema, venueSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { ChecklistTable } from "../../components/schedule/Checklist.tsx";
import { RoomForm, VenueForm } from "../../components/schedule/ScheduleForms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/venue";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "venues.title");

const DONE = ["created", "saved", "room", "roomArchived", "archived"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(getVenue(ctx, params.venueId));
  const done = new URL(request.url).searchParams.get("done");
  return { ...page, done: DONE.find((d) => d === done) ?? null };
}

type ActionResult = { intent: "venue" | "room"; result: SubmissionResult<string[]> } | Response;

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionResult> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const here = `/venues/${params.venueId}`;
  const intent = formData.get("intent");
  if (intent === "archive-venue") {
    await orResponse(archiveVenue(ctx, params.venueId));
    return redirect(`${here}?done=archived`);
  }
  if (intent === "archive-room") {
    await orResponse(archiveRoom(ctx, params.venueId, String(formData.get("roomId") ?? "")));
    return redirect(`${here}?done=roomArchived`);
  }
  if (intent === "room") {
    const result = await formAction(formData, roomSchema, async (value) => {
      await addRoom(ctx, params.venueId, value);
      return redirect(`${here}?done=room`);
    });
    return result instanceof Response ? result : { intent: "room", result };
  }
  const result = await formAction(formData, venueSchema, async (value) => {
    await updateVenue(ctx, params.venueId, value);
    return redirect(`${here}?done=saved`);
  });
  return result instanceof Response ? result : { intent: "venue", result };
}

export default function VenuePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { program, venue, canManage, done } = loaderData;
  const rooms = venue.rooms.filter((r) => !r.archived);
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`venues.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${program.id}/venues`}>{t("venues.backTo")}</BackLink>
        <Heading level="1" size="large" spacing>
          {venue.name}
        </Heading>
        {venue.address ? <BodyShort>{venue.address}</BodyShort> : null}
        {venue.archived ? <BodyShort>{t("venues.archivedNote")}</BodyShort> : null}
      </div>
      <section aria-labelledby="venue-checklist">
        <Heading level="2" size="medium" id="venue-checklist" spacing>
          {t("venues.checklist.heading")}
        </Heading>
        <ChecklistTable checklist={venue.accessibility} venue={venue.name} />
      </section>
      <section aria-labelledby="venue-rooms">
        <Heading level="2" size="medium" id="venue-rooms" spacing>
          {t("venues.rooms.heading")}
        </Heading>
        {rooms.length === 0 ? (
          <BodyShort spacing>{t("venues.rooms.none")}</BodyShort>
        ) : (
          <ul>
            {rooms.map((r) => (
              <li key={r.id}>
                <HStack gap="space-16" align="center">
                  <span>
                    {r.name}
                    {r.capacity ? ` (${t("venues.rooms.capacity", { count: r.capacity })})` : ""}
                    {r.notes ? ` · ${r.notes}` : ""}
                  </span>
                  {canManage ? (
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="archive-room" />
                      <input type="hidden" name="roomId" value={r.id} />
                      <Button type="submit" size="small" variant="tertiary">
                        {t("venues.rooms.archive", { room: r.name })}
                      </Button>
                    </Form>
                  ) : null}
                </HStack>
              </li>
            ))}
          </ul>
        )}
        {canManage ? <RoomForm lastResult={actionData && "intent" in actionData && actionData.intent === "room" ? actionData.result : undefined} /> : null}
      </section>
      {canManage ? (
        <section aria-labelledby="venue-edit">
          <Heading level="2" size="medium" id="venue-edit" spacing>
            {t("venues.editHeading")}
          </Heading>
          <VenueForm
            lastResult={actionData && "intent" in actionData && actionData.intent === "venue" ? actionData.result : undefined}
            submitLabel={t("venues.save")}
            defaultValue={{ name: venue.name, address: venue.address, notes: venue.notes, accessibility: venue.accessibility }}
          />
        </section>
      ) : null}
      {canManage && !venue.archived ? (
        <section aria-labelledby="venue-archive">
          <Heading level="2" size="medium" id="venue-archive" spacing>
            {t("venues.archive.heading")}
          </Heading>
          <BodyShort spacing>{t("venues.archive.help")}</BodyShort>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="archive-venue" />
            <Button type="submit" variant="secondary" size="small">
              {t("venues.archive.submit", { venue: venue.name })}
            </Button>
          </Form>
        </section>
      ) : null}
    </VStack>
  );
}
