import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, expectAccessibleWithoutJs, hydrated, pdfText, signedIn, signIn, uniqueName, USERS, visit } from "./support.ts";

// Attendance as a coordinator meets it in the group room: she adds next term's group to the schedule, takes
// the registers of the last two group mornings on a tablet (the demo leaves them untaken), Amira Hassan away
// without a word both times; after the second the absence follow-up appears on her caseload, explained in
// plain words; she records the call and prints Amira's monthly attendance report. Then the register without
// JavaScript, and what a volunteer may do.

test.describe.configure({ mode: "serial", timeout: 180_000 });

const LEILA = "leila.haddad@kalmar.example";
const AMIRA = "Amira Hassan";
const TABLET = { width: 820, height: 1180 };

async function tablet(browser: Parameters<Parameters<typeof test>[2]>[0]["browser"], email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", viewport: TABLET, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

async function krusPath(page: Page): Promise<string> {
  await visit(page, "/schedule");
  const heading = page.getByRole("heading", { level: 1, name: "Schema för KRUS" });
  if (!(await heading.isVisible())) await page.getByRole("link", { name: "KRUS", exact: true }).click();
  await expect(heading).toBeVisible();
  return new URL(page.url()).pathname.replace(/\/schedule$/, "");
}

/** A Monday about two months ahead (the next term), YYYY-MM-DD. */
function nextTermMonday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 70);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test("a coordinator adds next term's group, takes two registers on a tablet, follows up Amira's absence and prints her monthly report", async ({ browser }) => {
  const page = await tablet(browser, LEILA);
  const program = await krusPath(page);

  // Next term's mornings, Monday to Wednesday.
  const term = uniqueName("Gruppen vt ");
  const first = nextTermMonday();
  await page.getByRole("link", { name: "Ny återkommande aktivitet" }).click();
  await hydrated(page);
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(term);
  await page.getByLabel("Tema (7TJUGO)").selectOption({ label: "Spelplan" });
  await page.getByRole("group", { name: "Vilka grupper" }).getByLabel("Ordinarie gruppen").check();
  await page.getByLabel("Första dagen").fill(first);
  await page.getByLabel("Sista dagen").fill(new Date(Date.parse(first) + 120 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(page.getByText("Den återkommande aktiviteten är tillagd.")).toBeVisible();
  await expectAccessible(page);

  // The registers still to take, oldest first: the demo's last two group mornings (and today's, once held).
  await visit(page, `${program}/attendance`);
  await expect(page.getByRole("heading", { level: 1, name: "Närvaro i KRUS" })).toBeVisible();
  const untaken = page.getByTestId("unrecorded").getByRole("link", { name: /^Gruppen, .* 09:00$/ });
  const registers = (await untaken.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!))).slice(0, 2);
  expect(registers).toHaveLength(2);

  for (const [i, register] of registers.entries()) {
    await visit(page, register);
    await expect(page.getByRole("heading", { level: 1, name: "Närvaro: Gruppen" })).toBeVisible();
    await hydrated(page);
    const amira = page.getByRole("group", { name: new RegExp(`^${AMIRA}`) });
    await amira.getByLabel("Frånvarande utan anmälan").check();
    // Minutes late show only for "late".
    await expect(amira.getByLabel(`Minuter sen, ${AMIRA}`)).toBeHidden();
    await page.getByRole("button", { name: "Alla närvarande" }).tap();
    const saved = page.getByRole("status").filter({ hasText: "Närvaron är sparad" });
    await expect(saved).toBeVisible();
    if (i === 0) await expect(saved).not.toContainText("Frånvaroregeln");
    else await expect(saved).toContainText("Frånvaroregeln slog till: 1 uppföljning(ar) finns nu hos samordnaren.");
    await expect(amira.getByLabel("Frånvarande utan anmälan")).toBeChecked();
    await expect(page.getByRole("group", { name: /^Oscar Lindgren/ }).getByLabel("Närvarande", { exact: true })).toBeChecked();
    await expectAccessible(page);
  }

  // On her caseload, with what to do.
  await visit(page, "/caseload");
  const row = page.getByRole("row").filter({ hasText: AMIRA });
  await expect(row).toContainText("Frånvarande utan att höra av sig flera gånger i rad: ring och fråga hur det är");
  await row.getByRole("link", { name: AMIRA }).click();
  await page.getByRole("link", { name: "Närvaro", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Närvaro: ${AMIRA}` })).toBeVisible();
  const attendancePage = new URL(page.url()).pathname;
  await hydrated(page);
  await expectAccessible(page);
  const followUp = page.getByTestId("absence-follow-up").first();
  await expect(followUp).toContainText(`${AMIRA} har varit frånvarande utan att höra av sig 2 gånger i rad`);
  await expect(followUp).toContainText("Programmets regel: efter 2 frånvaron utan anmälan i rad ringer samordnaren och frågar hur det är.");

  // The call: reached.
  await followUp.getByRole("radiogroup", { name: "Hur gick det?" }).getByLabel("Nådd", { exact: true }).check();
  await followUp.getByLabel("Kort anteckning").fill("Har varit förkyld, kommer på måndag.");
  await followUp.getByRole("button", { name: "Spara utfallet" }).click();
  await expect(page.getByText("Utfallet är sparat.")).toBeVisible();
  await expect(page.getByTestId("follow-up-outcome").first()).toContainText("Nådd");
  await expectAccessible(page);
  await visit(page, "/caseload");
  await expect(page.getByRole("row").filter({ hasText: AMIRA })).not.toContainText("Frånvarande utan att höra av sig");

  // The monthly report for the authority that pays her benefit, printed as PDF.
  await visit(page, attendancePage);
  await page.getByRole("link", { name: "Månadsrapport om närvaro" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Närvarorapport .*: ${AMIRA}$`) })).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ner som PDF" }).click()]);
  const text = await pdfText(await readFile((await download.path())!));
  expect(text).toContain(AMIRA);
  expect(text).toContain("KRUS");
  await page.context().close();
});

