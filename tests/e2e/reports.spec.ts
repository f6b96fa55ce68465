import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import readXlsxFile from "read-excel-file/node";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signedIn, signIn, USERS, visit } from "./support.ts";

// National reporting as the manager and the steering group meet it: the program's page links to it; the manager
// downloads the Finsam figures as CSV and the outcome export as Excel and CSV (no names, no identity numbers,
// protected identities anonymous); the steering group sees suppressed aggregates and no export; without
// JavaScript a wrong period comes back with the message at its field and what was typed kept. Nothing here
// changes the demo's state (reading and exporting only write audit events).

const NAMES = /Ella|Johansson|Oscar|Lindgren|Alva|Eriksson|Freja|Sandberg|Mohamed|Liam/;
const IDENTITY_NUMBER = /\b(19|20)\d{6}-?\d{4}\b/;

async function krusHref(page: Page): Promise<string> {
  const href = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  return href!;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
}

test("the manager opens national reporting and downloads the Finsam CSV and the outcome export as Excel and CSV", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.manager);
  const href = await krusHref(page);
  await visit(page, href);
  await page.getByRole("link", { name: "Nationell uppföljning", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Nationell uppföljning \d{4} – KRUS$/ })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page);
  const finsam = page.getByTestId("finsam");
  await expect(finsam.getByRole("row", { name: /^Kvinnor/ })).toBeVisible();
  await expect(finsam.getByRole("row", { name: /^Totalt/ }).getByRole("cell").last()).toHaveText(/^\d+$/);
  await expect(page.getByText("Du ser sammanställda siffror")).toHaveCount(0);

  const csv = await downloaded(page, () => page.getByRole("link", { name: /^Ladda ner Finsam-siffrorna för \d{4} som CSV/ }).click());
  expect(csv.name).toMatch(/^finsam-krus-\d{4}\.csv$/);
  const finsamText = csv.body.toString("utf8");
  expect(finsamText).toContain("KRUS;Kvinnor;");
  expect(finsamText).toContain("Budgeterade deltagare");
  expect(finsamText).not.toMatch(NAMES);

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Ladda ner som CSV" }) });
  const year = (await page.getByLabel("År").inputValue()) || String(new Date().getFullYear());
  await form.getByLabel("Från och med").fill(`${Number(year) - 1}-01-01`);
  const xlsx = await downloaded(page, () => form.getByRole("button", { name: "Ladda ner som Excel (.xlsx)" }).click());
  expect(xlsx.name).toMatch(/^utfall-krus-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const [sheet] = await readXlsxFile(xlsx.body);
  const rows = sheet!.data;
  expect(rows[0]).toEqual(["Pseudonym", "Kön", "Startår", "Åldersgrupp vid start", "Utbildningsnivå", "Försörjning före", "Sysselsättning före", "Försörjning efter", "Sysselsättning efter", "Dagar i insatsen", "Status", "Avslut", "Orsak till avslut"]);
  expect(rows.length).toBeGreaterThan(10);
  const all = JSON.stringify(rows);
  expect(all).not.toMatch(NAMES);
  expect(all).not.toMatch(IDENTITY_NUMBER);
  // Pseudonyms, and the demo's protected identities (and anyone without consent) anonymous: sex and start year only.
  expect(rows.slice(1).every((r) => /^[0-9a-f]{16}$/.test(String(r[0])) || r[0] === "anonym")).toBe(true);
  const anonymous = rows.filter((r) => r[0] === "anonym");
  expect(anonymous.length).toBeGreaterThanOrEqual(1);
  for (const r of anonymous) expect(r.slice(3).every((v) => v === null || v === undefined || v === "")).toBe(true);
  expect(rows.some((r) => r[10] === "Avslutad")).toBe(true);

  const outcomeCsv = await downloaded(page, () => form.getByRole("button", { name: "Ladda ner som CSV" }).click());
  expect(outcomeCsv.name).toMatch(/\.csv$/);
  const text = outcomeCsv.body.toString("utf8");
  expect(text.startsWith("\uFEFFPseudonym;Kön;Startår;")).toBe(true);
  expect(text).not.toMatch(NAMES);
  expect(text).not.toMatch(IDENTITY_NUMBER);
  expect(text.trim().split("\r\n")).toHaveLength(rows.length);
  await expectAccessible(page);
});

test("the steering group sees only suppressed aggregates, no export, and the federation's programs", async ({ page }) => {
  await signIn(page, USERS.steering);
  const href = await krusHref(page);
  await visit(page, `${href}/reports`);
  await expect(page.getByRole("heading", { level: 1, name: /^Nationell uppföljning \d{4} – KRUS$/ })).toBeVisible();
  await expect(page.getByText(/^Du ser sammanställda siffror/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Utfallsexport per deltagare" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Ladda ner som/ })).toHaveCount(0);
  // No figure of 1-4 people is shown.
  for (const cell of await page.getByTestId("finsam").getByRole("cell").allTextContents()) expect(cell).not.toMatch(/^[1-4]$/);
  expect(await page.content()).not.toMatch(NAMES);
  // The outcome export is refused outright, also when its address is asked for directly.
  for (const format of ["csv", "xlsx"]) {
    const refused = await page.request.get(`${href}/reports/outcome/${format}?from=2026-01-01&to=2026-12-31`);
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-disposition"]).toBeUndefined();
  }

  await page.getByRole("link", { name: /^Alla program i / }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Nationell uppföljning \d{4} – / })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("heading", { level: 2, name: "KRUS" })).toBeVisible();
  await expect(page.getByText(/^Du ser sammanställda siffror/)).toBeVisible();
  for (const cell of await page.locator("[data-testid^=finsam] td").allTextContents()) expect(cell).not.toMatch(/^[1-4]$/);
  expect(await page.content()).not.toMatch(NAMES);
});

test("without JavaScript, a wrong period comes back with the message at its field and the dates kept", async ({ browser }) => {
  const page = await signedIn(browser, USERS.manager, false);
  const href = await krusHref(page);
  await page.goto(`${href}/reports`);
  await expectAccessibleWithoutJs(page);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Ladda ner som CSV" }) });
  await form.getByLabel("Från och med").fill("2026-12-01");
  await form.getByLabel("Till och med").fill("2026-01-01");
  await form.getByRole("button", { name: "Ladda ner som CSV" }).click();
  await expect(page.getByText("Du behöver rätta det här innan du kan gå vidare:")).toBeVisible();
  await expect(page.getByLabel("Till och med")).toHaveValue("2026-01-01");
  await expect(page.getByLabel("Från och med")).toHaveValue("2026-12-01");
  await expect(page.getByText("Slutdatumet kan inte vara före startdatumet.").first()).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});
