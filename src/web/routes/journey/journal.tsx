import { Alert, BodyShort, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { ValidationError } from "../../../services/errors.ts";
import { getJournal, writeNote } from "../../../services/journal.ts";
import { journalNoteSchema } from "../../../services/schemas/journal.ts";
import { JournalFilter, type FilterValues } from "../../components/journal/JournalFilter.tsx";
import { JournalNote } from "../../components/journal/JournalNote.tsx";
import { JournalNoteForm } from "../../components/journal/JournalNoteForm.tsx";
import { JourneyHeader, participantName } from "../../components/journal/JourneyHeader.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/journal";

// The participant's journal: the notes the reader may see, newest first, with filters (type, author, period);
// for the program's staff a form for a new note and, on every note that stands, the way to correct it.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "journal.title");

const FILTERS = ["kind", "author", "from", "to"] as const;
const DONE = ["saved", "corrected"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const values = Object.fromEntries(FILTERS.map((f) => [f, url.searchParams.get(f)?.trim() ?? ""])) as unknown as FilterValues;
  let filterErrors: Partial<Record<keyof FilterValues, string>> = {};
  let journal;
  try {
    journal = await getJournal(ctx, params.enrolmentId, values);
  } catch (error) {
    if (!(error instanceof ValidationError)) rethrowAsResponse(error);
    // A filter that cannot be used: its message at its field, and the list without filters.
    filterErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages[0]!]));
    journal = await orResponse(getJournal(ctx, params.enrolmentId, {}));
  }
  return { journal, values, filterErrors, done: DONE.find((d) => url.searchParams.has(d)) ?? null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  return formAction(formData, journalNoteSchema, async (value) => {
    await writeNote(ctx, params.enrolmentId, value);
    return redirect(`/enrolments/${params.enrolmentId}/journal?saved=1`);
  });
}

export default function JournalPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { journal, values, filterErrors, done } = loaderData;
  const path = `/enrolments/${journal.enrolmentId}/journal`;
  const person = participantName(t, journal.participant);
  const errorFor = (key: keyof FilterValues) => (filterErrors[key] ? t(filterErrors[key]) : undefined);
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`journal.done.${done}`)}</Alert> : null}
      <JourneyHeader
        enrolmentId={journal.enrolmentId}
        title={t("journal.titleFor", { person })}
        intro={journal.scope === "all" ? t("journal.intro.staff") : t("journal.intro.shared")}
      />

      {journal.canWrite ? (
        <section aria-labelledby="journal-new">
          <Heading level="2" size="medium" id="journal-new" spacing>
            {t("journal.new.heading")}
          </Heading>
          <JournalNoteForm
            lastResult={actionData}
            defaults={{ noteDate: journal.today }}
            sharedWith={journal.sharedWith}
            submitLabel={t("journal.new.submit")}
          />
        </section>
      ) : null}

      <section aria-labelledby="journal-list">
        <Heading level="2" size="medium" id="journal-list" spacing>
          {t("journal.list.heading")}
        </Heading>
        <VStack gap="space-16">
          {journal.total > 0 ? (
            <JournalFilter key={JSON.stringify(values)} action={path} values={values} authors={journal.authors} errors={{ kind: errorFor("kind"), author: errorFor("author"), from: errorFor("from"), to: errorFor("to") }} />
          ) : null}
          <BodyShort role="status">
            {journal.total === 0
              ? t("journal.list.none")
              : journal.notes.length === 0
                ? t("journal.list.noneMatching")
                : t.plural("journal.list.count", journal.total, { shown: journal.notes.length })}
          </BodyShort>
          {journal.notes.map((note) => (
            <JournalNote key={note.id} note={note} journalPath={path} canCorrect={journal.canWrite} />
          ))}
        </VStack>
      </section>
    </VStack>
  );
}
