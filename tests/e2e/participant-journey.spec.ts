import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, hydrated, pdfText, rate, signIn, uniqueName, USERS, visit, WHEEL_AREAS } from "./support.ts";

// The participant's journey through KRUS, tried as a coordinator new to Spelplan would: from the caseload
// to a participant who has just started, a plan written with her, two life-area readings and the chart
// changing with them, a follow-up meeting held, the plan turned into a plan for the future and accepted,
// the exit "according to plan", the plan printed, and the 90-day follow-up waiting for its day. The
// participant is Maja Larsson (demo data, Johan Ek's participant), whom no other spec touches. Her exit
// frees a place in the demo's full group, so this spec runs after the intake journey (project "leaving").

test.describe.configure({ mode: "serial", timeout: 300_000 });

const PARTICIPANT = "Maja Larsson";

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const long = (date: string) => new Intl.DateTimeFormat("sv-SE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));

/** One of the hub's parts (plan, wheel, ...), opened from the hub's own menu. */
async function openPart(page: Page, hub: string, name: string) {
  await visit(page, hub);
  await page.getByRole("navigation", { name: "Delar av deltagarens resa" }).getByRole("link", { name, exact: true }).click();
  await hydrated(page);
  await expectAccessible(page);
}

/** Records a reading by the coordinator at an occasion; ends on the wheel page. */
async function recordReading(page: Page, occasion: string, scores: number[], note: string) {
  await page.getByRole("link", { name: "Gör en ny skattning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny skattning i livshjulet" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("radio", { name: "Koordinatorn" }).check();
  await page.getByRole("radio", { name: occasion, exact: true }).check();
  await rate(page, scores);
  await page.getByLabel("Anteckning (om du vill)").fill(note);
  await page.getByRole("button", { name: "Spara skattningen" }).click();
  await expect(page.getByText("Skattningen är sparad.")).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);
}

test("a coordinator takes a participant from her first plan to an exit according to plan, and the 90-day follow-up waits for its day", async ({ page }) => {
  const mark = uniqueName("Resa");
  await signIn(page, USERS.coordinator2);

  // 1. The caseload: Maja is new and has no plan yet.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mina deltagare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mina deltagare" })).toBeVisible();
  await expectAccessible(page);
  const row = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: PARTICIPANT }) });
  await expect(row).toContainText("Ny deltagare som inte har någon plan än");
  await row.getByRole("link", { name: PARTICIPANT }).click();
  await expect(page.getByRole("heading", { level: 1, name: PARTICIPANT })).toBeVisible();
  await expectAccessible(page);
  const hub = new URL(page.url()).pathname;
  expect(hub).toMatch(/^\/enrolments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("region", { name: "Översikt" })).toContainText("Ingen plan än");

  // 2. The plan, written with her: a goal, a sub-goal, an obstacle and an action.
  await openPart(page, hub, "Plan");
  await expect(page.getByRole("heading", { level: 1, name: `Planen för ${PARTICIPANT}` })).toBeVisible();
  await page.getByRole("link", { name: "Skriv planen" }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Vad siktar deltagaren mot?").selectOption({ label: "Arbete" });
  await page.getByLabel("Målet, med deltagarens egna ord").fill(`Jobba i en butik ${mark}`);
  await page.getByRole("button", { name: "Lägg till ett delmål" }).click();
  await page.getByLabel("Delmål 1").fill(`Klara tre förmiddagar i veckan ${mark}`);
  await page.getByRole("button", { name: "Lägg till ett hinder" }).click();
  const obstacle = page.getByTestId("plan-obstacle").first();
  await obstacle.getByLabel("Vad är hindret?").fill("Sover dåligt");
  await obstacle.getByLabel("Hur tar deltagaren sig förbi det?").fill("Fasta tider och promenad varje morgon");
  await page.getByRole("button", { name: "Lägg till en aktivitet" }).click();
  const action = page.getByTestId("plan-action").first();
  await action.getByLabel("Vad ska göras?").fill(`Praktik i butik två dagar i veckan ${mark}`);
  await action.getByLabel("Överenskommen med deltagaren").check();
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await expect(page.getByText("Planen är sparad som version 1.")).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId("plan-not-accepted")).toBeVisible();

  // 3. Two readings of the life-area wheel: the chart and the table change with them.
  await openPart(page, hub, "Livshjulet");
  await expect(page.getByRole("heading", { level: 1, name: `Livshjulet: ${PARTICIPANT}` })).toBeVisible();
  const first = [3, 2, 5, 2, 4, 3, 4, 6, 3];
  const second = [5, 3, 6, 5, 4, 6, 5, 7, 5];
  await recordReading(page, "Start", first, `Vid starten ${mark}`);
  const chart = page.getByRole("img", { name: `Livshjulet för ${PARTICIPANT}` });
  await expect(chart.locator('[data-testid="wheel-polygon"]')).toHaveCount(1);
  await recordReading(page, "Under tiden", second, `Efter två månader ${mark}`);
  await expect(chart.locator('[data-testid="wheel-polygon"]')).toHaveCount(2);
  const table = page.getByRole("table", { name: "Skattningarna i diagrammet, per område" });
  const rows = table.getByTestId("wheel-numbers-row");
  await expect(rows).toHaveCount(WHEEL_AREAS.length);
  for (const [i, area] of WHEEL_AREAS.entries()) {
    const change = second[i]! - first[i]!;
    await expect(rows.nth(i).getByRole("rowheader")).toHaveText(area);
    await expect(rows.nth(i).getByRole("cell")).toHaveText([String(first[i]), String(second[i]), change > 0 ? `+${change}` : String(change)]);
  }
  await expect(page.getByTestId("wheel-change-summary")).toContainText("högre i 8, lika i 1 och lägre i 0 av områdena");

  // 4. A follow-up meeting: booked for today, then documented.
  await openPart(page, hub, "Uppföljningar");
  const place = `KRUS-lokalen ${mark}`;
  await page.getByLabel("Datum", { exact: true }).fill(today());
  await page.getByLabel("Tid", { exact: true }).fill("10:00");
  await page.getByLabel("Plats (valfritt)").fill(place);
  await page.getByRole("button", { name: "Boka mötet" }).click();
  await expect(page.getByText("Mötet är bokat.")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("coming-follow-up").filter({ hasText: place }).getByRole("link", { name: /^Dokumentera eller ställ in mötet/ }).click();
  await hydrated(page);
  await expectAccessible(page);
  const minutes = `Praktiken går bra, planen håller ${mark}.`;
  await page.getByLabel("Anteckningar från mötet").fill(minutes);
  await page.getByRole("button", { name: "Spara dokumentationen" }).click();
  await expect(page.getByText("Mötet är dokumenterat.")).toBeVisible();
  await expect(page.getByTestId("held-follow-up").filter({ hasText: minutes })).toContainText("Johan Ek (koordinator)");
  await expectAccessible(page);

  // 5. Before the exit: the plan becomes the plan for the future, and Maja accepts it.
  await openPart(page, hub, "Plan");
  await page.getByRole("link", { name: "Plan för framtiden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Plan för framtiden för ${PARTICIPANT}` })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const advice = `Fortsätt med praktiken och ha kontakt med Arbetsförmedlingen varje månad ${mark}.`;
  await page.getByLabel("Rekommendationer inför framtiden").fill(advice);
  await page.getByRole("button", { name: "Gör planen till en plan för framtiden" }).click();
  await expect(page.getByText("Planen för framtiden är sparad som version 2.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Registrera att deltagaren godkänner planen" }).click();
  await hydrated(page);
  await expect(page.getByLabel("Vilken version godkände deltagaren?")).toHaveValue("2");
  await page.getByRole("radio", { name: "Sa ja vid ett möte" }).check();
  await page.getByRole("button", { name: "Registrera godkännande" }).click();
  await expect(page.getByText("Godkännandet är registrerat.")).toBeVisible();
  await expectAccessible(page);

  // 6. The exit, according to plan: allowed now that the final plan is accepted.
  await openPart(page, hub, "Avslut");
  await expect(page.getByTestId("exit-plan-status")).toContainText("Det finns en godkänd slutplan (version 2");
  await page.getByRole("radio", { name: "Slutfört" }).check();
  await page.getByRole("radiogroup", { name: "Hur slutfördes deltagandet?" }).getByRole("radio", { name: "Enligt planen" }).check();
  await expect(page.getByTestId("exit-plan-warning")).toHaveCount(0);
  await page.getByRole("radio", { name: "Arbete med stöd (till exempel lönebidrag)" }).check();
  await page.getByLabel("Datum för avslutsmötet (valfritt)").fill(today());
  const meeting = page.getByRole("group", { name: "Vilka var med på avslutsmötet?" });
  await meeting.getByRole("checkbox", { name: `Deltagaren (${PARTICIPANT})` }).check();
  await meeting.getByRole("checkbox", { name: "Johan Ek" }).check();
  await page.getByRole("button", { name: "Registrera avslutet" }).click();
  await expect(page.getByText("Avslutet är registrerat. Platsen i gruppen är ledig.")).toBeVisible();
  await expectAccessible(page);
  const summary = page.getByTestId("exit-summary");
  await expect(summary).toContainText("Slutfört: Enligt planen");
  await expect(summary).toContainText("Arbete med stöd (till exempel lönebidrag)");

  // The 90-day follow-up is created, due 90 days after the exit; the form waits for that day.
  const due = addDays(today(), 90);
  await expect(page.getByTestId("ninety-day")).toContainText(long(due));
  await expect(page.getByTestId("ninety-day")).toContainText("Senare");
  await expect(page.getByText(`Formuläret visas här ${long(due)}.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Spara uppföljningen" })).toHaveCount(0);

  // 7. The plan for the future, printed: in plain Swedish, with the recommendations and the acceptance.
  await openPart(page, hub, "Plan");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Skriv ut planen (PDF)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^plan-P-[0-9A-Z]{6}-v2\.pdf$/);
  const response = await page.request.get(`${hub}/plan.pdf?version=2`);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const text = await pdfText(await response.body());
  expect(text).toContain("Din plan för framtiden");
  expect(text).toContain(PARTICIPANT);
  expect(text).toContain(`Praktik i butik två dagar i veckan ${mark}`);
  expect(text).toContain("Du godkände den här planen");

  // 8. Back on the caseload, Maja has left the group and waits for her 90-day follow-up.
  await visit(page, "/caseload");
  const after = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: PARTICIPANT }) });
  await expect(after).toContainText("Avslutad, 90-dagarsuppföljning återstår");
  await expect(after).not.toContainText("Ny deltagare som inte har någon plan än");
});
