import { Alert, BodyShort, Button, CopyButton, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { addDays, isValidDate, weekdayOf, isoWeek } from "../../../domain/calendar.ts";
import { isoToday } from "../../../services/context.ts";
import { breakfastForSchedule } from "../../../services/rota.ts";
import { listSeries, myFeeds, renewFeed, schedulePage } from "../../../services/schedule.ts";
import { feedSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { MonthTable, WeekList } from "../../components/schedule/ScheduleViews.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/schedule";

// The program's schedule: a week (today's by default) or a month, navigable, printable; the series;
// and the reader's calendar links (secret URLs, shown once when made or renewed).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.title");

function period(url: URL, today: string) {
  const view = url.searchParams.get("view") === "month" ? "month" : "week";
  if (view === "month") {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(url.searchParams.get("month") ?? "");
    const [year, month] = m ? [Number(m[1]), Number(m[2])] : [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const first = `${year}-${String(month).padStart(2, "0")}-01`;
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
    // The grid shows whole weeks: load them all.
    const from = addDays(first, 1 - weekdayOf(first));
    const last = addDays(next, -1);
    const to = addDays(last, 7 - weekdayOf(last));
    const prev = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
    return { view, year, month, from, to, prev, next: next.slice(0, 7), current: today.slice(0, 7) } as const;
  }
  const asked = url.searchParams.get("week") ?? "";
  const date = isValidDate(asked) ? asked : today;
  const monday = addDays(date, 1 - weekdayOf(date));
  return { view, monday, from: monday, to: addDays(monday, 6), prev: addDays(monday, -7), next: addDays(monday, 7), current: addDays(today, 1 - weekdayOf(today)), ...isoWeek(monday) } as const;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const p = period(url, isoToday(ctx.now()));
  const mine = url.searchParams.get("mine") === "1";
  const page = await orResponse(schedulePage(ctx, params.programId, p.from, p.to, mine ? { leaderUserId: ctx.actor.user.id } : {}));
  const series = page.canManage ? await listSeries(ctx, params.programId) : [];
  const feeds = (await myFeeds(ctx)).filter((f) => f.programId === params.programId);
  // Who has breakfast on the week's group days (only for readers who may see names).
  const breakfast = p.view === "week" ? await breakfastForSchedule(ctx, params.programId, p.from, p.to) : null;
  return { page, period: p, mine, breakfast, series: series.map((s) => ({ id: s.id, title: s.title, firstDate: s.firstDate, lastDate: s.lastDate, startTime: s.startTime, endTime: s.endTime, weekdays: s.weekdays })), feeds };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), feedSchema, async (value) => {
    const { path } = await renewFeed(ctx, params.programId, value);
    return { feedUrl: new URL(path, ctx.publicUrl).toString(), scope: value.scope };
  });
  return "feedUrl" in result ? result : { result };
}

export default function SchedulePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, period: p, mine, breakfast, series, feeds } = loaderData;
  const base = `/programs/${page.program.id}/schedule`;
  const q = (extra: string) => `${base}?${extra}${mine ? "&mine=1" : ""}`;
  return (
    <VStack gap="space-32">
      <div>
        <div className="schedule-no-print">
          <BackLink to={`/programs/${page.program.id}`}>{page.program.name}</BackLink>
        </div>
        <Heading level="1" size="large" spacing>
          {t("schedule.heading", { program: page.program.name })}
        </Heading>
        <BodyShort>
          {p.view === "week"
            ? t("schedule.week.title", { week: p.week, from: t.date(p.from, "long"), to: t.date(p.to, "long") })
            : t("schedule.month.caption", { month: t(`schedule.month.${p.month}`), year: p.year })}
          {mine ? ` · ${t("schedule.mine.on")}` : ""}
        </BodyShort>
      </div>

      <nav aria-label={t("schedule.nav.label")} className="schedule-no-print">
        <HStack gap="space-16" wrap align="center">
          {p.view === "week" ? (
            <>
              <AkselLink as={Link} to={q(`week=${p.prev}`)}>{t("schedule.nav.prevWeek")}</AkselLink>
              <AkselLink as={Link} to={q(`week=${p.current}`)}>{t("schedule.nav.thisWeek")}</AkselLink>
              <AkselLink as={Link} to={q(`week=${p.next}`)}>{t("schedule.nav.nextWeek")}</AkselLink>
              <AkselLink as={Link} to={q(`view=month&month=${p.monday.slice(0, 7)}`)}>{t("schedule.nav.toMonth")}</AkselLink>
            </>
          ) : (
            <>
              <AkselLink as={Link} to={q(`view=month&month=${p.prev}`)}>{t("schedule.nav.prevMonth")}</AkselLink>
              <AkselLink as={Link} to={q(`view=month&month=${p.current}`)}>{t("schedule.nav.thisMonth")}</AkselLink>
              <AkselLink as={Link} to={q(`view=month&month=${p.next}`)}>{t("schedule.nav.nextMonth")}</AkselLink>
              <AkselLink as={Link} to={q("")}>{t("schedule.nav.toWeek")}</AkselLink>
            </>
          )}
          <AkselLink as={Link} to={`${base}?${p.view === "week" ? `week=${p.monday}` : `view=month&month=${p.year}-${String(p.month).padStart(2, "0")}`}${mine ? "" : "&mine=1"}`}>
            {mine ? t("schedule.mine.off") : t("schedule.mine.show")}
          </AkselLink>
        </HStack>
      </nav>

      <section aria-labelledby="schedule-view">
        <Heading level="2" size="medium" id="schedule-view" className="visually-hidden">
          {t("schedule.view.heading")}
        </Heading>
        {p.view === "week" ? <WeekList page={page} breakfast={breakfast} /> : <MonthTable page={page} year={p.year} month={p.month} />}
        <BodyShort size="small" className="schedule-no-print" style={{ marginTop: "1rem" }}>
          {t("schedule.print.help")}
        </BodyShort>
        <BodyShort className="schedule-no-print" style={{ marginTop: "1rem" }}>
          <AkselLink as={Link} to={`/programs/${page.program.id}/breakfast`}>
            {t("rota.scheduleLink")}
          </AkselLink>
          {" – "}
          {t("rota.scheduleLinkHelp")}
        </BodyShort>
      </section>

      {page.canManage ? (
        <section aria-labelledby="schedule-series" className="schedule-no-print">
          <Heading level="2" size="medium" id="schedule-series" spacing>
            {t("schedule.series.heading")}
          </Heading>
          {series.length === 0 ? (
            <BodyShort spacing>{t("schedule.series.none")}</BodyShort>
          ) : (
            <ul>
              {series.map((s) => (
                <li key={s.id}>
                  <AkselLink as={Link} to={`${base}/series/${s.id}`}>
                    {s.title}
                  </AkselLink>{" "}
                  ({s.weekdays.map((d) => t(`schedule.weekdayShort.${d}`)).join(", ")} {s.startTime}–{s.endTime}, {t.date(s.firstDate)}–{t.date(s.lastDate)})
                </li>
              ))}
            </ul>
          )}
          <HStack gap="space-16" wrap>
            <LinkButton to={`${base}/series/new`} variant="secondary">
              {t("schedule.series.new")}
            </LinkButton>
            <LinkButton to={`${base}/sessions/new`} variant="secondary">
              {t("schedule.session.new")}
            </LinkButton>
            <LinkButton to={`/programs/${page.program.id}/venues`} variant="tertiary">
              {t("schedule.venues.link")}
            </LinkButton>
            <LinkButton to={`/programs/${page.program.id}/activity-kinds`} variant="tertiary">
              {t("schedule.kinds.link")}
            </LinkButton>
            <LinkButton to={`/programs/${page.program.id}/topics`} variant="tertiary">
              {t("schedule.topics.link")}
            </LinkButton>
          </HStack>
        </section>
      ) : null}

      <section aria-labelledby="schedule-feeds" className="schedule-no-print">
        <Heading level="2" size="medium" id="schedule-feeds" spacing>
          {t("schedule.feeds.heading")}
        </Heading>
        <BodyShort spacing>{t("schedule.feeds.intro")}</BodyShort>
        {actionData && "feedUrl" in actionData ? (
          <Alert variant="success" data-testid="feed-url">
            <VStack gap="space-8">
              <BodyShort>{t("schedule.feeds.made", { scope: t(`schedule.feeds.scope.${actionData.scope}`) })}</BodyShort>
              <BodyShort style={{ wordBreak: "break-all" }}>
                <code>{actionData.feedUrl}</code>
              </BodyShort>
              <CopyButton copyText={actionData.feedUrl} text={t("schedule.feeds.copy")} size="small" />
            </VStack>
          </Alert>
        ) : null}
        <ul>
          {(["mine", "ordinary", "pre_group"] as const).map((scope) => {
            const feed = feeds.find((f) => f.scope === scope);
            return (
              <li key={scope}>
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="scope" value={scope} />
                  <HStack gap="space-16" align="center" wrap>
                    <BodyShort>
                      {t(`schedule.feeds.scope.${scope}`)}:{" "}
                      {feed ? t("schedule.feeds.active", { date: t.dateTime(new Date(feed.createdAt)) }) : t("schedule.feeds.none")}
                    </BodyShort>
                    <Button type="submit" size="small" variant="secondary">
                      {feed ? t("schedule.feeds.renew", { scope: t(`schedule.feeds.scope.${scope}`) }) : t("schedule.feeds.make", { scope: t(`schedule.feeds.scope.${scope}`) })}
                    </Button>
                  </HStack>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>
    </VStack>
  );
}
