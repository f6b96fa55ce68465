import { readFile } from "node:fs/promises";
import { type Download, expect, type Locator, type Page, test } from "@playwright/test";
import { parseAmount } from "../../src/domain/money.ts";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, pdfText, signedIn, signIn, uniqueName, USERS, visit } from "./support.ts";

// Travel money (reskassa) as a coordinator meets it: from the program's page to the year's travel money, the
// budget, two disbursements (one with a receipt), the balance, the report as CSV and PDF, voiding one; and the
// disbursement form without JavaScript. Every disbursement has its own purpose (unique names), and no test
// assumes an empty list: sums are compared before and after.

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

/** Whole öre from what a cell shows ("1 234,50 kr"). */
function minor(text: string | null): number {
  const parsed = parseAmount((text ?? "").trim(), { allowZero: true });
  if (!parsed.ok) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  return parsed.minor;
}

const balanceCell = (page: Page, row: RegExp) => page.getByTestId("travel-balance").getByRole("row", { name: row }).getByRole("cell");

async function disbursed(page: Page): Promise<number> {
  return minor(await balanceCell(page, /^Utbetalt/).textContent());
}

/** From the main menu's KRUS link to the program's page, and on to this year's travel money. */
async function openTravelMoney(page: Page, javaScript = true): Promise<string> {
  const href = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  if (javaScript) await visit(page, href!);
  else {
    await page.goto(href!);
    await expectAccessibleWithoutJs(page);
  }
  await page.getByRole("link", { name: "Reskassa", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Reskassa \d{4}$/ })).toBeVisible();
  return href!;
}

/** The first participant taking part now in the form's list who is shown by name (not masked). */
async function someParticipant(form: Locator): Promise<string> {
  const options = (await form.getByLabel("Deltagare", { exact: true }).locator('optgroup[label="Deltar nu"] option').allInnerTexts()).map((o) => o.trim());
  const named = options.filter((o) => !o.startsWith("Skyddad identitet"));
  expect(named.length, "the demo program has participants").toBeGreaterThan(0);
  return named[0]!;
}

