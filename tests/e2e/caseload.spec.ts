import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, expectAccessibleWithoutJs, hydrated, signIn, USERS, visit } from "./support.ts";

// The coordinator's caseload and the participant's hub page, against the demo data. Sara Nilsson
// coordinates Ella Johansson, Viktor Andersson, Wilma Persson and Saga Petersson; Johan Ek has Oscar
// Lindgren among others; Leila Haddad has Amira Hassan and Alva Eriksson (protected identity). This spec
// only reads. It relies on Wilma Persson, whom no other spec touches, having no plan yet, and on
// Viktor Andersson staying active.

/** Peter Svensson, who wrote Wilma Persson's interest request with her. */
const SOCIAL_SERVICES_OFFICER = "peter.svensson@kalmar.example";
const SECTIONS = ["plan", "wheel", "journal", "network", "work", "follow-ups", "attendance", "exit"];

function table(page: Page) {
  return page.getByRole("table");
}

/** The participants' names in the list, in order. */
async function names(page: Page): Promise<string[]> {
  return table(page).getByRole("rowheader").getByRole("link").allInnerTexts();
}

async function signInWithoutJs(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
}

test("Sara Nilsson sees her participants with what needs doing, filters by a flag and opens a participant's page", async ({ page }) => {
  test.slow();
  await signIn(page, USERS.coordinator);
  // The start page shows the top of her list.
  await visit(page, "/");
  const todo = page.getByRole("region", { name: "Det här behöver göras nu" });
  await expect(todo).toBeVisible();
  await expect(todo.getByRole("link", { name: "Wilma Persson" })).toBeVisible();
  await expect(todo.getByRole("link", { name: "Se alla dina deltagare" })).toBeVisible();

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mina deltagare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mina deltagare" })).toBeVisible();
  await expectAccessible(page);
  const mine = await names(page);
  expect(mine).toEqual(expect.arrayContaining(["Wilma Persson", "Viktor Andersson"]));
  // Only her own participants: not Johan Ek's or Leila Haddad's.
  expect(mine).not.toContain("Oscar Lindgren");
  expect(mine).not.toContain("Amira Hassan");
  // A manager's column is not shown to a coordinator.
  await expect(table(page).getByRole("columnheader", { name: "Koordinator" })).toHaveCount(0);
  const wilma = table(page).getByRole("row").filter({ has: page.getByRole("link", { name: "Wilma Persson" }) });
  await expect(wilma).toContainText("Ny deltagare som inte har någon plan än");
  await expect(wilma).toContainText(/Försenad \d{4}-\d{2}-\d{2}/);

  // Only those without a plan.
  await hydrated(page);
  await page.getByRole("combobox", { name: "Vad som behöver göras" }).selectOption("no_plan");
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(/flag=no_plan/);
  await expect(page.getByRole("status")).toContainText("deltagare visas");
  await expectAccessible(page);
  const rows = table(page).getByRole("rowgroup").nth(1).getByRole("row");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText("Ny deltagare som inte har någon plan än");
  await expect(page.getByRole("link", { name: "Visa alla utan filter" })).toBeVisible();

  // Her hub page.
  await table(page).getByRole("link", { name: "Wilma Persson" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wilma Persson" })).toBeVisible();
  await expect(page).toHaveURL(/\/enrolments\/[0-9a-f-]{36}$/);
  await expectAccessible(page);
  const hub = new URL(page.url()).pathname;
  await expect(page.getByRole("region", { name: "Det här behöver göras nu" })).toContainText("Ny deltagare som inte har någon plan än");
  const summary = page.getByRole("region", { name: "Översikt" });
  await expect(summary).toContainText("Sara Nilsson");
  await expect(summary).toContainText("Ingen plan än");
  const parts = page.getByRole("navigation", { name: "Delar av deltagarens resa" });
  const hrefs = await parts.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs).toEqual(SECTIONS.map((s) => `${hub}/${s}`));
  await expect(page.getByRole("link", { name: "Tillbaka till deltagarlistan" })).toHaveAttribute("href", "/caseload");
});

test("her case officer at social services sees the participant's page (consent covers them), but has no caseload", async ({ page, browser }) => {
  test.slow();
  await signIn(page, USERS.coordinator);
  await visit(page, "/caseload?sort=name");
  await table(page).getByRole("link", { name: "Wilma Persson" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wilma Persson" })).toBeVisible();
  const hub = new URL(page.url()).pathname;
  const context = await browser.newContext({ locale: "sv-SE" });
  const officer = await context.newPage();
  await signIn(officer, SOCIAL_SERVICES_OFFICER);
  await visit(officer, hub);
  await expect(officer.getByRole("heading", { level: 1, name: "Wilma Persson" })).toBeVisible();
  await expect(officer.getByRole("region", { name: "Översikt" })).toContainText("delas med dig");
  await expect(officer.getByRole("link", { name: "Tillbaka till deltagarlistan" })).toHaveCount(0);
  await expect(officer.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: /deltagare/i })).toHaveCount(0);
  const refused = await visit(officer, "/caseload");
  expect(refused?.status()).toBe(403);
  await context.close();
});

test("the person's page links to the participant's hub", async ({ page }) => {
  test.slow();
  await signIn(page, USERS.coordinator);
  await visit(page, "/caseload?sort=name");
  await table(page).getByRole("link", { name: "Wilma Persson" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wilma Persson" })).toBeVisible();
  await expectAccessible(page);
  const hub = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Personens uppgifter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wilma Persson" })).toBeVisible();
  await expect(page).toHaveURL(/\/people\//);
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Deltagarens översikt: plan, uppföljningar och journal" })).toHaveAttribute("href", hub);
});

test("Maria Bergström sees every coordinator's list, filters by one, and sees protected identity masked", async ({ page }) => {
  test.slow();
  await signIn(page, USERS.manager);
  await visit(page, "/");
  await expect(page.getByRole("region", { name: "Det här behöver göras nu" }).getByRole("link", { name: "Se alla deltagare" })).toBeVisible();
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Deltagare", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deltagare i KRUS" })).toBeVisible();
  await expectAccessible(page);
  await expect(table(page).getByRole("columnheader", { name: "Koordinator" })).toBeVisible();
  for (const coordinator of ["Sara Nilsson", "Johan Ek", "Leila Haddad"]) {
    await expect(table(page).getByRole("cell", { name: coordinator, exact: true }).first()).toBeVisible();
  }
  const all = await names(page);
  expect(all).toEqual(expect.arrayContaining(["Wilma Persson", "Oscar Lindgren", "Amira Hassan"]));
  // Alva Eriksson has protected identity; the manager does not work directly with her.
  await expect(page.getByText("Alva")).toHaveCount(0);
  const masked = table(page).getByRole("link", { name: /^Skyddad identitet \(P-/ });
  await expect(masked).toHaveCount(1);

  await hydrated(page);
  await page.getByRole("combobox", { name: "Koordinator" }).selectOption({ label: "Johan Ek" });
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(/coordinator=[0-9a-f-]{36}/);
  await expect(page.getByRole("combobox", { name: "Koordinator" })).toHaveValue(/[0-9a-f-]{36}/);
  await expectAccessible(page);
  const johans = await names(page);
  expect(johans).toContain("Oscar Lindgren");
  expect(johans).not.toContain("Wilma Persson");
  expect(johans).not.toContain("Amira Hassan");

  // The masked participant's hub page.
  await visit(page, "/caseload?coordinator=all");
  await table(page).getByRole("link", { name: /^Skyddad identitet \(P-/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Skyddad identitet \(P-/ })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText("Alva")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Översikt" })).toContainText("Leila Haddad");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filters and sorting are plain forms", async ({ page }) => {
    await signInWithoutJs(page, USERS.coordinator);
    await page.goto("/caseload");
    await expect(page.getByRole("heading", { level: 1, name: "Mina deltagare" })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByRole("combobox", { name: "Skede" }).selectOption("active");
    await page.getByRole("combobox", { name: "Sortera" }).selectOption("name");
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await expect(page).toHaveURL(/stage=active/);
    await expect(page).toHaveURL(/sort=name/);
    await expect(page.getByRole("combobox", { name: "Sortera" })).toHaveValue("name");
    await expect(page.getByRole("combobox", { name: "Skede" })).toHaveValue("active");
    await expectAccessibleWithoutJs(page);
    const sorted = await names(page);
    // By last name: Andersson before Persson.
    expect(sorted.indexOf("Viktor Andersson")).toBeGreaterThanOrEqual(0);
    expect(sorted.indexOf("Viktor Andersson")).toBeLessThan(sorted.indexOf("Wilma Persson"));
    const rows = table(page).getByRole("rowgroup").nth(1).getByRole("row");
    for (let i = 0; i < (await rows.count()); i++) await expect(rows.nth(i)).toContainText("Aktiv");
  });

  test("a manager picks a coordinator", async ({ page }) => {
    await signInWithoutJs(page, USERS.manager);
    await page.goto("/caseload");
    await page.getByRole("combobox", { name: "Koordinator" }).selectOption({ label: "Leila Haddad" });
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await expect(page).toHaveURL(/coordinator=[0-9a-f-]{36}/);
    await expectAccessibleWithoutJs(page);
    const leilas = await names(page);
    expect(leilas).toContain("Amira Hassan");
    expect(leilas).not.toContain("Wilma Persson");
  });
});
