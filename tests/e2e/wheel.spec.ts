import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, rate, WHEEL_AREAS, expectAccessibleWithoutJs, hydrated, signIn, uniqueName, USERS, visit } from "./support.ts";

// The life-area wheel as a coordinator meets it: two readings of one participant, the chart changing with
// them (the same numbers in the table), the participant's and coordinator's readings side by side, the
// reading form without JavaScript, and the program's page for adjusting the wheel. The participant is
// Hugo Gustafsson (demo data, enrolled in KRUS), whom only this spec uses; the readings are told apart
// from any others by their unique notes, so nothing here assumes the lists start empty.

const PARTICIPANT = "Gustafsson, Hugo";

/** The participant's wheel page, reached from their person page's link to the journey. */
async function openWheel(page: Page, { javaScript = true } = {}): Promise<string> {
  await page.goto(`/people?q=${encodeURIComponent("Gustafsson")}`);
  await page.goto((await page.getByRole("link", { name: PARTICIPANT }).getAttribute("href"))!);
  const hub = await page.getByRole("link", { name: /^Deltagarens översikt/ }).getAttribute("href");
  expect(hub).toMatch(/^\/enrolments\/[0-9a-f-]{36}$/);
  const url = `${hub}/wheel`;
  if (javaScript) await visit(page, url);
  else {
    await page.goto(url);
    await expectAccessibleWithoutJs(page);
  }
  await expect(page.getByRole("heading", { level: 1, name: "Livshjulet: Hugo Gustafsson" })).toBeVisible();
  return url;
}

const FIRST = [2, 3, 4, 3, 5, 2, 4, 6, 3];
const SECOND = [5, 3, 8, 4, 5, 6, 4, 7, 6];

