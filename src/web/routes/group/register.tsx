import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Heading, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { Link, redirect } from "react-router";
import { ATTENDANCE_STATUSES } from "../../../domain/attendance.ts";
import { recordAttendance, registerPage } from "../../../services/attendance.ts";
import { registerSchema } from "../../../services/schemas/attendance.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { RegisterForm } from "../../components/attendance/RegisterForm.tsx";
import { personText } from "../../lib/person-label.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/register";

// A session's register, for a tablet in the group room: everyone expected, one tap each, all present in one
// action. One form that works without JavaScript.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "attendance.register.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(registerPage(ctx, params.ref));
  const url = new URL(request.url);
  const saved = url.searchParams.get("done") === "saved";
  return {
    page,
    saved: saved ? { changed: Number(url.searchParams.get("changed") ?? 0), followUps: page.canViewHistory ? Number(url.searchParams.get("followUps") ?? 0) : 0 } : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const result = await formAction(formData, registerSchema, async (value) => {
    const saved = await recordAttendance(ctx, params.ref, value);
    return redirect(`/schedule/sessions/${encodeURIComponent(params.ref)}/register?done=saved&changed=${saved.changed}&followUps=${saved.followUpsCreated}`);
  });
  return result instanceof Response ? result : { result };
}

export default function RegisterPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, saved } = loaderData;
  const { item } = page.session;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/schedule/sessions/${encodeURIComponent(item.ref)}`}>{t("attendance.register.back", { title: item.title })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("attendance.register.heading", { title: item.title })}
        </Heading>
        <BodyShort>
          {t(`schedule.weekday.${new Date(`${item.date}T12:00:00Z`).getUTCDay() || 7}`)} {t.date(item.date, "long")}, {item.start}–{item.end}
        </BodyShort>
      </div>
      {saved && !actionData ? (
        <Alert variant="success" role="status">
          {t("attendance.register.saved", { count: saved.changed })}
          {saved.followUps > 0 ? ` ${t("attendance.register.followUpsMade", { count: saved.followUps })}` : ""}
        </Alert>
      ) : null}
      {page.ahead ? <Alert variant="info">{t("attendance.register.ahead")}</Alert> : null}
      <ul className="register-summary" aria-label={t("attendance.register.summary")} data-testid="register-summary">
        {[...ATTENDANCE_STATUSES, "unrecorded" as const].map((s) => (
          <li key={s}>
            <Tag variant="neutral" size="small">
              {t(`attendance.status.${s === "unrecorded" ? "none" : s}`)}: {page.counts[s]}
            </Tag>
          </li>
        ))}
      </ul>
      {page.lines.length === 0 ? (
        <BodyShort>{t("attendance.register.nobody")}</BodyShort>
      ) : (
        <RegisterForm
          // A saved register comes back with the marks as stored: the form starts over from them.
          key={page.lines.map((l) => `${l.mark?.status ?? ""}:${l.mark?.minutesLate ?? ""}:${l.mark?.note ?? ""}`).join("|")}
          lines={page.lines.map((l) => ({
            personId: l.person.personId,
            label: personText(t, l.person),
            via: t(l.via === "listed" ? "schedule.session.listed" : `schedule.group.${l.via}`),
            status: l.mark?.status ?? null,
            minutesLate: l.mark?.minutesLate ?? null,
            note: l.mark?.note ?? "",
          }))}
          ahead={page.ahead}
          minutes={page.minutes}
          lastResult={actionData?.result}
        />
      )}
      {page.canViewHistory ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${page.session.program.id}/attendance`}>
            {t("attendance.register.toOverview")}
          </AkselLink>
        </BodyShort>
      ) : null}
    </VStack>
  );
}
