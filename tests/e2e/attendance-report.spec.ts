import { readFile } from "node:fs/promises";
import { type Download, expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, pdfText, signedIn, uniqueName, USERS, visit } from "./support.ts";

// The monthly attendance report as a coordinator meets it: a participant of their caseload, last month's
// report with a session of the ordinary group added for it (a register nobody has taken),
// the scheduled hours per day, the sign-off refused with how many sessions are unrecorded, and the report
// as CSV and PDF; the refusal without JavaScript too. Read-only for the demo's people: only the schedule
// gains a session with a name of its own.

test.describe.configure({ mode: "serial", timeout: 180_000 });

// Other specs change these participants.
const RESERVED = ["Saga", "Hugo", "Noah", "Wilma", "Viktor", "Linnea", "Maja"];
const TITLE = uniqueName("Närvarotest ");

let reportPath = "";
let month = "";
let day = "";
let participant = "";

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

const monthNames = ["Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September", "Oktober", "November", "December"];
const monthTitle = (m: string) => `${monthNames[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

/** This month in Sweden, "YYYY-MM". */
function thisMonth(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit" }).format(new Date()).slice(0, 7);
}

/** The last day of a month "YYYY-MM". */
function lastDay(m: string): string {
  const days = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
  return `${m}-${String(days).padStart(2, "0")}`;
}

/** A participant of the coordinator's caseload (not one other specs change) enrolled before this month. */
async function pickParticipant(page: Page): Promise<void> {
  await visit(page, "/caseload");
  const links = page.locator('a[href^="/enrolments/"]');
  const candidates: { name: string; href: string }[] = [];
  for (const link of await links.all()) {
    const name = ((await link.textContent()) ?? "").trim();
    const href = (await link.getAttribute("href")) ?? "";
    if (!/^\/enrolments\/[0-9a-f-]{36}$/.test(href) || name.startsWith("Skyddad identitet")) continue;
    if (RESERVED.some((r) => name.startsWith(`${r} `))) continue;
    candidates.push({ name, href });
  }
  // Ella is the demo's own participant login: only if nobody else fits.
  candidates.sort((a, b) => Number(a.name.startsWith("Ella ")) - Number(b.name.startsWith("Ella ")));
  for (const c of candidates) {
    await page.goto(`${c.href}/attendance/report/${thisMonth()}`);
    const options = await page.getByLabel("Månad", { exact: true }).locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const past = options.filter((o) => o < thisMonth());
    if (past.length > 0) {
      participant = c.name;
      month = past[0]!;
      day = lastDay(month);
      reportPath = `${c.href}/attendance/report/${month}`;
      return;
    }
  }
  throw new Error("no participant of the caseload was enrolled before this month");
}

test("a coordinator opens last month's report, sees the scheduled hours, is refused the sign-off while sessions are unrecorded, and downloads CSV and PDF", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator2);
  await pickParticipant(page);

  // A session of the ordinary group on the last day of that month, 13:10-15:40.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Schema", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schema för KRUS" })).toBeVisible();
  await page.getByRole("link", { name: "Ny enstaka aktivitet" }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Datum", { exact: true }).fill(day);
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(TITLE);
  await page.getByLabel("Börjar").fill("13:10");
  await page.getByLabel("Slutar").fill("15:40");
  await page.getByRole("group", { name: "Vilka grupper" }).getByLabel("Ordinarie gruppen").check();
  await page.getByRole("button", { name: "Lägg till aktiviteten" }).click();
  await expect(page.getByText("Aktiviteten är tillagd.")).toBeVisible();

  // The report: the month picker goes to the month, the day shows the session's scheduled time, unrecorded.
  await visit(page, reportPath.replace(/\d{4}-\d{2}$/, thisMonth()));
  await page.getByLabel("Månad", { exact: true }).selectOption(month);
  await page.getByRole("button", { name: "Visa månaden" }).click();
  await expect(page).toHaveURL(new RegExp(`${reportPath}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Närvarorapport ${monthTitle(month)}: ${participant}` })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const row = page.locator(`[data-testid="attendance-report-day"][data-date="${day}"]`);
  await expect(row).toContainText(`13:10–15:40 ${TITLE}: Inte registrerat`);
  const cells = row.getByRole("cell");
  if ((await row.locator("li").count()) === 1) {
    // Only our session that day: 2 h 30 min scheduled, nothing attended, all of it unrecorded.
    await expect(cells.nth(1)).toHaveText("2 h 30 min");
    await expect(cells.nth(2)).toHaveText("0 min");
    await expect(cells.nth(5)).toHaveText("2 h 30 min");
  }
  await expect(page.getByTestId("attendance-report-facts")).toContainText("Betalande myndighet");
  await expect(page.getByTestId("attendance-report-signoff")).toHaveText("Rapporten är inte underskriven.");
  await expect(page.getByTestId("attendance-report-unrecorded")).toContainText(/\d+ pass är inte registrera(t|de) än/);

  // Signing off: first without ticking the box, then refused because sessions are unrecorded.
  const signoff = page.getByRole("region", { name: "Underskrift" });
  await signoff.getByRole("button", { name: "Skriv under rapporten" }).click();
  await expect(page.getByRole("link", { name: "Kryssa i att du har kontrollerat närvaron." })).toBeVisible();
  await signoff.getByLabel("Jag har kontrollerat närvaron i rapporten").check();
  await signoff.getByRole("button", { name: "Skriv under rapporten" }).click();
  await expect(page.getByRole("link", { name: "Du kan inte skriva under än: närvaron är inte registrerad för alla pass i månaden." })).toBeVisible();
  const unrecorded = page.getByTestId("attendance-report-unrecorded");
  await expect(unrecorded).toContainText("Registrera närvaron för alla pass innan du skriver under.");
  const count = Number(/(\d+) pass/.exec((await unrecorded.textContent()) ?? "")?.[1]);
  expect(count).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("attendance-report-signoff")).toHaveText("Rapporten är inte underskriven.");
  await expectAccessible(page);

  // The CSV for Excel: the participant, a row for the day, the totals and "not signed".
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som CSV (för Excel)" }).click();
  const csv = await bytesOf(await csvDownload);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString("utf8").split("\r\n");
  expect(lines[0]).toBe("Program;KRUS");
  expect(lines).toContain(`Deltagare;${participant}`);
  expect(lines).toContain(`Månad;${month}`);
  const dayLine = lines.find((l) => l.startsWith(`${day};`));
  expect(dayLine, "a row for the day").toBeTruthy();
  expect(dayLine!.split(";")).toHaveLength(7);
  expect(lines.some((l) => l.startsWith("Hela månaden;;"))).toBe(true);
  expect(lines).toContain("Underskrift;Inte underskriven");

  // The PDF: the month, the participant, the day and "not signed".
  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som PDF" }).click();
  const pdf = await bytesOf(await pdfDownload);
  expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
  const text = (await pdfText(pdf)).replace(/\u00a0/g, " ");
  expect(text).toContain(`Närvarorapport ${monthTitle(month)}`);
  expect(text).toContain(participant);
  expect(text).toContain(day);
  expect(text).toContain("Inte underskriven.");
  await page.context().close();
});

test("without JavaScript the month picker and the refused sign-off work, with the message at the form", async ({ browser }) => {
  test.skip(reportPath === "", "needs the report of the first test");
  const page = await signedIn(browser, USERS.coordinator2, false);
  await page.goto(reportPath.replace(/\d{4}-\d{2}$/, thisMonth()));
  await expectAccessibleWithoutJs(page);
  await page.getByLabel("Månad", { exact: true }).selectOption(month);
  await page.getByRole("button", { name: "Visa månaden" }).click();
  await expect(page).toHaveURL(new RegExp(`${reportPath}$`));
  await page.getByLabel("Jag har kontrollerat närvaron i rapporten").check();
  await page.getByRole("button", { name: "Skriv under rapporten" }).click();
  await expect(page.getByRole("link", { name: "Du kan inte skriva under än: närvaron är inte registrerad för alla pass i månaden." })).toBeVisible();
  await expect(page.getByTestId("attendance-report-unrecorded")).toContainText("pass");
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});
