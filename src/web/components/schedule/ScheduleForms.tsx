import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Checkbox, CheckboxGroup, Heading, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import type { KindView, LeaderCandidate, PersonCandidate, TopicView, VenueView, VocabularyView } from "../../../services/schedule.ts";
import {
  ACCESSIBILITY_ITEMS,
  ACCESSIBILITY_STATUSES,
  exceptionSchema,
  HOLIDAY_RULES,
  roomSchema,
  seriesSchema,
  sessionNotesSchema,
  sessionSchema,
  venueSchema,
  WEEK_RULES,
  activityKindSchema,
} from "../../../services/schemas/schedule.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { BackLink } from "../admin-forms.tsx";
import { SelectInput, TextArea, TextInput } from "../fields.tsx";
import { kindLabel, topicLabel } from "./ScheduleViews.tsx";

type Result = SubmissionResult<string[]> | null | undefined;

const ACTIVITY_KEYS = ["kind", "title", "topic", "startTime", "endTime", "venueId", "roomId", "groupKinds", "personIds", "leaderIds", "notes"];
const SERIES_KEYS = [...ACTIVITY_KEYS, "weekdays", "firstDate", "lastDate", "weeks", "skipHolidays"];
const SESSION_KEYS = ["date", ...ACTIVITY_KEYS];
const EXCEPTION_KEYS = ["originalDate", "kind", "note", "date", "startTime", "endTime", "venueId"];

/** The fields for the error summary, in the form's order (Conform's fields object cannot be listed). */
function pick(fields: Record<string, { id: string; errors?: string[] | undefined }>, keys: readonly string[]) {
  return Object.fromEntries(keys.map((k) => [k, fields[k]!]));
}
type Field = Pick<FieldMetadata<unknown>, "id" | "name" | "initialValue" | "errors">;

function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/** What the checkboxes show checked: what was sent (after a refused submit), else the stored value. */
function checked(field: Field): string[] {
  const value = field.initialValue;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return [value];
  return [];
}