test("without JavaScript the register refuses minutes late that are not a number, keeps what was chosen, then saves", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator, false);
  await page.goto("/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Schema för KRUS" })).toBeVisible();
  // Last week's wellness on Thursday (its register was taken).
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`${new URL(page.url()).pathname}?week=${lastWeek}`);
  const wellness = page.locator('[data-testid="schedule-item"]').filter({ hasText: "Friskvård" }).last();
  await wellness.getByRole("link").click();
  await page.getByRole("link", { name: "Ta närvaro" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Närvaro: Friskvård" })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  const oscar = page.getByRole("group", { name: /^Oscar Lindgren/ });
  await oscar.getByLabel("Sen", { exact: true }).check();
  await oscar.getByLabel("Minuter sen, Oscar Lindgren").fill("en kvart");
  await page.getByRole("button", { name: "Spara närvaro" }).click();
  await expect(page.getByRole("heading", { name: "Du behöver rätta det här innan du kan gå vidare:" })).toBeVisible();
  await expect(oscar).toContainText("Skriv hur många minuter sen, som ett heltal inom tillfällets längd.");
  await expect(oscar.getByLabel("Sen", { exact: true })).toBeChecked();
  await expect(oscar.getByLabel("Minuter sen, Oscar Lindgren")).toHaveValue("en kvart");
  await expectAccessibleWithoutJs(page);
  await oscar.getByLabel("Minuter sen, Oscar Lindgren").fill("15");
  await page.getByRole("button", { name: "Spara närvaro" }).click();
  await expect(page.getByText("Närvaron är sparad (1 ändrade).")).toBeVisible();
  await expect(oscar.getByLabel("Minuter sen, Oscar Lindgren")).toHaveValue("15");
  await page.context().close();
});

test("a volunteer takes the register of the wellness session she leads, and sees no rates or follow-ups", async ({ browser }) => {
  const page = await signedIn(browser, USERS.volunteer);
  const program = await krusPath(page);
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await visit(page, `${program}/schedule?week=${lastWeek}`);
  await page.locator('[data-testid="schedule-item"]').filter({ hasText: "Friskvård" }).first().getByRole("link").click();
  await page.getByRole("link", { name: "Ta närvaro" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Närvaro: Friskvård" })).toBeVisible();
  await expect(page.getByTestId("register-line").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Gruppens närvaro och frånvarouppföljning" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Spara närvaro" }).click();
  await expect(page.getByText("Närvaron är sparad (0 ändrade).")).toBeVisible();
  // The group's attendance is not hers to read.
  const response = await page.goto(`${program}/attendance`);
  expect(response?.status()).toBe(403);
  await expectAccessible(page);
  // Nor the register of the group's mornings, which she does not lead.
  await visit(page, `${program}/schedule?week=${lastWeek}`);
  await page.locator('[data-testid="schedule-item"]').filter({ hasText: "Gruppen" }).first().getByRole("link").click();
  await expect(page.getByRole("link", { name: "Ta närvaro" })).toHaveCount(0);
  await page.context().close();
});
