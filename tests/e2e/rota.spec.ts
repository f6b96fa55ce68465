import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signedIn, uniqueName, USERS, visit } from "./support.ts";

// The breakfast rota as a coordinator meets it: the ordinary group's mornings of a term far ahead (a series
// made here, so no other spec's data matters), the rota planned fairly for three weeks, who has breakfast
// shown in the schedule's week, a refused swap explained at its field and a swap made; the planning form
// without JavaScript; and a volunteer who sees the days but no names.

test.describe.configure({ mode: "serial", timeout: 180_000 });

const SERIES = uniqueName("Frukostgruppen ");
// Monday to Wednesday mornings, 5 March to 18 April 2029 (Easter Monday, 2 April, is skipped).
const FIRST = "2029-03-05";
const LAST = "2029-04-18";
const PERIOD = { from: "2029-03-05", to: "2029-03-25" };
const DAYS = ["2029-03-05", "2029-03-06", "2029-03-07", "2029-03-12", "2029-03-13", "2029-03-14", "2029-03-19", "2029-03-20", "2029-03-21"];

let schedulePath = "";

async function scheduleOfKrus(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Schema", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schema för KRUS" })).toBeVisible();
  await expectAccessible(page);
  return new URL(page.url()).pathname;
}

const dayRow = (page: Page, date: string) => page.locator(`[data-testid="rota-day"][data-date="${date}"]`);
const onDuty = async (page: Page, date: string) => ((await dayRow(page, date).getByRole("cell").first().textContent()) ?? "").trim();

test("a coordinator plans the rota for the group's mornings, sees it in the schedule's week and swaps two days", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator);
  schedulePath = await scheduleOfKrus(page);
  const rotaPath = schedulePath.replace(/\/schedule$/, "/breakfast");

  // The ordinary group's mornings, Monday to Wednesday 09:00-12:00 (the form's defaults).
  await page.getByRole("link", { name: "Ny återkommande aktivitet" }).click();
  await hydrated(page);
  await page.getByRole("textbox", { name: "Namn", exact: true }).fill(SERIES);
  await page.getByRole("group", { name: "Vilka grupper" }).getByLabel("Ordinarie gruppen").check();
  await page.getByLabel("Första dagen").fill(FIRST);
  await page.getByLabel("Sista dagen").fill(LAST);
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(page.getByText("Den återkommande aktiviteten är tillagd.")).toBeVisible();

  // From the schedule to the rota, and the period asked for.
  await visit(page, schedulePath);
  await page.getByRole("link", { name: "Frukostschema", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Frukostschema" })).toBeVisible();
  await expect(page.getByText(/frånvaroanmäld eller sjukanmäld i förväg/)).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Från och med").first().fill(PERIOD.from);
  await page.getByLabel("Till och med").first().fill(PERIOD.to);
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`from=${PERIOD.from}&to=${PERIOD.to}`));
  await expect(page.getByTestId("rota-day")).toHaveCount(DAYS.length);
  expect(await page.getByTestId("rota-day").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-date")))).toEqual(DAYS);
  await expect(dayRow(page, DAYS[0]!)).toContainText("Ingen har frukosten. Planera om.");
  await expectAccessible(page);

  // Planned afresh: one participant each morning, nobody twice (the group has more than nine).
  const plan = page.getByRole("region", { name: "Planera frukostschemat" });
  await expect(plan.getByLabel("Från och med")).toHaveValue(PERIOD.from);
  await plan.getByLabel("Planera från början: fördela alla gruppdagar från i dag på nytt").check();
  await plan.getByRole("button", { name: "Planera" }).click();
  await expect(page.getByText("Frukostschemat är planerat.")).toBeVisible();
  const names = await Promise.all(DAYS.map((d) => onDuty(page, d)));
  expect(names.every((n) => n !== "" && n !== "Ingen")).toBe(true);
  expect(new Set(names).size).toBe(DAYS.length);
  await expect(page.getByTestId("rota-shortfall")).toHaveCount(0);
  // Fairness in numbers: each of them has one breakfast in the period.
  const counts = page.getByTestId("rota-counts");
  await expect(counts.getByRole("row", { name: new RegExp(`^${escape(names[0]!)}`) }).getByRole("cell").first()).toHaveText("1");
  await expectAccessible(page);

  // The schedule's week shows who has breakfast.
  await visit(page, `${schedulePath}?week=${FIRST}`);
  await expect(page.locator(`[data-testid="schedule-day"][data-date="${DAYS[0]}"] [data-testid="breakfast-duty"]`)).toHaveText(`Frukost: ${names[0]}`);
  await expect(page.locator(`[data-testid="schedule-day"][data-date="${DAYS[1]}"] [data-testid="breakfast-duty"]`)).toHaveText(`Frukost: ${names[1]}`);

  // A swap that cannot be: the first has no breakfast on the second's day. Explained at the field.
  await visit(page, `${rotaPath}?from=${PERIOD.from}&to=${PERIOD.to}`);
  await hydrated(page);
  const swap = page.getByRole("region", { name: "Byt frukostdag" });
  await swap.getByLabel("Deltagare", { exact: true }).selectOption({ label: names[0]! });
  await swap.getByLabel("Deltagarens dag").selectOption(DAYS[1]!);
  await swap.getByLabel("Byter med").selectOption({ label: names[1]! });
  await swap.getByLabel("Den andras dag").selectOption(DAYS[1]!);
  await swap.getByRole("button", { name: "Byt dagar" }).click();
  await expect(swap.getByText("Välj två olika dagar: på samma dag finns inget att byta.").first()).toBeVisible();
  await swap.getByLabel("Den andras dag").selectOption(DAYS[2]!);
  await swap.getByLabel("Byter med").selectOption({ label: names[2]! });
  await swap.getByRole("button", { name: "Byt dagar" }).click();
  await expect(swap.getByText("Deltagaren har inte frukosten den dagen. Välj en dag då just den deltagaren har frukosten.").first()).toBeVisible();
  await expect(swap.getByLabel("Byter med")).toHaveValue(/[0-9a-f-]{36}/);
  await expectAccessible(page);

  // The swap made: the first and the second change days.
  await swap.getByLabel("Deltagarens dag").selectOption(DAYS[0]!);
  await swap.getByLabel("Byter med").selectOption({ label: names[1]! });
  await swap.getByLabel("Den andras dag").selectOption(DAYS[1]!);
  await swap.getByRole("button", { name: "Byt dagar" }).click();
  await expect(page.getByText("Bytet är gjort.")).toBeVisible();
  expect(await onDuty(page, DAYS[0]!)).toBe(names[1]);
  expect(await onDuty(page, DAYS[1]!)).toBe(names[0]);
  await expectAccessible(page);
  await page.context().close();
});

