import { BodyShort, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { monthView, weekViews } from "../../../domain/schedule.ts";
import type { ScheduleItem, SchedulePage } from "../../../services/schedule.ts";
import type { Translator } from "../../../i18n/index.ts";
import { useT } from "../../lib/i18n.ts";
import { type PersonLabelLike, personText } from "../../lib/person-label.ts";
import "./schedule.css";

type Names = Pick<SchedulePage, "venues" | "rooms" | "kindLabels" | "topicLabels" | "leaders">;

/** A kind's label: a program's own carry theirs, Spelplan's are translated. */
export function kindLabel(t: Translator, key: string, kindLabels: Record<string, string>): string {
  return kindLabels[key] ?? t(`activityKind.${key}`);
}

/** A topic's label: a program's own carry theirs (archived ones too), the 7TJUGO ones are translated. */
export function topicLabel(t: Translator, key: string, topicLabels: Record<string, string>): string {
  return topicLabels[key] ?? t(`topic.${key}`);
}

export function placeText(item: Pick<ScheduleItem, "venueId" | "roomId">, names: Pick<Names, "venues" | "rooms">): string | null {
  const venue = item.venueId ? names.venues[item.venueId] : undefined;
  if (!venue) return null;
  const room = item.roomId ? names.rooms[item.roomId] : undefined;
  return room ? `${venue.name}, ${room}` : venue.name;
}

export const sessionLink = (item: Pick<ScheduleItem, "ref">) => `/schedule/sessions/${encodeURIComponent(item.ref)}`;

/** An occurrence's page by its series and date (the services' occurrenceRef, without importing them into the browser). */
export const occurrenceLink = (seriesId: string, originalDate: string) => sessionLink({ ref: `${seriesId}.${originalDate}` });

function StatusTag({ item }: { item: ScheduleItem }) {
  const t = useT();
  if (item.status === "scheduled") return null;
  return (
    <Tag size="xsmall" variant={item.status === "changed" ? "info" : item.status === "cancelled" ? "warning" : "neutral"}>
      {t(`schedule.status.${item.status}`)}
    </Tag>
  );
}

function ItemLine({ item, names, compact }: { item: ScheduleItem; names: Names; compact?: boolean }) {
  const t = useT();
  const place = placeText(item, names);
  const title = `${item.start}–${item.end} ${item.title}`;
  return (
    <li className={`schedule-item schedule-item--${item.status}`} data-testid="schedule-item" data-status={item.status} data-date={item.date}>
      <HStack gap="space-8" align="center" wrap>
        {item.status === "skipped" ? (
          <span className="schedule-item__title">{title}</span>
        ) : (
          <AkselLink as={Link} to={sessionLink(item)} className="schedule-item__title">
            {title}
          </AkselLink>
        )}
        <StatusTag item={item} />
      </HStack>
      {compact ? null : (
        <BodyShort size="small">
          {[kindLabel(t, item.kind, names.kindLabels), item.topic ? topicLabel(t, item.topic, names.topicLabels) : null, place, ...item.groupKinds.map((g) => t(`schedule.group.${g}`))]
            .filter(Boolean)
            .join(" · ")}
          {item.note ? ` · ${item.note}` : ""}
        </BodyShort>
      )}
    </li>
  );
}

/** The days of a period, Monday to Sunday, each with its holidays (by name) and sessions; who has breakfast when given. */
export function WeekList({ page, breakfast }: { page: SchedulePage; breakfast?: Record<string, PersonLabelLike[]> | null }) {
  const t = useT();
  const [week] = weekViews(page.items, page.from, page.to);
  if (!week) return null;
  return (
    <ol className="schedule-week" aria-label={t("schedule.week.label", { week: week.week, year: week.year })}>
      {week.days.map((day) => (
        <li key={day.date} className="schedule-day" data-testid="schedule-day" data-date={day.date}>
          <Heading level="3" size="xsmall">
            {t(`schedule.weekday.${day.weekday}`)} {t.date(day.date, "long")}
            {day.date === page.today ? ` (${t("schedule.today")})` : ""}
          </Heading>
          {day.holidays.length ? (
            <HStack gap="space-8">
              {day.holidays.map((h) => (
                <Tag key={h.key} size="xsmall" variant="alt1" data-testid="holiday">
                  {h.name}
                </Tag>
              ))}
            </HStack>
          ) : null}
          {breakfast?.[day.date]?.length ? (
            <BodyShort size="small" data-testid="breakfast-duty">
              {t("rota.week.onDuty", { names: breakfast[day.date]!.map((p) => personText(t, p)).join(", ") })}
            </BodyShort>
          ) : null}
          {day.items.length ? (
            <ul className="schedule-items">
              {day.items.map((item) => (
                <ItemLine key={item.ref} item={item} names={page} />
              ))}
            </ul>
          ) : (
            <BodyShort size="small">{t("schedule.week.nothing")}</BodyShort>
          )}
        </li>
      ))}
    </ol>
  );
}

/** A month as a table of weeks (rows) and weekdays (columns). */
export function MonthTable({ page, year, month }: { page: SchedulePage; year: number; month: number }) {
  const t = useT();
  const view = monthView(page.items, year, month);
  return (
    <table className="schedule-month">
      <caption className="visually-hidden">{t("schedule.month.caption", { month: t(`schedule.month.${month}`), year })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("schedule.month.week")}</th>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <th key={d} scope="col">
              {t(`schedule.weekday.${d}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.weeks.map((w) => (
          <tr key={`${w.year}-${w.week}`}>
            <th scope="row">{w.week}</th>
            {w.days.map((day) => (
              <td key={day.date} className={day.inMonth ? undefined : "schedule-month__out"} data-testid="month-day" data-date={day.date}>
                <VStack gap="space-4">
                  <span>{Number(day.date.slice(8, 10))}</span>
                  {day.holidays.map((h) => (
                    <Tag key={h.key} size="xsmall" variant="alt1">
                      {h.name}
                    </Tag>
                  ))}
                  {day.inMonth && day.items.length ? (
                    <ul>
                      {day.items.map((item) => (
                        <ItemLine key={item.ref} item={item} names={page} compact />
                      ))}
                    </ul>
                  ) : null}
                </VStack>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
