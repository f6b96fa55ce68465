import { Alert, BodyShort, Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { correctNote, getNoteForCorrection } from "../../../services/journal.ts";
import { journalNoteSchema } from "../../../services/schemas/journal.ts";
import { JournalNote, noteAnchor } from "../../components/journal/JournalNote.tsx";
import { JournalNoteForm } from "../../components/journal/JournalNoteForm.tsx";
import { JourneyHeader, participantName } from "../../components/journal/JourneyHeader.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/journal.correct";

// Correcting a journal note: the note as it was saved, and a form for the whole note as it should be,
// prefilled with the old one. The old note stays as it is; the correction points to it.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "journal.correct.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { view: await orResponse(getNoteForCorrection(ctx, params.enrolmentId, params.noteId)) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  return formAction(formData, journalNoteSchema, async (value) => {
    const { id } = await correctNote(ctx, params.enrolmentId, params.noteId, value);
    return redirect(`/enrolments/${params.enrolmentId}/journal?corrected=1#${noteAnchor(id)}`);
  });
}

export default function CorrectNotePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view } = loaderData;
  const journalPath = `/enrolments/${view.enrolmentId}/journal`;
  const { note } = view;
  return (
    <VStack gap="space-32">
      <JourneyHeader
        enrolmentId={view.enrolmentId}
        backTo={journalPath}
        backLabel={t("journal.titleFor", { person: participantName(t, view.participant) })}
        title={t("journal.correct.titleFor", { person: participantName(t, view.participant) })}
        intro={view.newest ? undefined : t("journal.correct.intro")}
      />
      <section aria-labelledby="correct-original">
        <Heading level="2" size="medium" id="correct-original" spacing>
          {t("journal.correct.original")}
        </Heading>
        <JournalNote note={note} journalPath={journalPath} canCorrect={false} />
      </section>
      {view.newest ? (
        <Alert variant="info">
          <BodyShort spacing>{t("journal.correct.already")}</BodyShort>
          <LinkButton to={`${journalPath}/${view.newest.id}/correct`} variant="secondary" size="small">
            {t("journal.correct.newest")}
          </LinkButton>
        </Alert>
      ) : (
        <section aria-labelledby="correct-form">
          <Heading level="2" size="medium" id="correct-form" spacing>
            {t("journal.correct.heading")}
          </Heading>
          <JournalNoteForm
            lastResult={actionData}
            defaults={{ noteDate: note.noteDate, kind: note.kind, visibility: note.visibility, body: note.body }}
            sharedWith={view.sharedWith}
            submitLabel={t("journal.correct.submit")}
            visibilityNote={t("journal.correct.visibilityHelp")}
            cancelTo={journalPath}
          />
        </section>
      )}
    </VStack>
  );
}
