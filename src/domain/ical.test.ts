import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  escapeIcalText,
  foldIcalLine,
  icalendar,
  icalUtc,
  occurrenceIcalStatus,
  occurrenceUid,
  type IcalEvent,
} from "./ical.ts";
import { seriesOccurrences, type RecurringSeries } from "./schedule.ts";

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

const ordinary: RecurringSeries = {
  id: "ordinary",
  weekdays: [1, 2, 3],
  start: "09:00",
  end: "12:00",
  firstDate: "2027-03-22",
  lastDate: "2027-04-07",
  exceptions: [
    { originalDate: "2027-03-23", kind: "cancelled", note: "Personalen på utbildning" },
    { originalDate: "2027-03-31", kind: "changed", date: "2027-04-01", start: "10:00" },
  ],
};

function feedEvents(series: RecurringSeries): IcalEvent[] {
  return seriesOccurrences(series).flatMap((o) => {
    const status = occurrenceIcalStatus(o);
    return status === undefined
      ? []
      : [{ uid: occurrenceUid(o), startsAt: o.startsAt, endsAt: o.endsAt, summary: "Gruppträff, ordinarie gruppen", location: "Storgatan 1, Kalmar", status, ...(o.note ? { description: o.note } : {}) }];
  });
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
}

describe("escapeIcalText", () => {
  it("escapes backslash, semicolon, comma and newlines and drops other control characters", () => {
    expect(escapeIcalText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeIcalText("tab\tok\u0007bell")).toBe("tab\tokbell");
    expect(escapeIcalText("Kök: 2 st")).toBe("Kök: 2 st"); // a colon needs no escape in a value
  });
});

