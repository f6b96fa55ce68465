import { type MinutesDocument, type MinutesItem, renderMinutesPdf } from "../documents/minutes-pdf.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { auditByActor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { getMeeting } from "./meetings.ts";

// The minutes of a collaboration-team meeting as a PDF, listing only what the reader may see: the same
// view of the meeting as the page (a request the consent does not cover shows its number and no more).

const LANG: Record<Locale, MinutesDocument["lang"]> = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" };

export async function meetingMinutesPdf(ctx: ServiceContext, meetingId: string, locale: Locale): Promise<{ fileName: string; pdf: Buffer }> {
  const meeting = await getMeeting(ctx, meetingId);
  const t = translator(locale);
  const answer = (a: boolean | null | undefined) => (a === true ? true : a === false ? false : null);
  const items: MinutesItem[] = meeting.agenda.map((item, index) => {
    if (item.kind === "consultation" && item.consultation) {
      return {
        number: index + 1,
        kind: "consultation",
        title: `${t(`sex.${item.consultation.sex}`)}, ${t(`ageBand.${item.consultation.ageBand}`)}`,
        referrer: [item.referrer, item.authority].filter(Boolean).join(", ") || null,
        answers: null,
        decision: null,
        recommendation: null,
        reason: null,
        advice: item.consultation.advice || null,
        hidden: false,
      };
    }
    const a = item.assessment;
    return {
      number: index + 1,
      kind: "request",
      title: item.hidden ? null : (item.personName ?? item.personReference),
      referrer: item.hidden ? null : [item.referrer, item.authority].filter(Boolean).join(", ") || null,
      answers: a ? [answer(a.ownOptionsTried), answer(a.ableWithSupport), answer(a.wantsToTakePart)] : null,
      decision: a ? t(`outcome.${a.outcome}`) : null,
      recommendation: a?.recommendation || null,
      reason: a?.postponeReason || null,
      advice: null,
      hidden: item.hidden,
    };
  });
  const pdf = await renderMinutesPdf({
    lang: LANG[locale],
    labels: {
      title: t("minutes.title"),
      program: t("minutes.program"),
      date: t("minutes.date"),
      time: t("minutes.time"),
      location: t("minutes.location"),
      attendance: t("minutes.present"),
      absent: t("minutes.absent"),
      items: t("minutes.items"),
      request: t("minutes.request"),
      consultation: t("minutes.consultation"),
      referrer: t("minutes.referrer"),
      questions: [t("question.own_options_tried"), t("question.able_with_support"), t("question.wants_to_take_part")],
      yes: t("answer.yes"),
      no: t("answer.no"),
      notAnswered: t("minutes.notAnswered"),
      decision: t("minutes.decision"),
      recommendation: t("minutes.recommendation"),
      reason: t("minutes.reason"),
      advice: t("minutes.advice"),
      hidden: t("minutes.hidden"),
      generated: t("minutes.generated"),
      page: t("minutes.page"),
    },
    programName: meeting.programName,
    date: t.date(meeting.date, "long"),
    time: `${meeting.startTime}–${meeting.endTime}`,
    location: meeting.location || null,
    present: meeting.attendance.filter((m) => m.present === true).map((m) => ({ name: m.name, authority: m.authority })),
    absent: meeting.attendance.filter((m) => m.present === false).map((m) => ({ name: m.name, authority: m.authority })),
    items,
    generatedAt: ctx.now(),
    generatedFor: ctx.actor.user.displayName,
  });
  await ctx.db.transaction().execute((tx) =>
    auditByActor(tx, ctx, null, {
      action: "meeting.minutes",
      entityType: "team_meeting",
      entityId: meetingId,
      programId: meeting.programId,
      details: { hidden: items.filter((i) => i.hidden).length, items: items.length },
    }),
  );
  return { fileName: `protokoll-${meeting.date}.pdf`, pdf };
}
