import { Alert, BodyShort, Box, Button, Heading, HStack, Tag, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { listNotifications, markRead, notificationText } from "../../services/notifications.ts";
import { CsrfField } from "../lib/forms.tsx";
import { orResponse, requireUser, safeReturnTo } from "../lib/guards.server.ts";
import { getTranslator, useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/notifications";

const LIMIT = 50;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const t = getTranslator(web.locale);
  const rows = await listNotifications(ctx, LIMIT);
  return {
    // Title and text from the notification's kind and its values, in the reader's language.
    items: rows.map((n) => ({ id: n.id, ...notificationText(t, n.kind, n.params), createdAt: n.createdAt, read: n.read })),
    limited: rows.length === LIMIT,
    allRead: new URL(request.url).searchParams.has("allRead"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  if (formData.get("intent") === "all") {
    await markRead(ctx, "all");
    return redirect("/notifications?allRead=1");
  }
  // Opening one: it is read, and the reader goes where it points (a path in Spelplan, never elsewhere).
  const link = await orResponse(markRead(ctx, String(formData.get("id") ?? "")));
  return redirect(safeReturnTo(link));
}

export default function NotificationsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { items, limited, allRead } = loaderData;
  const unread = items.filter((n) => !n.read).length;
  return (
    <VStack gap="space-24">
      {allRead ? <Alert variant="success">{t("notifications.markedAllRead")}</Alert> : null}
      <div>
        <Heading level="1" size="large" spacing>
          {t("notifications.title")}
        </Heading>
        <BodyShort>{t("notifications.intro")}</BodyShort>
      </div>
      {items.length === 0 ? (
        <BodyShort>{t("notifications.none")}</BodyShort>
      ) : (
        <>
          <HStack gap="space-16" align="center" wrap>
            <BodyShort role="status">{unread > 0 ? t.plural("notifications.unreadCount", unread) : t("notifications.allRead")}</BodyShort>
            {unread > 0 ? (
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="all" />
                <Button type="submit" variant="secondary" size="small" loading={navigation.formData?.get("intent") === "all"}>
                  {t("notifications.markAllRead")}
                </Button>
              </Form>
            ) : null}
          </HStack>
          <ul aria-label={t("notifications.listLabel")} style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "0.75rem" }}>
            {items.map((n) => (
              <li key={n.id} data-testid="notification" data-read={n.read ? "true" : "false"}>
                <Box padding="space-16" borderWidth={n.read ? "1" : "1 1 1 4"} borderRadius="8" borderColor={n.read ? "neutral-subtle" : "info"}>
                  <VStack gap="space-8">
                    <HStack gap="space-8" align="center" wrap>
                      <Heading level="2" size="xsmall">
                        {n.title}
                      </Heading>
                      <Tag variant={n.read ? "neutral" : "info"} size="xsmall">
                        {n.read ? t("notifications.read") : t("notifications.unread")}
                      </Tag>
                    </HStack>
                    <BodyShort>{n.body}</BodyShort>
                    <BodyShort size="small" textColor="subtle">
                      {t("notifications.received", { time: t.dateTime(new Date(n.createdAt)) })}
                    </BodyShort>
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="open" />
                      <input type="hidden" name="id" value={n.id} />
                      <Button type="submit" variant={n.read ? "tertiary" : "secondary"} size="small">
                        {t("notifications.open")}
                        <span className="visually-hidden"> ({n.title})</span>
                      </Button>
                    </Form>
                  </VStack>
                </Box>
              </li>
            ))}
          </ul>
          {limited ? (
            <BodyShort size="small" textColor="subtle">
              {t("notifications.limit", { count: t.number(LIMIT) })}
            </BodyShort>
          ) : null}
        </>
      )}
    </VStack>
  );
}