async function fillDisbursement(form: Locator, values: { person: string; amount: string; purpose: string }) {
  await form.getByLabel("Deltagare", { exact: true }).selectOption({ label: values.person });
  await form.getByLabel("Belopp").fill(values.amount);
  await form.getByLabel("Till vad").fill(values.purpose);
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

test("a coordinator sets the budget, records two disbursements (one with a receipt), sees the balance, downloads the report and voids one", async ({ page }) => {
  test.setTimeout(120_000); // many pages, each checked with axe, on a busy machine
  await signIn(page, USERS.coordinator);
  await openTravelMoney(page);
  await hydrated(page);
  await expectAccessible(page);

  // The budget, typed Swedish style.
  const budgetSection = page.getByRole("region", { name: /^Budget för \d{4}$/ });
  await budgetSection.getByLabel("Belopp").fill("100 000");
  await budgetSection.getByRole("button", { name: "Spara budget" }).click();
  await expect(page.getByText("Budgeten är sparad.")).toBeVisible();
  await expect(balanceCell(page, /^Budget/)).toHaveText("100\u00a0000,00\u00a0kr");
  await expectAccessible(page);
  const before = await disbursed(page);

  // Two disbursements: 150 kr, and 1 234,50 kr with a photographed receipt.
  const form = page.getByRole("region", { name: "Registrera en utbetalning" });
  const person = await someParticipant(form);
  const bus = uniqueName("Busskort ");
  const card = uniqueName("Månadskort ");
  await fillDisbursement(form, { person, amount: "150", purpose: bus });
  await form.getByRole("button", { name: "Registrera utbetalning" }).click();
  await expect(page.getByText("Utbetalningen är registrerad.")).toBeVisible();
  await hydrated(page);
  await fillDisbursement(form, { person, amount: "1 234,50 kr", purpose: card });
  await form.getByLabel("Kvitto (valfritt)").setInputFiles({ name: "kvitto.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "Registrera utbetalning" }).click();
  await expect(page.getByTestId("travel-row").filter({ hasText: card })).toBeVisible();
  await expectAccessible(page);

  // The balance: exactly 1 384,50 kr more, and what is left is the budget less what was paid.
  expect(await disbursed(page)).toBe(before + 138_450);
  expect(minor(await balanceCell(page, /^Kvar/).textContent())).toBe(10_000_000 - (before + 138_450));
  const cardRow = page.getByTestId("travel-row").filter({ hasText: card });
  await expect(cardRow).toContainText("1\u00a0234,50\u00a0kr");
  await expect(page.getByTestId("travel-row").filter({ hasText: bus })).toContainText("Inget kvitto");

  // The receipt comes back as it was uploaded.
  const receipt = page.waitForEvent("download");
  await cardRow.getByRole("link", { name: /^Kvitto/ }).click();
  expect([...(await bytesOf(await receipt))]).toEqual([...PNG]);

  // The report page, and the report as CSV (for Excel) and PDF.
  const paid = await disbursed(page);
  await page.getByRole("link", { name: /^Rapport för \d{4}/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Reskassans rapport \d{4}$/ })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId("travel-participants").getByRole("row", { name: new RegExp(`^${person}`) })).toBeVisible();
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som CSV (för Excel)" }).click();
  const csv = await bytesOf(await csvDownload);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvText = csv.subarray(3).toString("utf8");
  expect(csvText.startsWith("Program;KRUS\r\n")).toBe(true);
  expect(csvText).toContain("Budget;100000,00\r\n");
  expect(csvText).toContain(`Utbetalt;${Math.floor(paid / 100)},${String(paid % 100).padStart(2, "0")}\r\n`);
  expect(csvText).toMatch(new RegExp(`;${person};\\d+;\\d+,\\d\\d\\r\\n`));
  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som PDF" }).click();
  const pdf = await bytesOf(await pdfDownload);
  expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
  const text = (await pdfText(pdf)).replace(/\u00a0/g, " ");
  expect(text).toMatch(/Reskassa \d{4}: KRUS/);
  expect(text).toContain(person);
  expect(text).toContain("100 000,00 kr");

  // Voiding the 150 kr: it stays in the list, struck out with the reason, and counts no longer.
  await page.getByRole("link", { name: /^Tillbaka till reskassan/ }).click();
  await hydrated(page);
  const busRow = page.getByTestId("travel-row").filter({ hasText: bus });
  await busRow.locator("summary", { hasText: "Makulera" }).click();
  await busRow.getByRole("button", { name: /^Makulera utbetalningen/ }).click();
  // Without a reason it is refused at the field.
  await expect(busRow.getByRole("link", { name: "Du måste fylla i det här fältet." })).toBeVisible();
  await busRow.getByRole("textbox", { name: /^Varför ska den makuleras/ }).fill("Dubbelregistrerad");
  await busRow.getByRole("button", { name: /^Makulera utbetalningen/ }).click();
  await expect(page.getByText("Utbetalningen är makulerad. Den räknas inte längre.")).toBeVisible();
  await expect(busRow).toContainText("Makulerad");
  await expect(busRow).toContainText("Dubbelregistrerad");
  expect(await disbursed(page)).toBe(paid - 15_000);
  await expectAccessible(page);
});

test("the disbursement form works without JavaScript: errors at the fields, what was typed kept, the receipt to choose again", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator, false);
  await openTravelMoney(page, false);
  await expectAccessibleWithoutJs(page);
  const form = page.getByRole("region", { name: "Registrera en utbetalning" });
  const person = await someParticipant(form);
  const purpose = uniqueName("Resa till studiebesök ");
  await fillDisbursement(form, { person, amount: "12,345", purpose });
  await form.getByLabel("Kvitto (valfritt)").setInputFiles({ name: "kvitto.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "Registrera utbetalning" }).click();
  // Refused at the amount; the rest is still there, and the page says the receipt must be chosen again.
  await expect(page.getByRole("link", { name: "Skriv högst två decimaler (ören)." })).toBeVisible();
  await expect(form.getByLabel("Belopp")).toHaveValue("12,345");
  await expect(form.getByLabel("Till vad")).toHaveValue(purpose);
  await expect(form.getByLabel("Deltagare", { exact: true }).locator("option:checked")).toHaveText(person);
  await expect(form.getByText("Om du valde ett kvitto behöver du välja det igen.", { exact: false })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await form.getByLabel("Belopp").fill("12,35");
  await form.getByLabel("Kvitto (valfritt)").setInputFiles({ name: "kvitto.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "Registrera utbetalning" }).click();
  await expect(page.getByText("Utbetalningen är registrerad.")).toBeVisible();
  const row = page.getByTestId("travel-row").filter({ hasText: purpose });
  await expect(row).toContainText("12,35\u00a0kr");
  await expect(row.getByRole("link", { name: /^Kvitto/ })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});