test("a coordinator records two readings and sees the chart change, with the same numbers in the table", async ({ page }) => {
  test.slow();
  await signIn(page, USERS.coordinator);
  await openWheel(page);
  const firstNote = uniqueName("Första skattningen ");
  const secondNote = uniqueName("Andra skattningen ");

  // The first reading: Hugo rates himself at the start.
  await page.getByRole("link", { name: "Gör en ny skattning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny skattning i livshjulet" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  // Each step's description is the radio's label: readable, and reachable by keyboard and screen reader.
  await expect(page.getByRole("radiogroup", { name: /^Boende/ }).getByRole("radio")).toHaveCount(10);
  await expect(page.getByRole("radio", { name: "1 – Jag har ingenstans att bo och vet inte var jag ska sova." })).toBeVisible();
  await page.getByRole("radio", { name: "Deltagaren själv" }).check();
  await page.getByRole("radio", { name: "Start", exact: true }).check();
  await rate(page, FIRST);
  await page.getByLabel("Anteckning (om du vill)").fill(firstNote);
  await page.getByRole("button", { name: "Spara skattningen" }).click();
  await expect(page.getByText("Skattningen är sparad.")).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/wheel\?saved=1$/);
  await expect(page.getByRole("img", { name: "Livshjulet för Hugo Gustafsson" })).toBeVisible();
  const firstRow = page.getByTestId("wheel-reading-row").filter({ hasText: firstNote });
  await expect(firstRow).toHaveCount(1);
  await expect(firstRow.getByRole("cell")).toContainText(["", /\d{4}-\d{2}-\d{2}/, "Start", "Deltagaren", "3,6"]);

  // The second: the coordinator's own reading of the same occasion.
  await page.getByRole("link", { name: "Gör en ny skattning" }).click();
  await hydrated(page);
  await page.getByRole("radio", { name: "Koordinatorn" }).check();
  await page.getByRole("radio", { name: "Start", exact: true }).check();
  await rate(page, SECOND);
  await page.getByLabel("Anteckning (om du vill)").fill(secondNote);
  await page.getByRole("button", { name: "Spara skattningen" }).click();
  await expect(page.getByText("Skattningen är sparad.")).toBeVisible({ timeout: 30_000 });
  await expectAccessibleWithoutJs(page);

  // The chart shows the two readings chosen from the list (others may exist: they are left out).
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  for (const note of [firstNote, secondNote]) await page.getByTestId("wheel-reading-row").filter({ hasText: note }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Visa valda i diagrammet" }).click();
  await expect(page).toHaveURL(/show=/, { timeout: 30_000 });
  await visit(page, page.url());
  const chart = page.getByRole("img", { name: "Livshjulet för Hugo Gustafsson" });
  await expect(chart.locator('[data-testid="wheel-polygon"]')).toHaveCount(2);
  await expect(chart).toHaveAccessibleDescription(/spindeldiagram med 9 områden som visar 2 skattningar: Start \S+ \(deltagaren\); Start \S+ \(koordinatorn\)/);
  // Told apart without colour: a legend names each line's pattern.
  await expect(page.getByTestId("wheel-legend-item")).toHaveText([/\(deltagaren\): heldragen linje med runda punkter$/, /\(koordinatorn\): streckad linje med fyrkantiga punkter$/]);

  // The table: area, each reading, the change.
  const table = page.getByRole("table", { name: "Skattningarna i diagrammet, per område" });
  await expect(table.getByRole("columnheader")).toHaveText(["Område", /^Start .* \(deltagaren\)$/, /^Start .* \(koordinatorn\)$/, "Förändring"]);
  const rows = table.getByTestId("wheel-numbers-row");
  await expect(rows).toHaveCount(9);
  for (const [i, area] of WHEEL_AREAS.entries()) {
    const change = SECOND[i]! - FIRST[i]!;
    await expect(rows.nth(i).getByRole("rowheader")).toHaveText(area);
    await expect(rows.nth(i).getByRole("cell")).toHaveText([String(FIRST[i]), String(SECOND[i]), change > 0 ? `+${change}` : String(change)]);
  }
  await expect(table.getByRole("row").last()).toHaveText(/Medelvärde\s*3,6\s*5,3\s*\+1,7/);
  await expect(page.getByTestId("wheel-change-summary")).toContainText("högre i 6, lika i 3 och lägre i 0 av områdena");

  // Side by side: Boende, Familj och nätverk, Vardagsrutiner and Kunskap om egna resurser differ by 3 steps or more.
  const comparison = page.getByTestId("wheel-comparison").first();
  await expect(comparison).toContainText("4 områden skiljer sig med 3 steg eller mer.");
  await expect(comparison.getByRole("row").filter({ hasText: "Skiljer 3 steg eller mer" }).getByRole("rowheader")).toHaveText(["Boende", "Familj och nätverk", "Vardagsrutiner", "Kunskap om egna resurser"]);
  await expect(comparison).toContainText(`Anteckning från skattningen (deltagaren): ${firstNote}`);

  // The next reading is due three months on.
  await expect(page.getByTestId("wheel-next")).toContainText("Under tiden, senast");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the reading form refuses a missing score at its area and keeps what was chosen", async ({ page }) => {
    test.slow();
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.coordinator);
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
    const wheel = await openWheel(page, { javaScript: false });
    await page.goto(`${wheel}/new`);
    await expectAccessibleWithoutJs(page);
    const note = uniqueName("Utan skript ");
    await page.getByRole("radio", { name: "Koordinatorn" }).check();
    await page.getByRole("radio", { name: "Under tiden" }).check();
    // Hälsa left out.
    await rate(page, [6, 6, 6, 6, undefined, 6, 6, 6, 6]);
    await page.getByLabel("Anteckning (om du vill)").fill(note);
    await page.getByRole("button", { name: "Spara skattningen" }).click();

    // Refused: the summary at the top links to the area, whose own message says what to do.
    await expect(page).toHaveURL(new RegExp(`${wheel}/new$`));
    const summary = page.getByRole("link", { name: "Välj ett steg från 1 till 10." });
    await expect(summary).toHaveCount(1);
    const health = page.getByRole("radiogroup", { name: /^Hälsa/ });
    await expect(summary).toHaveAttribute("href", `#${await health.getAttribute("id")}`);
    await expect(health).toContainText("Välj ett steg från 1 till 10.");
    await expect(page.getByRole("radiogroup", { name: /^Boende/ }).getByRole("radio", { name: /^6 – / })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Koordinatorn" })).toBeChecked();
    await expect(page.getByLabel("Anteckning (om du vill)")).toHaveValue(note);
    await expectAccessibleWithoutJs(page);

    await health.getByRole("radio", { name: /^4 – / }).check();
    await page.getByRole("button", { name: "Spara skattningen" }).click();
    await expect(page.getByText("Skattningen är sparad.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("wheel-reading-row").filter({ hasText: note })).toContainText("Under tiden");
  });
});

test("the manager sees and adjusts the program's wheel; the therapist may read the wheel but not record or adjust", async ({ page, browser }) => {
  test.slow();
  await signIn(page, USERS.manager);
  const wheel = await openWheel(page);
  await page.getByRole("link", { name: "Anpassa livshjulet för KRUS" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Livshjulet i KRUS" })).toBeVisible();
  const programWheel = new URL(page.url()).pathname;
  await visit(page, programWheel);
  const areas = page.getByRole("table", { name: "Områdena i livshjulet, i den ordning de visas" }).getByTestId("wheel-program-area");
  await expect(areas.first().getByRole("rowheader")).toHaveText("Boende");
  await expect(areas).toHaveCount(9);
  // The program's change from first to last reading: counts and means only, one row per area.
  const change = page.getByRole("region", { name: "Förändring i programmet" });
  await expect(change.getByTestId("wheel-statistics-participant")).toHaveText(/^Deltagarnas egna skattningar: /);
  await expect(change.getByTestId("wheel-statistics-coordinator")).toHaveText(/^Koordinatorernas skattningar: /);

  // An area's page: names and ten steps in every language. Saving without a change makes no new version.
  await areas.filter({ hasText: "Hälsa" }).getByRole("link", { name: "Hälsa" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ändra området Hälsa" })).toBeVisible();
  await visit(page, page.url());
  await expect(page.getByLabel("Namn på norska (bokmål)")).toHaveValue("Helse");
  await expect(page.getByRole("group", { name: "Stegen på engelska" }).getByRole("textbox")).toHaveCount(10);
  await page.getByRole("button", { name: "Spara som ny version" }).click();
  await expect(page.getByText("Du ändrade ingenting, så ingen ny version sparades.")).toBeVisible({ timeout: 30_000 });
  await visit(page, `${programWheel}/areas/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Nytt område i livshjulet" })).toBeVisible();

  const therapist = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signIn(therapist, USERS.therapist);
  await visit(therapist, wheel);
  await expect(therapist.getByRole("heading", { level: 1, name: "Livshjulet: Hugo Gustafsson" })).toBeVisible();
  await expect(therapist.getByRole("link", { name: "Gör en ny skattning" })).toHaveCount(0);
  expect((await therapist.goto(`${wheel}/new`))?.status()).toBe(403);
  expect((await therapist.goto(programWheel))?.status()).toBe(403);
  await therapist.context().close();

  const volunteer = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signIn(volunteer, USERS.volunteer);
  expect((await volunteer.goto(wheel))?.status()).toBe(404);
  await volunteer.context().close();
});
