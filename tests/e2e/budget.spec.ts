import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, hydrated, signIn, uniqueName, USERS, visit } from "./support.ts";

// Budget and funding as the program's manager meets them: from the program's page to the budget, on to next
// year (one the demo does not use), two budget lines, a CSV of actual costs refused for one bad row (with its
// line number) and then imported, a funding source, and the totals. Imports replace a month's line and the
// lines are set again on every run, so the test does not depend on an earlier run; the funder has a unique name.

const row = (page: Page, testId: string, name: RegExp | string) => page.getByTestId(testId).getByRole("row", { name });

test("the manager sets two budget lines for next year, imports actual costs from CSV (a bad file is refused by its line), adds funding and sees the totals", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.manager);
  const href = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  await visit(page, href!);
  await page.getByRole("link", { name: "Budget och finansiering", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Budget \d{4}$/ })).toBeVisible();
  await expectAccessible(page);
  const thisYear = Number((await page.getByRole("heading", { level: 1 }).textContent())!.slice(-4));
  const year = thisYear + 1;
  await visit(page, `${href}/budget/${year}`);
  await hydrated(page);

  // Two budget lines.
  const linesForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Spara budgeten" }) });
  await linesForm.getByLabel("Belopp: Lokaler").fill("255 000");
  await linesForm.getByLabel("Belopp: Resor").fill("75 000,50");
  await linesForm.getByRole("button", { name: "Spara budgeten" }).click();
  await expect(page.getByText("Budgetraderna är sparade.")).toBeVisible();
  await expectAccessible(page);
  await expect(row(page, "budget-lines", /^Lokaler/).getByRole("cell").first()).toHaveText("255 000,00 kr");
  await expect(row(page, "budget-lines", /^Resor/).getByRole("cell").first()).toHaveText("75 000,50 kr");

  // A CSV with one bad row: refused as a whole, the row named by its line number.
  const importForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Importera" }) });
  await importForm.getByLabel("CSV-fil").setInputFiles({ name: "fel.csv", mimeType: "text/csv", buffer: Buffer.from(`månad;rad;belopp\n${year}-01;Lokaler;21 250,00\n${year}-02;Pizza;100\n`) });
  await importForm.getByRole("button", { name: "Importera" }).click();
  await expect(page.getByTestId("budget-import-errors")).toContainText("Rad 3: ”Pizza” är ingen budgetrad.");
  await expectAccessible(page);

  // The right file.
  await page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Importera" }) })
    .getByLabel("CSV-fil")
    .setInputFiles({ name: "kostnader.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFFmånad;rad;belopp;anteckning\r\n${year}-01;Lokaler;63 750,00;Hyra kvartal 1\r\n${year}-02;Resor;80 000;Busskort\r\n`) });
  await page.getByRole("button", { name: "Importera" }).click();
  await expect(page.getByText("Kostnaderna är importerade.")).toBeVisible();
  await expectAccessible(page);
  const resor = row(page, "budget-lines", /^Resor/).getByRole("cell");
  await expect(resor.nth(1)).toHaveText("80 000,00 kr");
  // Overspent: said in words, not only by colour.
  await expect(resor.nth(2)).toHaveText("4 999,50 kr över budget");
  await expect(row(page, "budget-months", /^Januari/)).toContainText("63 750,00 kr");

  // A funding source.
  const funder = uniqueName("Stiftelsen Test");
  const fundingForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till" }) });
  await fundingForm.getByLabel("Finansiär", { exact: true }).fill(funder);
  await fundingForm.getByLabel("Slag av finansiär").selectOption({ label: "Stiftelse eller fond" });
  await fundingForm.getByLabel("Hela beloppet för perioden").fill("100 000");
  await fundingForm.getByRole("button", { name: "Lägg till" }).click();
  await expect(page.getByText("Finansieringskällan är tillagd.")).toBeVisible();
  await expectAccessible(page);
  await expect(row(page, "budget-funding", new RegExp(funder))).toContainText("100 000,00 kr");

  // The totals: budget and actual as set and imported this run.
  const summary = page.getByTestId("budget-summary");
  await expect(summary.getByRole("row", { name: /^Budget\s+\d/ }).getByRole("cell")).toHaveText("330 000,50 kr");
  await expect(summary.getByRole("row", { name: /^Faktiska kostnader/ }).getByRole("cell")).toHaveText("143 750,00 kr");
  await expect(page.getByRole("link", { name: `Ladda ner ${year} som CSV (för Excel)` })).toHaveAttribute("href", `${href}/budget/${year}/export.csv`);
});
