import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, pdfText, signedIn, USERS, visit } from "./support.ts";

// The program's goals as a manager and a steering-group member meet them: each goal against its target with
// the figures behind it; the manager follows a figure to the list of people behind it and sets next year's
// targets; the steering group sees the same goals with small numbers suppressed and no person anywhere.

test.describe.configure({ mode: "serial", timeout: 120_000 });

let goalsPath = "";
const NEXT_YEAR = new Date().getFullYear() + 1;

test("a manager opens the goals, follows a figure to the list behind it and sets next year's targets", async ({ browser }) => {
  const page = await signedIn(browser, USERS.manager);
  await visit(page, "/schedule");
  const heading = page.getByRole("heading", { level: 1, name: "Schema för KRUS" });
  if (!(await heading.isVisible())) await page.getByRole("link", { name: "KRUS", exact: true }).first().click();
  await expect(heading).toBeVisible();
  const program = new URL(page.url()).pathname.replace(/\/schedule$/, "");
  await visit(page, program);
  await page.getByRole("link", { name: "Mål och uppföljning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Mål för KRUS \d{4}$/ })).toBeVisible();
  goalsPath = new URL(page.url()).pathname;
  await expectAccessible(page);
  const participants = page.getByTestId("goals").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Deltagare under året" }) });
  await expect(participants).toContainText("minst 30");
  const figure = Number((await participants.getByTestId("goal-figure").textContent())!.trim());
  expect(figure).toBeGreaterThan(10);
  await expect(page.getByRole("img", { name: "Utfall mot mål" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Månad för månad (sedan januari)" })).toBeVisible();

  // The group's other figures and the breakdowns, each row opening the list behind it.
  await expect(page.getByRole("heading", { level: 2, name: "Gruppen och vägen genom programmet" })).toBeVisible();
  await expect(page.getByTestId("figure-durations").getByRole("row").filter({ hasText: "Väntetid från beslut till start" })).toContainText("dagar");
  await expect(page.getByRole("img", { name: /^Beläggning månad för månad/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Jämfört med tidigare år" })).toBeVisible();
  const women = page.getByTestId("breakdown-sex").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Kvinna" }) });
  // The cell's text is the count, then the link's words for screen readers.
  const womenCount = Number(/^\s*(\d+)/.exec((await women.getByRole("cell").textContent()) ?? "")?.[1]);
  expect(womenCount).toBeGreaterThan(0);
  await women.getByRole("link").click();
  await expect(page.getByTestId("goal-filter")).toHaveText("Bara: Kön: Kvinna");
  await expectAccessible(page);
  await expect(page.getByTestId("goal-list").getByRole("row")).toHaveCount(womenCount + 1);
  await page.goBack();

  // The list behind the figure: as many people as the figure says.
  await participants.getByRole("link", { name: /Visa listan/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Deltagare under året \d{4}$/ })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId("goal-list").getByRole("row")).toHaveCount(figure + 1);
  await expect(page.getByTestId("goal-list")).toContainText("Oscar Lindgren");

  // Next year's targets.
  await visit(page, `${goalsPath}/${NEXT_YEAR}/edit`);
  await hydrated(page);
  await page.getByLabel("Deltagare under året").fill("-3");
  await page.getByRole("button", { name: "Spara målen" }).click();
  await expect(page.getByText("Målet kan inte vara negativt.").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Deltagare under året").fill("34");
  await page.getByRole("button", { name: "Spara målen" }).click();
  await expect(page.getByText("Målen är sparade.")).toBeVisible();
  await expect(page.getByTestId("goals").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Deltagare under året" }) })).toContainText("minst 34");
  await page.context().close();
});

test("a steering-group member sees the same goals, small numbers suppressed, and no person anywhere", async ({ browser }) => {
  const page = await signedIn(browser, USERS.steering, false);
  await page.goto(goalsPath);
  await expect(page.getByRole("heading", { level: 1, name: /^Mål för KRUS \d{4}$/ })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await expect(page.getByText("Du ser sammanställda siffror.")).toBeVisible();
  await expect(page.getByRole("link", { name: /Visa listan/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Månad för månad (sedan januari)" })).toHaveCount(0);
  const text = (await page.locator("main").textContent()) ?? "";
  for (const name of ["Oscar", "Lindgren", "Amira", "Johansson"]) expect(text).not.toContain(name);
  // The list behind a figure is not theirs.
  const response = await page.goto(`${goalsPath}/${new Date().getFullYear()}/participants`);
  expect(response?.status()).toBe(403);
  await page.context().close();
});

test("a steering-group member follows every program of the federation and downloads the quarterly report", async ({ browser }) => {
  const page = await signedIn(browser, USERS.steering);
  await visit(page, "/");
  await page.getByRole("link", { name: /^Uppföljning: / }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Uppföljning .+ \d{4}$/ })).toBeVisible();
  await expectAccessible(page);
  const table = page.getByTestId("followup");
  await expect(table.getByRole("columnheader", { name: "KRUS" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Alla program" })).toBeVisible();
  const text = (await page.locator("main").textContent()) ?? "";
  for (const name of ["Oscar", "Lindgren", "Amira", "Johansson"]) expect(text).not.toContain(name);
  // Up to the end of the first quarter: the period says so.
  await page.getByLabel("Period").selectOption("1");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page.getByTestId("followup-period")).toHaveText(/^Siffrorna gäller \d{4}-01-01 – \d{4}-03-31\.$/);
  await expectAccessible(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Kvartal 1 \d{4} \(PDF\)$/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^uppfoljning-\d{4}-k1\.pdf$/);
  const pdf = await pdfText(await readFile((await file.path())!));
  expect(pdf).toContain("kvartal 1");
  expect(pdf).toContain("Alla program");
  for (const name of ["Oscar", "Lindgren", "Amira", "Johansson"]) expect(pdf).not.toContain(name);
  await page.context().close();
});