describe("foldIcalLine", () => {
  it("leaves a line of 75 octets alone and folds a longer one", () => {
    const line = `SUMMARY:${"x".repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldIcalLine(line)).toBe(line);
    const folded = foldIcalLine(`${line}y`);
    expect(folded).toBe(`${line}\r\n y`);
  });

  it("counts octets, not characters, and never splits a UTF-8 character", () => {
    const line = `DESCRIPTION:${"åäö".repeat(40)}`; // 12 + 240 octets
    const folded = foldIcalLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, part] of physical.entries()) {
      expect(octets(part), part).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
      expect(part).not.toContain("\uFFFD");
    }
    expect(unfold(folded)).toBe(line);
    // "DESCRIPTION:" + 31 two-octet letters is 74 octets; the 32nd (76) must go to the next line.
    expect(physical[0]).toBe(`DESCRIPTION:${"åäö".repeat(11).slice(0, 31)}`);
  });

  it("keeps a four-octet character (an emoji) whole", () => {
    const line = `SUMMARY:${"a".repeat(66)}🙂b`; // 74 octets, then 4 more
    expect(foldIcalLine(line)).toBe(`SUMMARY:${"a".repeat(66)}\r\n 🙂b`);
  });

  it("refuses a line break inside a content line", () => {
    expect(() => foldIcalLine("SUMMARY:a\nb")).toThrow(RangeError);
  });
});

describe("icalUtc and UIDs", () => {
  it("writes instants as UTC DATE-TIME", () => {
    expect(icalUtc("2027-01-11T08:00:00Z")).toBe("20270111T080000Z");
    expect(icalUtc("2027-01-11T09:00:00+01:00")).toBe("20270111T080000Z");
    expect(() => icalUtc("2027-01-11")).toThrow(RangeError);
  });

  it("names an occurrence by series and original date", () => {
    expect(occurrenceUid({ seriesId: "ordinary", originalDate: "2027-03-31" })).toBe("ordinary-20270331@spelplan");
  });

  it("maps statuses and leaves holiday-skipped occurrences out", () => {
    expect(occurrenceIcalStatus({ status: "scheduled" })).toBe("CONFIRMED");
    expect(occurrenceIcalStatus({ status: "changed" })).toBe("CONFIRMED");
    expect(occurrenceIcalStatus({ status: "cancelled" })).toBe("CANCELLED");
    expect(occurrenceIcalStatus({ status: "skipped" })).toBeUndefined();
  });
});

describe("icalendar", () => {
  const text = icalendar({ name: "KRUS – ordinarie gruppen", generatedAt: "2027-03-20T10:15:30Z", events: feedEvents(ordinary) });

  it("is CRLF-terminated lines of at most 75 octets", () => {
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(octets(line), line).toBeLessThanOrEqual(75);
  });

  it("has the calendar's header lines", () => {
    const lines = unfold(text).split("\r\n");
    expect(lines.slice(0, 11)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Spelplan//Spelplan schedule//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "NAME:KRUS – ordinarie gruppen",
      "X-WR-CALNAME:KRUS – ordinarie gruppen",
      "X-WR-TIMEZONE:Europe/Stockholm",
      "REFRESH-INTERVAL;VALUE=DURATION:PT60M",
      "X-PUBLISHED-TTL:PT60M",
      "BEGIN:VEVENT",
    ]);
  });

  it("writes one event line by line", () => {
    const lines = unfold(text).split("\r\n");
    const first = lines.indexOf("UID:ordinary-20270322@spelplan");
    expect(lines.slice(first - 1, first + 11)).toEqual([
      "BEGIN:VEVENT",
      "UID:ordinary-20270322@spelplan",
      "DTSTAMP:20270320T101530Z",
      "DTSTART:20270322T080000Z",
      "DTEND:20270322T110000Z",
      "SUMMARY:Gruppträff\\, ordinarie gruppen",
      "LOCATION:Storgatan 1\\, Kalmar",
      "STATUS:CONFIRMED",
      "SEQUENCE:0",
      "TRANSP:OPAQUE",
      "END:VEVENT",
      "BEGIN:VEVENT",
    ]);
  });

  it("parses back with ical.js: instants across the DST change, cancelled and moved occurrences, no skipped ones", () => {
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("KRUS – ordinarie gruppen");
    const parsed = events.map((v) => {
      const e = new ICAL.Event(v);
      return [e.uid, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString(), v.getFirstPropertyValue("status")];
    });
    expect(parsed).toEqual([
      ["ordinary-20270322@spelplan", "2027-03-22T08:00:00.000Z", "2027-03-22T11:00:00.000Z", "CONFIRMED"],
      ["ordinary-20270323@spelplan", "2027-03-23T08:00:00.000Z", "2027-03-23T11:00:00.000Z", "CANCELLED"],
      ["ordinary-20270324@spelplan", "2027-03-24T08:00:00.000Z", "2027-03-24T11:00:00.000Z", "CONFIRMED"],
      // 2027-03-29 is annandag påsk: skipped, not in the feed.
      ["ordinary-20270330@spelplan", "2027-03-30T07:00:00.000Z", "2027-03-30T10:00:00.000Z", "CONFIRMED"],
      ["ordinary-20270331@spelplan", "2027-04-01T08:00:00.000Z", "2027-04-01T10:00:00.000Z", "CONFIRMED"],
      ["ordinary-20270405@spelplan", "2027-04-05T07:00:00.000Z", "2027-04-05T10:00:00.000Z", "CONFIRMED"],
      ["ordinary-20270406@spelplan", "2027-04-06T07:00:00.000Z", "2027-04-06T10:00:00.000Z", "CONFIRMED"],
      ["ordinary-20270407@spelplan", "2027-04-07T07:00:00.000Z", "2027-04-07T10:00:00.000Z", "CONFIRMED"],
    ]);
    const cancelled = events.find((v) => v.getFirstPropertyValue("status") === "CANCELLED");
    expect(cancelled?.getFirstPropertyValue("description")).toBe("Personalen på utbildning");
    expect(cancelled?.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
  });

  it("round-trips awkward text and long Swedish descriptions through folding and escaping", () => {
    const description = "Vi går till Friskis & Svettis; ta med ombyte, vattenflaska och handduk.\nSamling vid entrén – kom i tid! \\ 🙂 ".repeat(3);
    const out = icalendar({
      name: "Deltagarens schema",
      description: "Schema, för Ella",
      generatedAt: "2027-01-01T00:00:00Z",
      refreshMinutes: 30,
      events: [
        {
          uid: "wellness-20270112@spelplan",
          startsAt: "2027-01-12T12:00:00Z",
          endsAt: "2027-01-12T14:00:00Z",
          summary: "Friskvård: promenad, gym",
          description,
          location: "Friskis & Svettis, Kalmar",
          status: "CONFIRMED",
          sequence: 2,
          lastModified: "2026-12-30T09:00:00Z",
          categories: ["wellness", "Friskvård, gym"],
          url: "https://spelplan.example/schedule/occurrences/wellness/2027-01-12",
        },
      ],
    });
    for (const line of out.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    const { calendar, events } = parse(out);
    expect(calendar.getFirstPropertyValue("description")).toBe("Schema, för Ella");
    // ical.js does not know X-WR-CALDESC's type and leaves it as written: escaped as TEXT.
    expect(calendar.getFirstPropertyValue("x-wr-caldesc")).toBe("Schema\\, för Ella");
    expect(calendar.getFirstPropertyValue("refresh-interval")?.toString()).toBe("PT30M");
    const [v] = events;
    expect(v?.getFirstPropertyValue("description")).toBe(description);
    expect(v?.getFirstPropertyValue("summary")).toBe("Friskvård: promenad, gym");
    expect(v?.getFirstPropertyValue("location")).toBe("Friskis & Svettis, Kalmar");
    expect(v?.getFirstPropertyValue("sequence")).toBe(2);
    expect(v?.getFirstProperty("categories")?.getValues()).toEqual(["wellness", "Friskvård, gym"]);
    expect(v?.getFirstPropertyValue("url")).toBe("https://spelplan.example/schedule/occurrences/wellness/2027-01-12");
  });

  it("keeps UIDs stable when an occurrence moves, and unique in a feed", () => {
    const moved = feedEvents({ ...ordinary, exceptions: [{ originalDate: "2027-03-22", kind: "changed", date: "2027-03-25" }] });
    const plain = feedEvents({ ...ordinary, exceptions: [] });
    expect(moved.map((e) => e.uid).sort()).toEqual(plain.map((e) => e.uid).sort());
    expect(moved.find((e) => e.uid === "ordinary-20270322@spelplan")?.startsAt).toBe("2027-03-25T08:00:00Z");
    expect(new Set(plain.map((e) => e.uid)).size).toBe(plain.length);
    const [first] = plain;
    expect(() => icalendar({ name: "x", generatedAt: "2027-01-01T00:00:00Z", events: [first as IcalEvent, first as IcalEvent] })).toThrow(/twice/);
  });

  it("refuses bad events", () => {
    const base: IcalEvent = { uid: "a@spelplan", startsAt: "2027-01-11T08:00:00Z", endsAt: "2027-01-11T11:00:00Z", summary: "x", status: "CONFIRMED" };
    const bad = (change: Partial<IcalEvent>) => () => icalendar({ name: "x", generatedAt: "2027-01-01T00:00:00Z", events: [{ ...base, ...change }] });
    expect(bad({ uid: "has space" })).toThrow(/uid/);
    expect(bad({ endsAt: "2027-01-11T07:00:00Z" })).toThrow(/ends before/);
    expect(bad({ sequence: -1 })).toThrow(/sequence/);
    expect(bad({ url: "javascript:alert(1)" })).toThrow(/url/);
    expect(bad({ startsAt: "tomorrow" })).toThrow(/instant/);
    expect(() => icalendar({ name: "x", generatedAt: "2027-01-01T00:00:00Z", refreshMinutes: 0, events: [] })).toThrow(/refresh/);
  });
});