test("the planning form works without JavaScript: a wrong period is explained at its field and kept, then planned", async ({ browser }) => {
  const page = await signedIn(browser, USERS.coordinator, false);
  const rotaPath = schedulePath.replace(/\/schedule$/, "/breakfast");
  await page.goto(`${rotaPath}?from=2029-04-09&to=2029-04-15`);
  await expectAccessibleWithoutJs(page);
  const plan = page.getByRole("region", { name: "Planera frukostschemat" });
  await plan.getByLabel("Till och med").fill("2029-04-01");
  await plan.getByRole("button", { name: "Planera" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Frukostschema" })).toBeVisible();
  await expect(plan.getByText("Sista dagen kan inte vara före den första.").first()).toBeVisible();
  await expect(plan.getByLabel("Till och med")).toHaveValue("2029-04-01");
  await expect(plan.getByLabel("Från och med")).toHaveValue("2029-04-09");
  await expectAccessibleWithoutJs(page);
  await plan.getByLabel("Till och med").fill("2029-04-15");
  await plan.getByRole("button", { name: "Planera" }).click();
  await expect(page.getByText(/^Frukostschemat är planerat/)).toBeVisible();
  await expect(page.getByTestId("rota-day")).toHaveCount(3);
  for (const date of ["2029-04-09", "2029-04-10", "2029-04-11"]) expect(await onDuty(page, date)).not.toBe("Ingen");
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});

test("a volunteer sees the group days and whether breakfast is planned, but no names and no forms", async ({ browser }) => {
  const page = await signedIn(browser, USERS.volunteer);
  const rotaPath = schedulePath.replace(/\/schedule$/, "/breakfast");
  await visit(page, `${rotaPath}?from=${PERIOD.from}&to=${PERIOD.to}`);
  await expect(page.getByText("Du ser vilka dagar frukosten är planerad, men inte vilka deltagare som har den.")).toBeVisible();
  await expect(dayRow(page, DAYS[0]!)).toContainText("Planerad");
  await expect(page.getByTestId("rota-counts")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Planera frukostschemat" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Byt frukostdag" })).toHaveCount(0);
  await visit(page, `${schedulePath}?week=${FIRST}`);
  await expect(page.getByTestId("breakfast-duty")).toHaveCount(0);
  await page.context().close();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
