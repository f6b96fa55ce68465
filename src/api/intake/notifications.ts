import { createRoute, z } from "@hono/zod-openapi";
import { listNotifications, markRead, NOTIFICATION_KINDS, notificationText, unreadCount } from "../../services/notifications.ts";
import { type Api, handle, idParam, isoDateTime, json, problems, toJson } from "./common.ts";

// The caller's own notifications (each was also sent as an e-mail through the outbox).

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(NOTIFICATION_KINDS),
    params: z.record(z.string(), z.union([z.string(), z.number()])).openapi({ description: "References, dates and program names: never a person's name." }),
    title: z.string().openapi({ description: "In your language." }),
    body: z.string().openapi({ description: "In your language." }),
    link: z.string().openapi({ description: "Where in Spelplan's web interface it points (a path)." }),
    createdAt: isoDateTime(),
    read: z.boolean(),
  })
  .openapi("Notification");

const tags = ["Notifications"];

const listRoute = createRoute({
  method: "get",
  path: "/v1/notifications",
  tags,
  summary: "Your notifications, newest first",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional().openapi({ description: "Default 50." }) }) },
  responses: {
    200: json(z.object({ items: z.array(NotificationSchema), unread: z.number().int() }), "The notifications"),
    ...problems({ 422: "Invalid query" }),
  },
});

const readRoute = createRoute({
  method: "post",
  path: "/v1/notifications/{id}/read",
  tags,
  summary: "Mark a notification read (all of yours with the id all)",
  request: { params: idParam('The notification\'s id, or "all"') },
  responses: {
    200: json(z.object({ link: z.string().nullable().openapi({ description: "Where the notification points (null for all)." }) }), "Marked read"),
    ...problems({ 404: "No such notification of yours" }),
  },
});

export function registerNotificationRoutes(api: Api) {
  api.openapi(listRoute, (c) =>
    handle(c, async (ctx) => {
      const items = await listNotifications(ctx, c.req.valid("query").limit);
      return c.json(
        {
          items: toJson(items.map((n) => ({ ...n, ...notificationText(c.var.t, n.kind, n.params) }))),
          unread: await unreadCount(ctx.db, ctx.actor.user.id),
        },
        200,
      );
    }),
  );

  api.openapi(readRoute, (c) => handle(c, async (ctx) => c.json({ link: await markRead(ctx, c.req.valid("param").id) }, 200)));
}
