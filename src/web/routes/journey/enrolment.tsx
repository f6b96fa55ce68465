import { BodyShort, Heading, HStack, Link as AkselLink, LinkCard, Tag, VStack, Alert } from "@navikt/ds-react";
import { Link } from "react-router";
import { enrolmentOverview } from "../../../services/enrolment-overview.ts";
import { FlagList, participantName, StageTag } from "../../components/caseload/Flags.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/enrolment";

// The participant's hub: a summary of the journey, what needs doing now, and the way to each part
// (plan, wheel, journal, network, work, follow-ups, exit).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "hub.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { overview: await orResponse(enrolmentOverview(ctx, params.enrolmentId)) };
}

const SECTIONS = [
  { key: "plan", path: "plan" },
  { key: "wheel", path: "wheel" },
  { key: "journal", path: "journal" },
  { key: "network", path: "network" },
  { key: "work", path: "work" },
  { key: "followUps", path: "follow-ups" },
  { key: "attendance", path: "attendance" },
  { key: "exit", path: "exit" },
] as const;

export default function EnrolmentHub({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const o = loaderData.overview;
  const name = participantName(t, o.person);
  const j = o.journey;
  const base = `/enrolments/${o.enrolmentId}`;
  // Readers who see only the shared journal notes get the journal; everyone else every part.
  const sections = (j ? SECTIONS : SECTIONS.filter((s) => s.key === "journal")).filter((s) => s.key !== "attendance" || o.canViewAttendance);
  const plan = j?.plan;
  return (
    <VStack gap="space-32">
      <title>{`${name} – Spelplan`}</title>
      <div>
        <Heading level="1" size="large" spacing>
          {name}
        </Heading>
        <HStack gap="space-8" align="center" wrap>
          <BodyShort>{t("hub.subtitle", { program: o.program.name })}</BodyShort>
          <StageTag stage={o.stage} />
          {o.person.protectedIdentity ? (
            <Tag variant="warning" size="xsmall">
              {t("person.protectedIdentity")}
            </Tag>
          ) : null}
        </HStack>
      </div>
      {o.access === "shared" ? <Alert variant="info">{t("hub.sharedOnly")}</Alert> : null}

      {j ? (
        <section aria-labelledby="hub-todo">
          <Heading level="2" size="medium" id="hub-todo" spacing>
            {t("hub.todo.heading")}
          </Heading>
          <FlagList flags={j.flags} empty={t("hub.todo.none")} />
        </section>
      ) : null}

      <section aria-labelledby="hub-summary">
        <Heading level="2" size="medium" id="hub-summary" spacing>
          {t("hub.summary.heading")}
        </Heading>
        <dl className="details-list">
          <dt>{t("hub.coordinator")}</dt>
          <dd>{o.coordinator.name}</dd>
          <dt>{t("hub.start")}</dt>
          <dd>{t.date(o.startDate, "long")}</dd>
          <dt>{t("hub.plannedEnd")}</dt>
          <dd>{t.date(o.plannedEndDate, "long")}</dd>
          <dt>{t("hub.stage")}</dt>
          <dd>{t(`caseload.stage.${o.stage}`)}</dd>
          {j ? (
            <>
              <dt>{t("hub.plan")}</dt>
              <dd>
                {plan
                  ? [
                      t("hub.plan.version", { version: plan.version }),
                      plan.stage === "final" ? t("hub.plan.final") : null,
                      plan.acceptedOn ? t("hub.plan.accepted", { date: t.date(plan.acceptedOn) }) : t("hub.plan.notAccepted"),
                    ]
                      .filter(Boolean)
                      .join(", ")
                  : t("hub.plan.none")}
              </dd>
              <dt>{t("hub.nextFollowUp")}</dt>
              <dd>
                {j.nextFollowUp
                  ? t(j.nextFollowUp.booked ? "hub.followUp.booked" : "hub.followUp.due", { date: t.date(j.nextFollowUp.date) })
                  : t("hub.followUp.none")}
              </dd>
              <dt>{t("hub.lastFollowUp")}</dt>
              <dd>{j.lastFollowUpHeld ? t.date(j.lastFollowUpHeld) : t("hub.lastFollowUp.none")}</dd>
              <dt>{t("hub.latestReading")}</dt>
              <dd>{j.latestReading ? t.date(j.latestReading) : t("hub.latestReading.none")}</dd>
              <dt>{t("hub.nextReading")}</dt>
              <dd>{j.nextReading ? t(`hub.nextReading.${j.nextReading.occasion}`, { date: t.date(j.nextReading.date) }) : t("hub.nextReading.none")}</dd>
            </>
          ) : null}
          <dt>{t("hub.journal")}</dt>
          <dd>{o.journal.onlyShared ? t.plural("hub.journal.shared", o.journal.count) : t.plural("hub.journal.count", o.journal.count)}</dd>
          {j ? (
            <>
              <dt>{t("hub.network")}</dt>
              <dd>{t.plural("hub.network.count", j.networkSize)}</dd>
              <dt>{t("hub.exit")}</dt>
              <dd>
                {j.exit
                  ? t("hub.exit.value", { date: t.date(j.exit.date), kind: t(`hub.exitKind.${j.exit.kind}`), reason: t(`hub.exitReason.${j.exit.reason}`) })
                  : t("hub.exit.none")}
              </dd>
              {j.exit ? (
                <>
                  <dt>{t("hub.ninetyDay")}</dt>
                  <dd>
                    {j.exit.ninetyDay.answeredOn && j.exit.ninetyDay.outcome
                      ? t("hub.ninetyDay.answered", { date: t.date(j.exit.ninetyDay.answeredOn), outcome: t(`hub.outcome.${j.exit.ninetyDay.outcome}`) })
                      : t("hub.ninetyDay.due", { date: t.date(j.exit.ninetyDay.dueOn) })}
                  </dd>
                </>
              ) : null}
              {j.passivePhase ? (
                <>
                  <dt>{t("hub.passive")}</dt>
                  <dd>
                    {t(`caseload.flag.passive.${j.passivePhase.reason}`)}. {t("hub.passive.since", { date: t.date(j.passivePhase.startedOn) })}
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
      </section>

      <nav aria-labelledby="hub-sections">
        <Heading level="2" size="medium" id="hub-sections" spacing>
          {t("hub.sections.heading")}
        </Heading>
        <HStack gap="space-16" wrap as="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {sections.map((s) => (
            <li key={s.key}>
              <LinkCard style={{ width: "18rem", height: "100%" }}>
                <LinkCard.Title>
                  <LinkCard.Anchor asChild>
                    <Link to={`${base}/${s.path}`}>{t(`hub.section.${s.key}`)}</Link>
                  </LinkCard.Anchor>
                </LinkCard.Title>
                <LinkCard.Description>{t(`hub.section.${s.key}.description`)}</LinkCard.Description>
              </LinkCard>
            </li>
          ))}
        </HStack>
      </nav>

      <HStack gap="space-24" wrap>
        {o.canViewCaseload ? (
          <AkselLink as={Link} to="/caseload">
            {t("hub.back")}
          </AkselLink>
        ) : null}
        {o.person.canOpen ? (
          <AkselLink as={Link} to={`/people/${o.person.id}`}>
            {t("hub.personPage")}
          </AkselLink>
        ) : null}
        {o.canViewAttendance ? (
          <AkselLink as={Link} to={`/people/${o.person.id}/schedule`}>
            {t("hub.personWeek")}
          </AkselLink>
        ) : null}
      </HStack>
    </VStack>
  );
}
