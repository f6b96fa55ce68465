import { Alert, BodyShort, Heading, HStack, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { hasCapability } from "../../../domain/policy.ts";
import { consultationPrograms, type ConsultationView, listConsultations } from "../../../services/consultations.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import { anonymousLabel, ConsultationStatusTag, excerpt } from "../../components/meetings/status.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/consultations";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "consultations.list.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const [items, programs] = await Promise.all([orResponse(listConsultations(ctx)), consultationPrograms(ctx)]);
  return {
    items,
    canCreate: programs.length > 0,
    canOpenMeetings: hasCapability(ctx.actor.subject, "meeting.view"),
    withdrawn: new URL(request.url).searchParams.has("withdrawn"),
  };
}

export default function Consultations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { items, canCreate, canOpenMeetings } = loaderData;
  const mine = items.filter((c) => c.mine);
  const others = items.filter((c) => !c.mine);
  const manyPrograms = new Set(items.map((c) => c.programId)).size > 1;
  return (
    <VStack gap="space-32">
      {loaderData.withdrawn ? <Alert variant="success">{t("consultations.done.withdrawn")}</Alert> : null}
      <HStack justify="space-between" align="end" gap="space-16" wrap>
        <div>
          <Heading level="1" size="large" spacing>
            {t("consultations.list.title")}
          </Heading>
          <BodyShort>{t("consultations.list.intro")}</BodyShort>
        </div>
        {canCreate ? <LinkButton to="/consultations/new">{t("consultations.list.new")}</LinkButton> : null}
      </HStack>
      {canOpenMeetings ? (
        <BodyShort>
          <AkselLink as={Link} to="/meetings">
            {t("consultations.list.toMeetings")}
          </AkselLink>
        </BodyShort>
      ) : null}

      <section aria-labelledby="consultations-mine">
        <Heading level="2" size="medium" id="consultations-mine" spacing>
          {t("consultations.list.mine")}
        </Heading>
        {mine.length === 0 ? (
          <BodyShort>{t("consultations.list.mineEmpty")}</BodyShort>
        ) : (
          <ConsultationTable items={mine} captionId="consultations-mine" manyPrograms={manyPrograms} showAuthor={false} />
        )}
      </section>

      {others.length > 0 ? (
        <section aria-labelledby="consultations-program">
          <Heading level="2" size="medium" id="consultations-program" spacing>
            {t("consultations.list.program")}
          </Heading>
          <BodyShort spacing>{t("consultations.list.programIntro")}</BodyShort>
          <ConsultationTable items={others} captionId="consultations-program" manyPrograms={manyPrograms} showAuthor />
        </section>
      ) : null}
    </VStack>
  );
}

function ConsultationTable({ items, captionId, manyPrograms, showAuthor }: { items: ConsultationView[]; captionId: string; manyPrograms: boolean; showAuthor: boolean }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <Table zebraStripes aria-labelledby={captionId}>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("consultations.list.question")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("consultations.list.about")}</Table.HeaderCell>
            {manyPrograms ? <Table.HeaderCell scope="col">{t("consultations.list.programColumn")}</Table.HeaderCell> : null}
            {showAuthor ? <Table.HeaderCell scope="col">{t("consultations.list.author")}</Table.HeaderCell> : null}
            <Table.HeaderCell scope="col">{t("consultations.list.sent")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("consultations.list.status")}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {items.map((c) => (
            <Table.Row key={c.id}>
              <Table.DataCell>
                <AkselLink as={Link} to={`/consultations/${c.id}`}>
                  {excerpt(c.question)}
                </AkselLink>
              </Table.DataCell>
              <Table.DataCell>{anonymousLabel(t, c)}</Table.DataCell>
              {manyPrograms ? <Table.DataCell>{c.programName}</Table.DataCell> : null}
              {showAuthor ? (
                <Table.DataCell>
                  {c.author}
                  {c.authority ? (
                    <BodyShort as="span" size="small" textColor="subtle">
                      {" "}
                      ({c.authority})
                    </BodyShort>
                  ) : null}
                </Table.DataCell>
              ) : null}
              <Table.DataCell>{t.date(new Date(c.createdAt))}</Table.DataCell>
              <Table.DataCell>
                <ConsultationStatusTag t={t} consultation={c} />
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
