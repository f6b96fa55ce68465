import { BodyShort, Box, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import type { JournalNoteLink, JournalNoteView } from "../../../services/journal.ts";
import { MultilineText } from "../requests/RequestStatus.tsx";
import { LinkButton } from "../LinkButton.tsx";
import { useT } from "../../lib/i18n.ts";

export const noteAnchor = (id: string) => `note-${id}`;

/**
 * One journal note: date and type as its heading, who wrote it and when, who may read it, and how it stands
 * in its correction chain (in words, not only colour). The links lead to the other note of the chain on the
 * journal's unfiltered list.
 */
export function JournalNote({ note, journalPath, canCorrect }: { note: JournalNoteView; journalPath: string; canCorrect: boolean }) {
  const t = useT();
  const headingId = `${noteAnchor(note.id)}-heading`;
  const kind = t(`journal.kind.${note.kind}`);
  const linkTo = (other: JournalNoteLink) => `${journalPath}#${noteAnchor(other.id)}`;
  return (
    <Box
      as="article"
      id={noteAnchor(note.id)}
      aria-labelledby={headingId}
      padding="space-16"
      borderWidth="1"
      borderRadius="8"
      borderColor="neutral-subtle"
      data-testid="journal-note"
    >
      <VStack gap="space-8">
        <HStack gap="space-8" align="center" wrap>
          <Heading level="3" size="small" id={headingId}>
            {t("journal.note.heading", { date: t.date(note.noteDate), kind })}
          </Heading>
          <Tag variant={note.visibility === "shared" ? "info" : "neutral"} size="xsmall">
            {note.visibility === "shared" ? t("journal.tag.shared") : t("journal.tag.staff")}
          </Tag>
          {note.corrects ? (
            <Tag variant="alt1" size="xsmall">
              {t("journal.note.correction")}
            </Tag>
          ) : null}
          {note.correctedBy ? (
            <Tag variant="warning" size="xsmall">
              {t("journal.note.corrected")}
            </Tag>
          ) : null}
        </HStack>
        <BodyShort size="small" textColor="subtle">
          {t("journal.note.writtenBy", { author: note.authorName, when: t.dateTime(new Date(note.createdAt)) })}
        </BodyShort>
        {note.correctedBy ? (
          <BodyShort weight="semibold">
            {note.correctedBy.visible ? (
              <AkselLink as={Link} to={linkTo(note.correctedBy)}>
                {t("journal.note.correctedBy", { when: t.dateTime(new Date(note.correctedBy.createdAt)) })}
              </AkselLink>
            ) : (
              t("journal.note.correctedByHidden")
            )}
          </BodyShort>
        ) : null}
        {note.corrects ? (
          <BodyShort>
            {note.corrects.visible ? (
              <AkselLink as={Link} to={linkTo(note.corrects)}>
                {t("journal.note.corrects", { when: t.dateTime(new Date(note.corrects.createdAt)) })}
              </AkselLink>
            ) : (
              t("journal.note.correctsHidden")
            )}
          </BodyShort>
        ) : null}
        <div>
          <MultilineText text={note.body} empty="" />
        </div>
        {canCorrect && !note.correctedBy ? (
          <div>
            <LinkButton to={`${journalPath}/${note.id}/correct`} variant="secondary" size="small">
              {t("journal.note.correct")}
              <span className="visually-hidden"> {t("journal.note.correctWhich", { date: t.date(note.noteDate), kind })}</span>
            </LinkButton>
          </div>
        ) : null}
      </VStack>
    </Box>
  );
}