function Checkboxes({ field, legend, description, options }: { field: Field; legend: string; description?: string; options: { value: string; label: string; description?: string }[] }) {
  const fieldError = useFieldError();
  return (
    <CheckboxGroup id={field.id} legend={legend} description={description} error={fieldError(field)} defaultValue={checked(field)}>
      {options.map((o) => (
        <Checkbox key={o.value} name={field.name} value={o.value} description={o.description}>
          {o.label}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

function Radios({ field, legend, options }: { field: Field; legend: string; options: { value: string; label: string }[] }) {
  const fieldError = useFieldError();
  return (
    <RadioGroup id={field.id} name={field.name} legend={legend} error={fieldError(field)} defaultValue={typeof field.initialValue === "string" ? field.initialValue : undefined}>
      {options.map((o) => (
        <Radio key={o.value} value={o.value}>
          {o.label}
        </Radio>
      ))}
    </RadioGroup>
  );
}

export interface ActivityChoices {
  kinds: KindView[];
  topics: TopicView[];
  venues: VenueView[];
  leaders: LeaderCandidate[];
  people: PersonCandidate[];
}

/**
 * A choice of kind or topic: Spelplan's and the program's own; an archived one of the program's only
 * when it is what the series or session already has (`kept`).
 */
function VocabularySelect({ field, label, empty, entries, kept, labelOf }: { field: Field; label: string; empty: string; entries: VocabularyView[]; kept: unknown; labelOf: typeof kindLabel }) {
  const t = useT();
  const custom = Object.fromEntries(entries.filter((k) => k.label).map((k) => [k.key, k.label!]));
  return (
    <SelectInput field={field} label={label}>
      <option value="">{empty}</option>
      {entries
        .filter((k) => !k.archived || k.key === kept)
        .map((k) => (
          <option key={k.key} value={k.key}>
            {labelOf(t, k.key, custom)}
          </option>
        ))}
    </SelectInput>
  );
}

function TopicSelect({ field, topics }: { field: Field; topics: TopicView[] }) {
  const t = useT();
  return <VocabularySelect field={field} label={t("schedule.form.topic")} empty={t("schedule.form.noTopic")} entries={topics} kept={field.initialValue} labelOf={topicLabel} />;
}

/** The fields a series and a one-off session share. */
function ActivityFields({ fields, choices, currentKind }: { fields: Record<string, Field>; choices: ActivityChoices; currentKind?: string }) {
  const t = useT();
  return (
    <>
      <VocabularySelect field={fields.kind!} label={t("schedule.form.kind")} empty={t("schedule.form.choose")} entries={choices.kinds} kept={currentKind} labelOf={kindLabel} />
      <TextInput field={fields.title!} label={t("schedule.form.title")} description={t("schedule.form.titleHelp")} autoComplete="off" />
      <TopicSelect field={fields.topic!} topics={choices.topics} />
      <HStack gap="space-16" wrap>
        <TextInput field={fields.startTime!} label={t("schedule.form.start")} description={t("schedule.form.timeHelp")} htmlSize={6} autoComplete="off" />
        <TextInput field={fields.endTime!} label={t("schedule.form.end")} description={t("schedule.form.timeHelp")} htmlSize={6} autoComplete="off" />
      </HStack>
      <SelectInput field={fields.venueId!} label={t("schedule.form.venue")}>
        <option value="">{t("schedule.form.noVenue")}</option>
        {choices.venues.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </SelectInput>
      <SelectInput field={fields.roomId!} label={t("schedule.form.room")} description={t("schedule.form.roomHelp")}>
        <option value="">{t("schedule.form.noRoom")}</option>
        {choices.venues.flatMap((v) =>
          v.rooms
            .filter((r) => !r.archived)
            .map((r) => (
              <option key={r.id} value={r.id}>
                {v.name}: {r.name}
              </option>
            )),
        )}
      </SelectInput>
      <Checkboxes
        field={fields.groupKinds!}
        legend={t("schedule.form.groups")}
        description={t("schedule.form.groupsHelp")}
        options={(["ordinary", "pre_group"] as const).map((g) => ({ value: g, label: t(`schedule.group.${g}`) }))}
      />
      {choices.people.length ? (
        <Checkboxes
          field={fields.personIds!}
          legend={t("schedule.form.people")}
          description={t("schedule.form.peopleHelp")}
          options={choices.people.map((p) => ({ value: p.personId, label: p.name ?? p.reference, description: p.reference }))}
        />
      ) : null}
      <Checkboxes
        field={fields.leaderIds!}
        legend={t("schedule.form.leaders")}
        description={t("schedule.form.leadersHelp")}
        options={choices.leaders.map((l) => ({ value: l.userId, label: l.name, description: l.roles.map((r) => t(`role.${r}`)).join(", ") }))}
      />
      <TextArea field={fields.notes!} label={t("schedule.form.notes")} minRows={2} />
    </>
  );
}

/** A recurring series: what, when (weekdays, times, term, week parity, holidays), where, who. */
export function SeriesForm({ lastResult, defaultValue, choices, submitLabel, currentKind }: { lastResult: Result; defaultValue: Record<string, unknown>; choices: ActivityChoices; submitLabel: string; currentKind?: string }) {
  const t = useT();
  const busy = useBusy("series");
  const [form, fields] = useSpelForm(seriesSchema, lastResult, defaultValue);
  const f = fields as unknown as Record<string, Field & { id: string; errors?: string[] }>;
  return (
    <>
      <FormErrorSummary form={form} fields={pick(f, SERIES_KEYS)} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="series" />
        <VStack gap="space-24">
          <ActivityFields fields={f} choices={choices} {...(currentKind ? { currentKind } : {})} />
          <Checkboxes
            field={f.weekdays!}
            legend={t("schedule.form.weekdays")}
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`schedule.weekday.${d}`) }))}
          />
          <HStack gap="space-16" wrap>
            <TextInput field={f.firstDate!} label={t("schedule.form.firstDate")} description={t("schedule.form.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={f.lastDate!} label={t("schedule.form.lastDate")} description={t("schedule.form.dateHelp")} htmlSize={12} autoComplete="off" />
          </HStack>
          <Radios field={f.weeks!} legend={t("schedule.form.weeks")} options={WEEK_RULES.map((w) => ({ value: w, label: t(`schedule.weeks.${w}`) }))} />
          <Radios field={f.skipHolidays!} legend={t("schedule.form.holidays")} options={HOLIDAY_RULES.map((h) => ({ value: h, label: t(`schedule.holidays.${h}`) }))} />
          <div>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/** A one-off session. */
export function SessionForm({ lastResult, defaultValue, choices }: { lastResult: Result; defaultValue: Record<string, unknown>; choices: ActivityChoices }) {
  const t = useT();
  const busy = useBusy("session");
  const [form, fields] = useSpelForm(sessionSchema, lastResult, defaultValue);
  const f = fields as unknown as Record<string, Field & { id: string; errors?: string[] }>;
  return (
    <>
      <FormErrorSummary form={form} fields={pick(f, SESSION_KEYS)} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="session" />
        <VStack gap="space-24">
          <TextInput field={f.date!} label={t("schedule.form.date")} description={t("schedule.form.dateHelp")} htmlSize={12} autoComplete="off" />
          <ActivityFields fields={f} choices={choices} />
          <div>
            <Button type="submit" loading={busy}>
              {t("schedule.session.create")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/** One occurrence of a series: cancelled with a note, or moved. */
export function ExceptionForm({ lastResult, occurrences, venues }: { lastResult: Result; occurrences: { originalDate: string; label: string }[]; venues: VenueView[] }) {
  const t = useT();
  const busy = useBusy("exception");
  const [form, fields] = useSpelForm(exceptionSchema, lastResult, { kind: "cancelled" });
  return (
    <>
      <FormErrorSummary form={form} fields={pick(fields as never, EXCEPTION_KEYS)} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="exception" />
        <VStack gap="space-24">
          <SelectInput field={fields.originalDate} label={t("schedule.exception.occurrence")}>
            <option value="">{t("schedule.form.choose")}</option>
            {occurrences.map((o) => (
              <option key={o.originalDate} value={o.originalDate}>
                {o.label}
              </option>
            ))}
          </SelectInput>
          <Radios
            field={fields.kind}
            legend={t("schedule.exception.kind")}
            options={[
              { value: "cancelled", label: t("schedule.exception.cancelled") },
              { value: "changed", label: t("schedule.exception.changed") },
            ]}
          />
          <TextInput field={fields.note} label={t("schedule.exception.note")} description={t("schedule.exception.noteHelp")} autoComplete="off" />
          <fieldset className="plain-fieldset">
            <legend>{t("schedule.exception.changeLegend")}</legend>
            <VStack gap="space-16">
              <TextInput field={fields.date} label={t("schedule.exception.date")} description={t("schedule.form.dateHelp")} htmlSize={12} autoComplete="off" />
              <HStack gap="space-16" wrap>
                <TextInput field={fields.startTime} label={t("schedule.form.start")} description={t("schedule.form.timeHelp")} htmlSize={6} autoComplete="off" />
                <TextInput field={fields.endTime} label={t("schedule.form.end")} description={t("schedule.form.timeHelp")} htmlSize={6} autoComplete="off" />
              </HStack>
              <SelectInput field={fields.venueId} label={t("schedule.form.venue")}>
                <option value="">{t("schedule.exception.sameVenue")}</option>
                {venues.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </SelectInput>
            </VStack>
          </fieldset>
          <div>
            <Button type="submit" loading={busy}>
              {t("schedule.exception.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/** A venue: name, address, notes, and KRUT's checklist (a status and a note per item). */
export function VenueForm({ lastResult, defaultValue, submitLabel }: { lastResult: Result; defaultValue: Record<string, unknown>; submitLabel: string }) {
  const t = useT();
  const busy = useBusy("venue");
  const [form, fields] = useSpelForm(venueSchema, lastResult, defaultValue);
  const a11y = fields.accessibility.getFieldset();
  const summary: Record<string, { id: string; errors?: string[] | undefined }> = { name: fields.name, address: fields.address, notes: fields.notes };
  return (
    <>
      <FormErrorSummary form={form} fields={summary} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="venue" />
        <VStack gap="space-24">
          <TextInput field={fields.name} label={t("venues.form.name")} autoComplete="off" />
          <TextInput field={fields.address} label={t("venues.form.address")} autoComplete="off" />
          <TextArea field={fields.notes} label={t("venues.form.notes")} minRows={2} />
          <fieldset className="plain-fieldset">
            <legend>
              <strong>{t("venues.checklist.heading")}</strong>
            </legend>
            <VStack gap="space-24">
              {ACCESSIBILITY_ITEMS.map((item) => {
                const entry = a11y[item].getFieldset();
                return (
                  <VStack key={item} gap="space-8">
                    <Radios
                      field={entry.status}
                      legend={t(`venues.checklist.item.${item}`)}
                      options={ACCESSIBILITY_STATUSES.map((s) => ({ value: s, label: t(`venues.checklist.status.${s}`) }))}
                    />
                    <TextInput field={entry.note} label={t("venues.checklist.note", { item: t(`venues.checklist.item.${item}`) })} size="small" autoComplete="off" />
                  </VStack>
                );
              })}
            </VStack>
          </fieldset>
          <div>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

export function RoomForm({ lastResult }: { lastResult: Result }) {
  const t = useT();
  const busy = useBusy("room");
  const [form, fields] = useSpelForm(roomSchema, lastResult);
  return (
    <>
      <FormErrorSummary form={form} fields={{ name: fields.name, capacity: fields.capacity, notes: fields.notes }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="room" />
        <VStack gap="space-16">
          <TextInput field={fields.name} label={t("venues.room.name")} autoComplete="off" />
          <TextInput field={fields.capacity} label={t("venues.room.capacity")} htmlSize={6} inputMode="numeric" autoComplete="off" />
          <TextInput field={fields.notes} label={t("venues.room.notes")} autoComplete="off" />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("venues.room.add")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/** The texts of a vocabulary's page: kinds.* or topics.* (the same keys under each). */
export type VocabularyTexts = "kinds" | "topics";

/** A kind or topic of the program's own: its name (the key is made from it). */
function LabelForm({ lastResult, texts }: { lastResult: Result; texts: VocabularyTexts }) {
  const t = useT();
  const busy = useBusy("add");
  const [form, fields] = useSpelForm(activityKindSchema, lastResult);
  return (
    <>
      <FormErrorSummary form={form} fields={{ label: fields.label }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <VStack gap="space-16">
          <TextInput field={fields.label} label={t(`${texts}.form.label`)} description={t(`${texts}.form.labelHelp`)} autoComplete="off" />
          <div>
            <Button type="submit" loading={busy}>
              {t(`${texts}.form.add`)}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/**
 * The page of a program's activity kinds or topics: Spelplan's and the program's own (archived ones
 * marked), each of the program's with an archive button, and a form to add one (for who manages the schedule).
 */
export function VocabularyPage({
  texts,
  program,
  entries,
  canManage,
  done,
  lastResult,
}: {
  texts: VocabularyTexts;
  program: { id: string; name: string };
  entries: VocabularyView[];
  canManage: boolean;
  done: "added" | "archived" | null;
  lastResult: Result;
}) {
  const t = useT();
  const labelOf = texts === "kinds" ? kindLabel : topicLabel;
  return (
    <VStack gap="space-32">
      {done && !lastResult ? <Alert variant="success">{t(`${texts}.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${program.id}/schedule`}>{t("schedule.backTo", { program: program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t(`${texts}.heading`, { program: program.name })}
        </Heading>
        <BodyShort>{t(`${texts}.intro`)}</BodyShort>
      </div>
      <ul data-testid="vocabulary">
        {entries.map((k) => (
          <li key={k.key}>
            <HStack gap="space-16" align="center">
              <span>
                {k.label ?? labelOf(t, k.key, {})}
                {k.builtIn ? ` (${t(`${texts}.builtIn`)})` : ""}
                {k.archived ? ` (${t(`${texts}.archived`)})` : ""}
              </span>
              {canManage && !k.builtIn && !k.archived ? (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="archive" />
                  <input type="hidden" name="key" value={k.key} />
                  <Button type="submit" size="small" variant="tertiary">
                    {t(`${texts}.archive`, { name: k.label ?? k.key })}
                  </Button>
                </Form>
              ) : null}
            </HStack>
          </li>
        ))}
      </ul>
      {canManage ? (
        <section aria-labelledby="vocabulary-add">
          <Heading level="2" size="medium" id="vocabulary-add" spacing>
            {t(`${texts}.form.heading`)}
          </Heading>
          <LabelForm lastResult={lastResult} texts={texts} />
        </section>
      ) : null}
    </VStack>
  );
}

export function SessionNotesForm({ lastResult, defaultValue, topics }: { lastResult: Result; defaultValue: Record<string, unknown>; topics: TopicView[] }) {
  const t = useT();
  const busy = useBusy("notes");
  const [form, fields] = useSpelForm(sessionNotesSchema, lastResult, defaultValue);
  return (
    <>
      <FormErrorSummary form={form} fields={{ topic: fields.topic, notes: fields.notes }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="notes" />
        <VStack gap="space-16">
          <TopicSelect field={fields.topic} topics={topics} />
          <TextArea field={fields.notes} label={t("schedule.form.notes")} minRows={3} />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("schedule.session.saveNotes")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}
