import { expect, type Locator, type Page, test } from "@playwright/test";
import { addDays, format, parseISO } from "date-fns";
import { sv } from "date-fns/locale";
import { DEMO_PASSWORD, expectAccessible, expectAccessibleWithoutJs, hydrated, signIn, uniqueName, USERS, visit } from "./support.ts";

// Study visits as the program's staff and a case officer use them. The tests share the demo database
// with every other spec: they use their own visitor names, never rely on a slot being empty, and put
// back what they change. In this file they run one after another, because the first one makes sure
// the program has its schedule (the demo data may or may not have it yet). Each test walks through
// several pages, every one checked with axe: they get more time than the default.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const SLOTS_TABLE = "Kommande studiebesök med lediga platser";
const MY_VISITS_TABLE = "Besökare som du har bokat";

/** "tisdag 8 december 2026", as the pages write a day. */
const day = (iso: string) => format(parseISO(iso), "EEEE d MMMM yyyy", { locale: sv });
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A link named "<action>: <whom>" (the part after the action is visually hidden, and the browser may put a space before the colon). */
const named = (action: string, whom: string) => new RegExp(`^${escape(action)}\\s*: ${escape(whom)}$`);

/** Officers and staff reach the page through /study-visits (one program: straight to it). */
async function openStudyVisits(page: Page) {
  await visit(page, "/study-visits");
  await expect(page.getByRole("heading", { level: 1, name: "Studiebesök" })).toBeVisible();
  await hydrated(page);
}

/** The dates (the slots' identities) the booking form lets you choose, in order. */
async function bookableDates(page: Page): Promise<string[]> {
  return page.getByLabel("Dag", { exact: true }).evaluate((el) =>
    [...(el as HTMLSelectElement).options].filter((o) => o.value && !o.disabled).map((o) => o.value),
  );
}

function slotRow(page: Page, date: string): Locator {
  return page.getByRole("table", { name: SLOTS_TABLE }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(capital(day(date))) }) });
}

async function book(page: Page, date: string, visitor: string, note = "") {
  await page.getByLabel("Dag", { exact: true }).selectOption(date);
  await page.getByLabel("Besökarens namn eller initialer").fill(visitor);
  if (note) await page.getByLabel("Anteckning (om du vill)").fill(note);
  await page.getByRole("button", { name: "Boka", exact: true }).click();
}

