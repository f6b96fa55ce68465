import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signedIn, uniqueName, USERS, visit } from "./support.ts";

// The schedule as a coordinator builds a term and a volunteer reads it: a venue with KRUT's checklist, the
// ordinary group's Monday to Wednesday series over the spring term of 2027 (Epiphany, Wednesday 6 January,
// is skipped), one occurrence cancelled, a session with its venue's accessibility, the week and month views;
// the series form without JavaScript; a topic of the program's own on a one-off session. Names are unique to
// this run; lists may hold other runs' entries.

test.describe.configure({ mode: "serial", timeout: 180_000 });

const VENUE = uniqueName("Lokal ");
const SERIES = uniqueName("Gruppen ");
const FIRST = "2027-01-04";

async function scheduleOfKrus(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Schema", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schema för KRUS" })).toBeVisible();
  await expectAccessible(page);
  return new URL(page.url()).pathname;
}

test("a coordinator creates the term's series, sees it in the week with the holiday skipped, cancels one occurrence and opens a session", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator);
  const schedulePath = await scheduleOfKrus(page);
  const programPath = schedulePath.replace(/\/schedule$/, "");

  // A venue with two points of the checklist filled in.
  await page.getByRole("link", { name: "Lokaler" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ny lokal" }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(VENUE);
  await page.getByLabel("Adress").fill("Storgatan 1, Kalmar");
  await page.getByRole("radiogroup", { name: "Tillgång till byggnaden" }).getByLabel("Ja").check();
  await page.getByLabel("Anteckning om Tillgång till byggnaden").fill("Ramp vid entrén");
  await page.getByRole("radiogroup", { name: "Akustik" }).getByLabel("Delvis").check();
  await page.getByRole("button", { name: "Lägg till lokalen" }).click();
  await expect(page.getByText("Lokalen är tillagd.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: VENUE })).toBeVisible();
  await expectAccessible(page);

  // The series: Monday to Wednesday 09:00-12:00 for the ordinary group, in the new venue.
  await visit(page, schedulePath);
  await page.getByRole("link", { name: "Ny återkommande aktivitet" }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(SERIES);
  await page.getByLabel("Tema (7TJUGO)").selectOption({ label: "Spelplan" });
  await page.getByLabel("Lokal", { exact: true }).selectOption({ label: VENUE });
  await page.getByRole("group", { name: "Vilka grupper" }).getByLabel("Ordinarie gruppen").check();
  await page.getByLabel("Första dagen").fill(FIRST);
  await page.getByLabel("Sista dagen").fill("2027-06-09");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(page.getByText("Den återkommande aktiviteten är tillagd.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
  await expectAccessible(page);
  const seriesPath = new URL(page.url()).pathname;

  // The week of Epiphany: Monday and Tuesday held, Wednesday skipped for the holiday, shown by name.
  await visit(page, `${schedulePath}?week=${FIRST}`);
  const ours = (date: string) => page.locator(`[data-testid="schedule-day"][data-date="${date}"] [data-testid="schedule-item"]`).filter({ hasText: SERIES });
  await expect(ours("2027-01-04")).toHaveAttribute("data-status", "scheduled");
  await expect(ours("2027-01-05")).toHaveAttribute("data-status", "scheduled");
  await expect(ours("2027-01-06")).toHaveAttribute("data-status", "skipped");
  await expect(ours("2027-01-06")).toContainText("Ingen aktivitet (helgdag)");
  await expect(page.locator('[data-testid="schedule-day"][data-date="2027-01-06"] [data-testid="holiday"]')).toHaveText("Trettondedag jul");
  await expect(ours("2027-01-07")).toHaveCount(0);

  // Tuesday is cancelled for a study visit.
  await visit(page, seriesPath);
  await page.getByLabel("Tillfälle", { exact: true }).selectOption({ label: "Tisdag 5 januari 2027 09:00–12:00" });
  await page.getByLabel("Anteckning", { exact: true }).fill("Studiebesök hela dagen");
  await page.getByRole("button", { name: "Spara tillfället" }).click();
  await expect(page.getByText("Tillfället är ändrat.")).toBeVisible();
  await expect(page.getByTestId("exception")).toContainText("Studiebesök hela dagen");
  await expectAccessible(page);
  await visit(page, `${schedulePath}?week=${FIRST}`);
  await expect(ours("2027-01-05")).toHaveAttribute("data-status", "cancelled");
  await expect(ours("2027-01-05")).toContainText("Inställd");
  await expect(ours("2027-01-05")).toContainText("Studiebesök hela dagen");

  // The month view shows the same.
  await page.getByRole("link", { name: "Visa månad" }).click();
  await expect(page.getByRole("table", { name: "januari 2027" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.locator('[data-testid="month-day"][data-date="2027-01-06"]')).toContainText("Trettondedag jul");

  // Monday's session, with the venue's accessibility checklist.
  await visit(page, `${schedulePath}?week=${FIRST}`);
  await ours("2027-01-04").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `Tillgänglighet i ${VENUE}` })).toBeVisible();
  await expect(page.locator('[data-testid="checklist-item"][data-item="building"]')).toContainText("Ja");
  await expect(page.locator('[data-testid="checklist-item"][data-item="building"]')).toContainText("Ramp vid entrén");
  await expect(page.locator('[data-testid="checklist-item"][data-item="acoustics"]')).toContainText("Delvis");
  await expect(page.locator('[data-testid="checklist-item"][data-item="lighting"]')).toContainText("Vet inte");
  await expect(page.getByRole("heading", { level: 2, name: "Väntas komma" })).toBeVisible();
  await expectAccessible(page);
  expect(programPath).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
});

test("a volunteer sees the schedule and the session, but not who is expected at a session they do not lead", async ({ browser }) => {
  const page = await signedIn(browser, USERS.volunteer);
  const schedulePath = await scheduleOfKrus(page);
  await expect(page.getByRole("link", { name: "Ny återkommande aktivitet" })).toHaveCount(0);
  await visit(page, `${schedulePath}?week=${FIRST}`);
  const monday = page.locator(`[data-testid="schedule-day"][data-date="2027-01-04"] [data-testid="schedule-item"]`).filter({ hasText: SERIES });
  await expect(monday).toBeVisible();
  await monday.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `Tillgänglighet i ${VENUE}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Väntas komma" })).toHaveCount(0);
  await expectAccessible(page);
});

test("without JavaScript the series form refuses an end before the start at the field, keeps what was typed, then saves", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator, false);
  await page.goto("/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Schema för KRUS" })).toBeVisible();
  const schedulePath = new URL(page.url()).pathname;
  await page.goto(`${schedulePath}/series/new`);
  await expectAccessibleWithoutJs(page);
  const title = uniqueName("Friskvård ");
  await page.getByLabel("Sorts aktivitet").selectOption({ label: "Friskvård" });
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(title);
  await page.getByRole("group", { name: "Veckodagar" }).getByLabel("Måndag").uncheck();
  await page.getByRole("group", { name: "Veckodagar" }).getByLabel("Onsdag").uncheck();
  await page.getByRole("group", { name: "Veckodagar" }).getByLabel("Torsdag").check();
  await page.getByLabel("Börjar").fill("13:00");
  await page.getByLabel("Slutar").fill("12:00");
  await page.getByRole("group", { name: "Vilka grupper" }).getByLabel("Ordinarie gruppen").check();
  await page.getByLabel("Första dagen").fill(FIRST);
  await page.getByLabel("Sista dagen").fill("2027-06-10");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(page.getByText("Du behöver rätta det här innan du kan gå vidare:")).toBeVisible();
  await expect(page.getByText("Sluttiden måste vara efter starttiden.").first()).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Namn", exact: true })).toHaveValue(title);
  await expect(page.getByRole("group", { name: "Veckodagar" }).getByLabel("Torsdag")).toBeChecked();
  await expect(page.getByRole("group", { name: "Veckodagar" }).getByLabel("Måndag")).not.toBeChecked();
  await expect(page.getByLabel("Sorts aktivitet")).toHaveValue("wellness");
  await expectAccessibleWithoutJs(page);
  await page.getByLabel("Slutar").fill("14:30");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(page.getByText("Den återkommande aktiviteten är tillagd.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.goto(`${schedulePath}?week=${FIRST}`);
  const thursday = page.locator(`[data-testid="schedule-day"][data-date="2027-01-07"] [data-testid="schedule-item"]`).filter({ hasText: title });
  await expect(thursday).toContainText("13:00–14:30");
  await expectAccessibleWithoutJs(page);
});

test("a coordinator adds a topic of the program's own, uses it on a one-off session, and archives it", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator);
  const schedulePath = await scheduleOfKrus(page);
  const topic = uniqueName("Ekonomi ");
  const title = uniqueName("Budgetkväll ");

  await page.getByRole("link", { name: "Teman", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teman för KRUS" })).toBeVisible();
  await expect(page.getByTestId("vocabulary")).toContainText("Spelplan (7TJUGO)");
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Namn", { exact: true }).fill(topic);
  await page.getByRole("button", { name: "Lägg till temat" }).click();
  await expect(page.getByText("Temat är tillagt.")).toBeVisible();
  await expect(page.getByTestId("vocabulary")).toContainText(topic);
  await expectAccessible(page);

  await visit(page, schedulePath);
  await page.getByRole("link", { name: "Ny enstaka aktivitet" }).click();
  await hydrated(page);
  await page.getByLabel("Datum", { exact: true }).fill("2027-02-10");
  await page.getByLabel("Sorts aktivitet").selectOption({ label: "Föreläsning" });
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(title);
  await page.getByLabel("Tema (7TJUGO)").selectOption({ label: topic });
  await page.getByRole("group", { name: "Vilka grupper" }).getByLabel("Ordinarie gruppen").check();
  await page.getByRole("button", { name: "Lägg till aktiviteten" }).click();
  await expect(page.getByText("Aktiviteten är tillagd.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: topic })).toBeVisible();
  await expectAccessible(page);
  const sessionPath = new URL(page.url()).pathname;
  await visit(page, `${schedulePath}?week=2027-02-10`);
  await expect(page.locator('[data-testid="schedule-item"]').filter({ hasText: title })).toContainText(topic);

  // Archived: no longer offered, still shown where it was chosen.
  await visit(page, `${schedulePath.replace(/\/schedule$/, "")}/topics`);
  await hydrated(page);
  await page.getByRole("button", { name: `Arkivera ${topic}` }).click();
  await expect(page.getByText("Temat är arkiverat.")).toBeVisible();
  await expect(page.getByTestId("vocabulary")).toContainText(`${topic} (arkiverat)`);
  await visit(page, sessionPath);
  await expect(page.locator("dd").filter({ hasText: topic })).toBeVisible();
  await expect(page.getByLabel("Tema (7TJUGO)")).toHaveValue(/.+/);
  await visit(page, `${schedulePath}/sessions/new`);
  await expect(page.getByLabel("Tema (7TJUGO)").locator("option", { hasText: topic })).toHaveCount(0);

  // The activity kinds' page is built the same way.
  await visit(page, `${schedulePath.replace(/\/schedule$/, "")}/activity-kinds`);
  await expect(page.getByRole("heading", { level: 1, name: "Aktivitetstyper för KRUS" })).toBeVisible();
  await expect(page.getByTestId("vocabulary")).toContainText("Föreläsning (Spelplans)");
  await expect(page.getByRole("button", { name: "Lägg till", exact: true })).toBeVisible();
});
