import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, VStack } from "@navikt/ds-react";
import { data, Form, redirect, useNavigation } from "react-router";
import { endTime } from "../../../domain/calendar.ts";
import { isoToday } from "../../../services/context.ts";
import { createMeeting, DEFAULT_MEETING_SETTINGS, getMeetingSettings, meetingPrograms, setMeetingSettings } from "../../../services/meetings.ts";
import { meetingSchema, meetingSettingsSchema } from "../../../services/schemas/meeting.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/schedule";

// The collaboration team's schedule for one program: the cadence the meetings follow, and single extra meetings.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "meetings.schedule.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const program = (await meetingPrograms(ctx)).find((p) => p.id === params.programId);
  if (!program) throw data({ reason: "not_found" }, { status: 404 });
  if (!program.canManage) throw data({ reason: "forbidden" }, { status: 403 });
  const settings = await orResponse(getMeetingSettings(ctx, program.id));
  const planned = new URL(request.url).searchParams.get("planned");
  const cadence = settings ?? { anchor: isoToday(ctx.now()), ...DEFAULT_MEETING_SETTINGS };
  let end: string;
  try {
    end = endTime(cadence.startTime, cadence.durationMinutes);
  } catch {
    end = "";
  }
  return {
    program: { id: program.id, name: program.name },
    hasSettings: settings !== null,
    planned: planned !== null && /^\d+$/.test(planned) ? Number(planned) : null,
    settingsDefaults: {
      anchor: cadence.anchor,
      intervalWeeks: String(cadence.intervalWeeks),
      startTime: cadence.startTime,
      durationMinutes: String(cadence.durationMinutes),
      location: cadence.location,
    },
    meetingDefaults: { date: "", startTime: cadence.startTime, endTime: end, location: cadence.location },
  };
}

type ActionData = { intent: "settings" | "meeting"; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const programId = params.programId;
  if (formData.get("intent") === "meeting") {
    const result = await formAction(formData, meetingSchema, async (value) => {
      const { id } = await createMeeting(ctx, programId, value);
      return redirect(`/meetings/${id}?done=created`);
    });
    return result instanceof Response ? result : { intent: "meeting", result };
  }
  const result = await formAction(formData, meetingSettingsSchema, async (value) => {
    const { planned } = await setMeetingSettings(ctx, programId, value);
    return redirect(`/meetings/schedule/${programId}?planned=${planned}`);
  });
  return result instanceof Response ? result : { intent: "settings", result };
}

export default function Schedule({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { program, planned, hasSettings } = loaderData;
  const data = actionData as ActionData | undefined;
  return (
    <VStack gap="space-32">
      {planned !== null && !data ? (
        <Alert variant="success">{planned > 0 ? t.plural("meetings.schedule.planned", planned) : t("meetings.schedule.plannedNone")}</Alert>
      ) : null}
      <div>
        <BackLink to="/meetings">{t("meetings.list.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("meetings.schedule.title")}
        </Heading>
        <BodyShort>{program.name}</BodyShort>
      </div>
      <SettingsForm defaults={loaderData.settingsDefaults} hasSettings={hasSettings} lastResult={data?.intent === "settings" ? data.result : null} />
      <ExtraMeetingForm defaults={loaderData.meetingDefaults} lastResult={data?.intent === "meeting" ? data.result : null} />
    </VStack>
  );
}

function SettingsForm({ defaults, hasSettings, lastResult }: { defaults: Record<string, string>; hasSettings: boolean; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(meetingSettingsSchema, lastResult, defaults);
  return (
    <section aria-labelledby="schedule-cadence" className="form-narrow">
      <Heading level="2" size="medium" id="schedule-cadence" spacing>
        {t("meetings.schedule.cadenceHeading")}
      </Heading>
      <BodyShort spacing>{hasSettings ? t("meetings.schedule.cadenceIntro") : t("meetings.schedule.cadenceIntroNew")}</BodyShort>
      <FormErrorSummary
        form={form}
        fields={{ anchor: fields.anchor, intervalWeeks: fields.intervalWeeks, startTime: fields.startTime, durationMinutes: fields.durationMinutes, location: fields.location }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="settings" />
        <VStack gap="space-16">
          <TextInput field={fields.anchor} label={t("meetings.schedule.anchor")} description={t("meetings.schedule.anchorHelp")} htmlSize={12} autoComplete="off" />
          <TextInput field={fields.intervalWeeks} label={t("meetings.schedule.intervalWeeks")} description={t("meetings.schedule.intervalWeeksHelp")} htmlSize={4} inputMode="numeric" autoComplete="off" />
          <HStack gap="space-16" wrap>
            <TextInput field={fields.startTime} label={t("meetings.schedule.startTime")} description={t("meetings.schedule.timeHelp")} htmlSize={6} autoComplete="off" />
            <TextInput field={fields.durationMinutes} label={t("meetings.schedule.duration")} description={t("meetings.schedule.durationHelp")} htmlSize={6} inputMode="numeric" autoComplete="off" />
          </HStack>
          <TextInput field={fields.location} label={t("meetings.schedule.location")} autoComplete="off" />
          <BodyShort>{t("meetings.schedule.cadenceAfter")}</BodyShort>
          <div>
            <Button type="submit" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "settings"}>
              {t("meetings.schedule.cadenceSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}

function ExtraMeetingForm({ defaults, lastResult }: { defaults: Record<string, string>; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(meetingSchema, lastResult, defaults);
  return (
    <section aria-labelledby="schedule-extra" className="form-narrow">
      <Heading level="2" size="medium" id="schedule-extra" spacing>
        {t("meetings.schedule.extraHeading")}
      </Heading>
      <BodyShort spacing>{t("meetings.schedule.extraIntro")}</BodyShort>
      <FormErrorSummary form={form} fields={{ date: fields.date, startTime: fields.startTime, endTime: fields.endTime, location: fields.location }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="meeting" />
        <VStack gap="space-16">
          <TextInput field={fields.date} label={t("meetings.schedule.date")} description={t("meetings.schedule.dateHelp")} htmlSize={12} autoComplete="off" />
          <HStack gap="space-16" wrap>
            <TextInput field={fields.startTime} label={t("meetings.schedule.startTime")} description={t("meetings.schedule.timeHelp")} htmlSize={6} autoComplete="off" />
            <TextInput field={fields.endTime} label={t("meetings.schedule.endTime")} description={t("meetings.schedule.timeHelp")} htmlSize={6} autoComplete="off" />
          </HStack>
          <TextInput field={fields.location} label={t("meetings.schedule.location")} autoComplete="off" />
          <div>
            <Button type="submit" variant="secondary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "meeting"}>
              {t("meetings.schedule.extraSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}
