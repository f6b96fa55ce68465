import { getFormProps } from "@conform-to/react";
import { BodyShort, Button, Heading, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { data, Form, redirect, useNavigation } from "react-router";
import { studyVisitScheduleSchema } from "../../../services/schemas/intake.ts";
import { KRUS_STUDY_VISITS, listSlots, setStudyVisitSchedule } from "../../../services/study-visits.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { SelectInput, TextInput } from "../../components/fields.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { weekdayName } from "../../components/study-visits/format.ts";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/study-visits.schedule";

// The recurring study-visit slot of a program: weekday, which ISO weeks, time, capacity, place.

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const WEEKS = ["every", "even", "odd"] as const;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "studyVisits.scheduleForm.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(listSlots(ctx, params.programId, 0));
  if (!view.canManage) throw data({ reason: "forbidden" }, { status: 403 });
  const s = view.schedule ?? KRUS_STUDY_VISITS;
  return {
    programId: params.programId,
    programName: view.programName,
    isNew: view.schedule === null,
    defaults: { weekday: String(s.weekday), weeks: s.weeks, startTime: s.startTime, endTime: s.endTime, capacity: String(s.capacity), location: s.location },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  return formAction(formData, studyVisitScheduleSchema, async (value) => {
    await setStudyVisitSchedule(ctx, params.programId, value);
    return redirect(`/programs/${params.programId}/study-visits?done=schedule`);
  });
}

export default function StudyVisitSchedule({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const { programId, defaults } = loaderData;
  const back = `/programs/${programId}/study-visits`;
  const [form, fields] = useSpelForm(studyVisitScheduleSchema, actionData, defaults);
  const weeks = typeof fields.weeks.initialValue === "string" ? fields.weeks.initialValue : undefined;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={back}>{t("studyVisits.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("studyVisits.scheduleForm.title")}
        </Heading>
        <BodyShort spacing>{loaderData.programName}</BodyShort>
        <BodyShort spacing>{loaderData.isNew ? t("studyVisits.scheduleForm.introNew") : t("studyVisits.scheduleForm.intro")}</BodyShort>
        {loaderData.isNew ? null : <BodyShort>{t("studyVisits.scheduleForm.existingBookings")}</BodyShort>}
      </div>
      <FormErrorSummary
        form={form}
        fields={{
          weekday: fields.weekday,
          weeks: fields.weeks,
          startTime: fields.startTime,
          endTime: fields.endTime,
          capacity: fields.capacity,
          location: fields.location,
        }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <VStack gap="space-24">
          <SelectInput field={fields.weekday} label={t("studyVisits.scheduleForm.weekday")}>
            <option value="">{t("form.choose")}</option>
            {WEEKDAYS.map((d) => (
              <option key={d} value={String(d)}>
                {weekdayName(t, d, { capital: true })}
              </option>
            ))}
          </SelectInput>
          <RadioGroup
            id={fields.weeks.id}
            name={fields.weeks.name}
            defaultValue={weeks}
            error={fieldError(fields.weeks)}
            legend={t("studyVisits.scheduleForm.weeks")}
            description={t("studyVisits.scheduleForm.weeksHelp")}
          >
            {WEEKS.map((w) => (
              <Radio key={w} value={w} description={t(`studyVisits.weeks.${w}.help`)}>
                {t(`studyVisits.weeks.${w}`)}
              </Radio>
            ))}
          </RadioGroup>
          <HStack gap="space-16" wrap>
            <TextInput field={fields.startTime} label={t("studyVisits.scheduleForm.startTime")} description={t("studyVisits.timeHelp")} htmlSize={8} autoComplete="off" />
            <TextInput field={fields.endTime} label={t("studyVisits.scheduleForm.endTime")} description={t("studyVisits.timeHelp")} htmlSize={8} autoComplete="off" />
          </HStack>
          <TextInput
            field={fields.capacity}
            label={t("studyVisits.scheduleForm.capacity")}
            description={t("studyVisits.scheduleForm.capacityHelp")}
            htmlSize={6}
            inputMode="numeric"
            autoComplete="off"
          />
          <TextInput field={fields.location} label={t("studyVisits.scheduleForm.location")} description={t("studyVisits.scheduleForm.locationHelp")} autoComplete="off" />
          <HStack gap="space-16">
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("studyVisits.scheduleForm.submit")}
            </Button>
            <LinkButton to={back} variant="tertiary">
              {t("form.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </VStack>
  );
}