test("a coordinator sets the schedule, with the errors at their fields, and sees the coming slots", async ({ page }) => {
  await signIn(page, USERS.coordinator);
  await openStudyVisits(page);
  await page.getByRole("link", { name: /^(Ändra tiderna|Lägg in tider)$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tider för studiebesök" })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page);

  await page.getByLabel("Veckodag").selectOption({ label: "Tisdag" });
  await page.getByRole("radio", { name: "Jämna veckor" }).check();
  await page.getByLabel("Börjar").fill("25:00");
  await page.getByLabel("Slutar").fill("14:00");
  await page.getByLabel("Antal platser").fill("0");
  await page.getByLabel("Plats", { exact: true }).fill("KRUS, Södra Långgatan 22, Kalmar");
  await page.getByRole("button", { name: "Spara tiderna" }).click();
  await expect(page.getByLabel("Börjar")).toHaveAccessibleDescription(/Skriv tiden som TT:MM/);
  await expect(page.getByLabel("Antal platser")).toHaveAccessibleDescription(/Skriv ett antal mellan 1 och 100/);
  await expect(page.locator(".spelplan-error-summary")).toContainText("Skriv tiden som TT:MM");
  await expect(page.getByLabel("Börjar")).toHaveValue("25:00");
  await expectAccessible(page);

  await page.getByLabel("Börjar").fill("14:00");
  await page.getByLabel("Slutar").fill("13:00");
  await page.getByLabel("Antal platser").fill("6");
  await page.getByRole("button", { name: "Spara tiderna" }).click();
  await expect(page.getByLabel("Slutar")).toHaveAccessibleDescription(/Sluttiden måste vara efter starttiden/);
  await expect(page.getByLabel("Slutar")).toHaveValue("13:00");
  await expectAccessible(page);

  // The program's usual times (the same as the demo data's, so that other specs are not disturbed).
  await page.getByLabel("Börjar").fill("13:00");
  await page.getByLabel("Slutar").fill("14:00");
  await page.getByRole("button", { name: "Spara tiderna" }).click();
  await expect(page.getByText("Tiderna för studiebesök är sparade.")).toBeVisible();
  await expect(page.getByText("Studiebesöken är varannan tisdag, i jämna veckor, klockan 13:00–14:00.")).toBeVisible();
  await expect(page.getByText("Det finns plats för 6 besökare varje gång.")).toBeVisible();
  await expectAccessible(page);
  // Six slots in twelve weeks (seven when today is one of them), each on a Tuesday of an even week.
  const rows = page.getByRole("table", { name: SLOTS_TABLE }).getByRole("rowheader");
  const texts = await rows.allInnerTexts();
  expect(texts.length).toBeGreaterThanOrEqual(6);
  expect(texts.length).toBeLessThanOrEqual(7);
  for (const text of texts) {
    expect(text).toMatch(/^Tisdag .*\nVecka (\d+)$/);
    expect(Number(/Vecka (\d+)/.exec(text)![1]) % 2).toBe(0);
  }
});

test("a coordinator cancels a slot with a note, moves it, and restores it", async ({ page }) => {
  await signIn(page, USERS.coordinator);
  await openStudyVisits(page);
  // The last slot with room (the furthest ahead, the least likely to be in anyone else's way).
  const date = (await bookableDates(page)).at(-1)!;
  await slotRow(page, date).getByRole("link", { name: /^Hantera/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Studiebesök ${day(date)}` })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page);

  const note = `Stängt för utbildning ${uniqueName("")}`;
  const cancelForm = page.getByRole("form", { name: "Ställ in studiebesöket" });
  await cancelForm.getByLabel("Meddelande (om du vill)").fill(note);
  await cancelForm.getByRole("button", { name: "Ställ in" }).click();
  await expect(page.getByText("Studiebesöket är inställt.")).toBeVisible();
  await expect(page.getByText(`Meddelande: ${note}`)).toBeVisible();
  await expectAccessible(page);

  // The officers' view of it: marked cancelled with the note, and not bookable.
  await page.getByRole("main").getByRole("link", { name: "Studiebesök", exact: true }).click();
  await expect(slotRow(page, date)).toContainText("Inställt");
  await expect(slotRow(page, date)).toContainText(note);
  await expect(slotRow(page, date).getByRole("link", { name: /^Boka/ })).toHaveCount(0);
  await expect(page.locator(`select option[value="${date}"]`)).toBeDisabled();
  await expect(page.locator(`select option[value="${date}"]`)).toHaveText(/– inställt$/);
  await expectAccessible(page);

  await slotRow(page, date).getByRole("link", { name: /^Hantera/ }).click();
  await hydrated(page);
  await page.getByRole("form", { name: "Ångra ändringen" }).getByRole("button", { name: "Återställ" }).click();
  await expect(page.getByText("Studiebesöket är som vanligt igen.")).toBeVisible();
  await expectAccessible(page);

  // Moved to the next day, 15-16: first with the end before the start.
  const next = format(addDays(parseISO(date), 1), "yyyy-MM-dd");
  const moveForm = page.getByRole("form", { name: "Flytta studiebesöket" });
  await moveForm.getByLabel("Ny dag").fill(next);
  await moveForm.getByLabel("Börjar").fill("15:00");
  await moveForm.getByLabel("Slutar").fill("14:30");
  await moveForm.getByRole("button", { name: "Flytta" }).click();
  await expect(moveForm.getByLabel("Slutar")).toHaveAccessibleDescription(/Sluttiden måste vara efter starttiden/);
  await expect(moveForm.getByLabel("Ny dag")).toHaveValue(next);
  await expect(moveForm.getByLabel("Börjar")).toHaveValue("15:00");
  await expectAccessible(page);
  await moveForm.getByLabel("Slutar").fill("16:00");
  await moveForm.getByRole("button", { name: "Flytta" }).click();
  await expect(page.getByText("Studiebesöket är flyttat.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("main").getByRole("link", { name: "Studiebesök", exact: true }).click();
  const moved = slotRow(page, next);
  await expect(moved).toContainText("15:00–16:00");
  await expect(moved).toContainText("Flyttat");
  await expect(moved).toContainText(`Skulle ha varit ${day(date)}.`);
  await expect(page.locator(`select option[value="${date}"]`)).toHaveText(new RegExp(`^${capital(day(next))}, 15:00–16:00 \\(flyttat\\)`));
  await expectAccessible(page);

  await moved.getByRole("link", { name: /^Hantera/ }).click();
  await hydrated(page);
  await page.getByRole("form", { name: "Ångra ändringen" }).getByRole("button", { name: "Återställ" }).click();
  await expect(page.getByText("Studiebesöket är som vanligt igen.")).toBeVisible();
  await expectAccessible(page);
});

test("a case officer books a visitor, sees the visit among theirs, goes on to an interest request, and cancels", async ({ page }) => {
  await signIn(page, USERS.officerFk);
  await openStudyVisits(page);
  const date = (await bookableDates(page))[0]!;
  const visitor = `${uniqueName("Vera")} Besök`;
  await expect(page.getByLabel("Vem följer med")).toHaveValue("Anders Lund");
  await book(page, date, visitor, "Kommer med buss");
  await expect(page.getByText(new RegExp(`${visitor} är bokad på studiebesök ${day(date)} klockan 13:00–14:00`))).toBeVisible();
  await expectAccessible(page);

  const mine = page.getByRole("table", { name: MY_VISITS_TABLE }).getByRole("row").filter({ hasText: visitor });
  await expect(mine).toContainText(capital(day(date)));
  await expect(mine).toContainText("Anders Lund");
  await expect(mine).toContainText("Kommer med buss");
  await expect(mine).toContainText("Bokad");

  await mine.getByRole("link", { name: named("Gör en intresseförfrågan", visitor) }).click();
  await expect(page).toHaveURL(/\/requests\/new\?booking=/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Sök person" })).toHaveValue(visitor);
  await expect(page.getByText(new RegExp(`Från studiebesöket .*: ${visitor}\\.`))).toBeVisible();
  await expectAccessible(page);

  // Back on the study visits: the officer cancels the booking (after a question).
  await openStudyVisits(page);
  await page.getByRole("table", { name: MY_VISITS_TABLE }).getByRole("link", { name: named("Avboka", visitor) }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Vill du avboka?" })).toBeFocused();
  await expect(page.getByText(`Du avbokar ${visitor} från studiebesöket ${day(date)} klockan 13:00–14:00.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ja, avboka" }).click();
  await expect(page.getByText("Bokningen är avbokad.")).toBeVisible();
  await expect(page.getByRole("table", { name: MY_VISITS_TABLE }).getByRole("row").filter({ hasText: visitor })).toHaveCount(0);
  await expectAccessible(page);
});

test("a booking on a slot that filled up meanwhile is refused at the field, with what was typed kept", async ({ page, browser }) => {
  await signIn(page, USERS.officerFk);
  await openStudyVisits(page);
  const date = (await bookableDates(page)).at(-1)!;
  const visitor = `${uniqueName("Ruth")} Sen`;
  await page.getByLabel("Dag", { exact: true }).selectOption(date);
  await page.getByLabel("Besökarens namn eller initialer").fill(visitor);

  // Meanwhile the coordinator books the slot full.
  const context = await browser.newContext({ locale: "sv-SE" });
  const staff = await context.newPage();
  await signIn(staff, USERS.coordinator);
  await openStudyVisits(staff);
  const filler = uniqueName("Fyll");
  const names: string[] = [];
  while ((await bookableDates(staff)).includes(date)) {
    expect(names.length, "the slot should fill up within its capacity").toBeLessThan(100);
    const name = `${filler} ${names.length + 1}`;
    await book(staff, date, name);
    await expect(staff.getByText(`${name} är bokad på studiebesök`)).toBeVisible();
    names.push(name);
  }
  await expect(slotRow(staff, date)).toContainText("Fullbokat");
  await expectAccessible(staff);

  await page.getByRole("button", { name: "Boka", exact: true }).click();
  await expect(page.getByLabel("Dag", { exact: true })).toHaveAccessibleDescription(/Studiebesöket är fullbokat\. Välj en annan dag\./);
  await expect(page.locator(".spelplan-error-summary")).toContainText("Studiebesöket är fullbokat.");
  await expect(page.getByLabel("Besökarens namn eller initialer")).toHaveValue(visitor);
  await expect(page.locator(`select option[value="${date}"]`)).toHaveText(/– fullbokat$/);
  await expectAccessible(page);

  // The coordinator frees the slot again, from the slot's page.
  await slotRow(staff, date).getByRole("link", { name: /^Hantera/ }).click();
  await expectAccessible(staff);
  for (const name of names) {
    await staff.getByRole("link", { name: named("Avboka", name) }).click();
    await staff.getByRole("button", { name: "Ja, avboka" }).click();
    await expect(staff.getByText("Bokningen är avbokad.")).toBeVisible();
  }
  await expect(staff.getByRole("rowheader", { name: new RegExp(filler) })).toHaveCount(0);
  await expectAccessible(staff);
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the booking form works as a plain form, with the errors from the server at their fields", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.officerFk);
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();

    await page.goto("/study-visits");
    await expect(page.getByRole("heading", { level: 1, name: "Studiebesök" })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    const visitor = `${uniqueName("Utan")} Skript`;
    await page.getByLabel("Anteckning (om du vill)").fill("Behöver tolk");
    await page.getByRole("button", { name: "Boka", exact: true }).click();
    await expect(page.locator(".spelplan-error-summary")).toContainText("Välj vilken dag besöket ska vara.");
    await expect(page.locator(".spelplan-error-summary")).toContainText("Du måste fylla i det här fältet.");
    await expect(page.getByLabel("Dag", { exact: true })).toHaveAccessibleDescription(/Välj vilken dag besöket ska vara/);
    await expect(page.getByLabel("Besökarens namn eller initialer")).toHaveAccessibleDescription(/Du måste fylla i det här fältet/);
    await expect(page.getByLabel("Anteckning (om du vill)")).toHaveValue("Behöver tolk");
    await expectAccessibleWithoutJs(page);

    // "Boka" on a slot's row chooses it in the form.
    const date = (await bookableDates(page))[0]!;
    await slotRow(page, date).getByRole("link", { name: /^Boka/ }).click();
    await expect(page.getByLabel("Dag", { exact: true })).toHaveValue(date);
    await page.getByLabel("Besökarens namn eller initialer").fill(visitor);
    await page.getByRole("button", { name: "Boka", exact: true }).click();
    await expect(page.getByText(`${visitor} är bokad på studiebesök ${day(date)} klockan 13:00–14:00.`)).toBeVisible();
    const mine = page.getByRole("table", { name: MY_VISITS_TABLE }).getByRole("row").filter({ hasText: visitor });
    await expect(mine).toContainText("Anders Lund");
    await expect(mine.getByRole("link", { name: named("Gör en intresseförfrågan", visitor) })).toHaveAttribute("href", /^\/requests\/new\?booking=[0-9a-f-]{36}$/);
    await expectAccessibleWithoutJs(page);

    await mine.getByRole("link", { name: named("Avboka", visitor) }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Vill du avboka?" })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByRole("button", { name: "Ja, avboka" }).click();
    await expect(page.getByText("Bokningen är avbokad.")).toBeVisible();
    await expect(page.getByRole("table", { name: MY_VISITS_TABLE }).getByRole("row").filter({ hasText: visitor })).toHaveCount(0);
    await expectAccessibleWithoutJs(page);
  });
});
