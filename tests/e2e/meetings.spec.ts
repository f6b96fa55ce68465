import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signIn, uniqueName, USERS, visit, signedIn, consentAndSubmit, fillRequestDraft } from "./support.ts";

// Consultations and the collaboration team's meetings, as their users meet them: an officer asks the team
// for advice without naming anyone; the coordinator runs the meeting (attendance, the three questions, the
// decision); the officer gets the answer; what a team member sees follows the person's consent.

const TEAM_AF = "fatima.ali@arbetsformedlingen.example";

/**
 * The officer (Anders Lund, Försäkringskassan) registers a new person and sends an interest request
 * with a consent that covers Försäkringskassan only. Returns the request's address and the person's name.
 */
async function submitRequest(page: Page): Promise<{ url: string; name: string; meetingDate: string }> {
  const first = "Mo";
  const last = uniqueName("Motesson");
  await page.goto("/requests/new");
  await hydrated(page);
  await page.getByRole("link", { name: "Registrera en ny person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrera person" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Förnamn").fill(first);
  await page.getByLabel("Efternamn").fill(last);
  await page.getByLabel("Födelsedatum").fill("2001-04-05");
  await page.getByRole("radio", { name: "Kvinna" }).check();
  await page.getByRole("button", { name: "Registrera", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Skapa intresseförfrågan" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Skapa intresseförfrågan" }).click();
  await fillRequestDraft(page, `${first} ${last}`);
  const meetingDate = await consentAndSubmit(page, ["Försäkringskassan"]);
  return { url: new URL(page.url()).pathname, name: `${first} ${last}`, meetingDate };
}

/** The page of the meeting held on a date ("9 december 2026"), opened from the meetings overview. */
async function openMeeting(page: Page, date: string, check: (page: Page) => Promise<void> = expectAccessible): Promise<string> {
  await page.goto("/meetings");
  await check(page);
  await page.getByRole("link", { name: date, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `Möte ${date}` })).toBeVisible();
  await check(page);
  return new URL(page.url()).pathname;
}

/** One item on the agenda, found by what it says. */
function agendaItem(page: Page, text: string) {
  return page.getByRole("article").filter({ hasText: text });
}

test("an officer asks the team for advice without naming anyone, and the team's advice reaches them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const question = `Passar KRUS, eller behövs något annat först? ${uniqueName("fraga")}`;
  await signIn(page, USERS.officerFk);
  await visit(page, "/consultations");
  await expect(page.getByRole("heading", { level: 1, name: "Konsultationer" })).toBeVisible();
  await page.getByRole("link", { name: "Ny konsultation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny konsultation" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await expect(page.getByText("Skriv inte namn, personnummer, adress eller annat som kan visa vem personen är.")).toBeVisible();

  // An identity number is refused at its field, with what was typed kept.
  await page.getByLabel("Ålder").selectOption({ label: "25–29 år" });
  await page.getByRole("radio", { name: "Man" }).check();
  await page.getByLabel("Situationen").fill("Man, 19990822-2385? Nej: 20010314-2386, sjukskriven.");
  await page.getByLabel("Din fråga till samverkansteamet").fill(question);
  await page.getByRole("button", { name: "Skicka till samverkansteamet" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("Ta bort personnumret.");
  await expect(page.getByLabel("Situationen")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Din fråga till samverkansteamet")).toHaveValue(question);
  await expectAccessible(page);

  await page.getByLabel("Situationen").fill("Man i 25-årsåldern, sjukskriven i ett år, har prövat arbetsträning.");
  await page.getByRole("button", { name: "Skicka till samverkansteamet" }).click();
  await expect(page.getByText("Konsultationen är skickad till samverkansteamet.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Konsultation: Man, 25–29 år" })).toBeVisible();
  await expect(page.getByText(/Samverkansteamet tar upp frågan på mötet den/)).toBeVisible();
  await expectAccessible(page);
  const consultationUrl = new URL(page.url()).pathname;
  // Anders Lund is a team member too, so he may open the meeting from here.
  const meetingHref = await page.getByRole("link", { name: /^Mötet / }).getAttribute("href");
  expect(meetingHref).toMatch(/^\/meetings\//);

  // A team member from another authority gives the team's advice at the meeting.
  const team = await signedIn(browser, TEAM_AF);
  await visit(team, meetingHref!);
  const item = agendaItem(team, question);
  await expect(item.getByRole("heading", { level: 3 })).toContainText("Konsultation: Man, 25–29 år");
  await expect(item).toContainText("Anders Lund, Försäkringskassan");
  const advice = `Börja med ett studiebesök. ${uniqueName("rad")}`;
  await hydrated(team);
  await item.getByLabel("Råd till handläggaren").fill(advice);
  await item.getByRole("button", { name: /^Skicka rådet/ }).click();
  await expect(agendaItem(team, question).getByText("Rådet är registrerat.")).toBeVisible();
  await expect(agendaItem(team, question).getByText(advice)).toBeVisible();
  await expect(agendaItem(team, question).getByText("Besvarad", { exact: true })).toBeVisible();
  await expectAccessible(team);
  await team.context().close();

  // The officer sees the advice on the consultation and in the list.
  await visit(page, consultationUrl);
  await expect(page.getByRole("heading", { level: 2, name: "Samverkansteamets råd" })).toBeVisible();
  await expect(page.getByText(advice)).toBeVisible();
  await visit(page, "/consultations");
  const row = page.getByRole("row").filter({ hasText: question.slice(0, 40) });
  await expect(row.getByText("Besvarad")).toBeVisible();
  await visit(page, "/notifications");
});

test("the coordinator runs the meeting: attendance, the three questions, a 'not ready' decision whose recommendation reaches the officer, and the minutes", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, USERS.officerFk);
  const request = await submitRequest(page);

  const coordinator = await signedIn(browser, USERS.coordinator);
  const meetingUrl = await openMeeting(coordinator, request.meetingDate);
  await hydrated(coordinator);

  // Attendance, per member with the authority they represent.
  const attendance = coordinator.getByRole("group", { name: "Vilka var med på mötet?" });
  await attendance.getByRole("checkbox", { name: "Anders Lund" }).check();
  await attendance.getByRole("checkbox", { name: "Fatima Ali" }).check();
  await expect(attendance.getByText("Försäkringskassan")).toBeVisible();
  await coordinator.getByRole("button", { name: "Spara närvaron" }).click();
  await expect(coordinator.getByText("Närvaron är registrerad.")).toBeVisible();
  await expect(coordinator.getByRole("group", { name: "Vilka var med på mötet?" }).getByRole("checkbox", { name: "Anders Lund" })).toBeChecked();
  await expectAccessible(coordinator);

  // The request: the person, the referrer, the guidance and a link to it.
  const item = agendaItem(coordinator, request.name);
  await expect(item).toContainText("Anders Lund, Försäkringskassan");
  await expect(item.getByText("Passar programmet personen?")).toBeVisible();
  await expect(item.getByRole("link", { name: /Öppna intresseförfrågan/ })).toHaveAttribute("href", request.url);

  // "Not ready" without a recommendation: the message is at the field.
  await item.getByRole("radiogroup", { name: "Har den remitterande myndigheten prövat sina egna möjligheter fullt ut?" }).getByRole("radio", { name: "Nej" }).check();
  await item.getByRole("radiogroup", { name: /Bedöms personen kunna närma sig arbete/ }).getByRole("radio", { name: "Vet inte än" }).check();
  await item.getByRole("radiogroup", { name: "Vill personen delta?" }).getByRole("radio", { name: "Ja" }).check();
  await item.getByRole("radio", { name: "Inte redo nu" }).check();
  await item.getByRole("button", { name: /^Registrera beslutet/ }).click();
  await expect(item.locator(".spelplan-error-summary")).toContainText("Skriv samverkansteamets rekommendation.");
  const recommendationField = item.getByLabel("Rekommendation till handläggaren och personen");
  await expect(recommendationField).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(coordinator);
  // The summary links to the field.
  await item.locator(".spelplan-error-summary").getByRole("link", { name: "Skriv samverkansteamets rekommendation." }).click();
  await expect(recommendationField).toBeFocused();

  const recommendation = `Pröva först arbetsträning via Arbetsförmedlingen. ${uniqueName("rek")}`;
  await recommendationField.fill(recommendation);
  await item.getByRole("button", { name: /^Registrera beslutet/ }).click();
  const decided = agendaItem(coordinator, request.name);
  await expect(decided.getByText("Beslutet är registrerat.")).toBeVisible();
  await expect(decided.getByText("Beslut: Inte redo nu – rekommendation")).toBeVisible();
  await expect(decided.getByText(recommendation)).toBeVisible();
  await expect(decided.getByRole("button", { name: /^Registrera beslutet/ })).toHaveCount(0);
  await expectAccessible(coordinator);

  // The minutes as a PDF, from the link and as a file.
  const download = coordinator.waitForEvent("download");
  await coordinator.getByRole("link", { name: "Ladda ner protokollet (PDF)" }).click();
  expect((await download).suggestedFilename()).toMatch(/^protokoll-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = await coordinator.request.get(`${meetingUrl}/minutes.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment; filename="protokoll-/);
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await coordinator.context().close();

  // The officer who wrote the request reads the team's recommendation on it.
  await visit(page, request.url);
  await expect(page.getByRole("heading", { level: 2, name: /Beslutad/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Samverkansteamets rekommendation" })).toBeVisible();
  await expect(page.getByText(recommendation)).toBeVisible();
});

test("a team member whose authority the consent does not cover sees only that the item exists", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, USERS.officerFk);
  const request = await submitRequest(page);

  // Staff see everyone: find the item's place on the agenda.
  const coordinator = await signedIn(browser, USERS.coordinator);
  await openMeeting(coordinator, request.meetingDate);
  const itemId = await agendaItem(coordinator, request.name).locator("xpath=..").getAttribute("id");
  expect(itemId).toMatch(/^item-/);
  await coordinator.context().close();

  // Fatima Ali represents Arbetsförmedlingen, which the consent leaves out.
  const team = await signedIn(browser, TEAM_AF);
  await openMeeting(team, request.meetingDate);
  const hidden = team.locator(`#${itemId}`);
  await expect(hidden).toContainText("Dold: samtycket omfattar inte din myndighet.");
  await expect(hidden).not.toContainText(request.name.split(" ")[1]!);
  await expect(hidden.getByRole("button", { name: /Registrera beslutet/ })).toHaveCount(0);
  await expect(hidden.getByRole("link")).toHaveCount(0);
  await expect(team.getByText(request.name.split(" ")[1]!)).toHaveCount(0);
  await team.context().close();

  // Anders Lund, on the team for Försäkringskassan, sees the person.
  await openMeeting(page, request.meetingDate);
  await expect(page.locator(`#${itemId}`)).toContainText(request.name);
});

test("the coordinator plans the meetings: the cadence, an extra meeting, and marking a meeting cancelled", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.coordinator);
  await visit(page, "/meetings");
  await expect(page.getByRole("heading", { level: 3, name: /^Ärenden \d{4}$/ })).toBeVisible();
  await expect(page.getByText(/^\d+ av 70 ärenden$/)).toBeVisible();
  await page.getByRole("link", { name: "Mötesschema och extra möten" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Mötesschema" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  const cadence = page.getByRole("region", { name: "Hur ofta teamet möts" });
  const interval = cadence.getByLabel("Antal veckor mellan mötena");
  await expect(interval).toHaveValue("3");
  await expect(cadence.getByLabel("Längd i minuter")).toHaveValue("120");
  await interval.fill("0");
  await cadence.getByRole("button", { name: "Spara schemat" }).click();
  await expect(cadence.locator(".spelplan-error-summary")).toContainText("Skriv ett antal veckor från 1 till 12.");
  await expect(interval).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // The same cadence again plans nothing new.
  await interval.fill("3");
  await cadence.getByRole("button", { name: "Spara schemat" }).click();
  await expect(page.getByText(/^Schemat är sparat\./)).toBeVisible();
  await expectAccessible(page);

  // An extra meeting far ahead (outside what the cadence plans), so that it is nobody's next meeting.
  const extra = page.getByRole("region", { name: "Lägg till ett extra möte" });
  const date = `2029-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
  await extra.getByLabel("Datum").fill(date);
  await extra.getByLabel("Starttid").fill("10:00");
  await extra.getByLabel("Sluttid").fill("09:00");
  await extra.getByRole("button", { name: "Lägg till mötet" }).click();
  await expect(extra.getByLabel("Sluttid")).toHaveAttribute("aria-invalid", "true");
  await expect(extra.locator(".spelplan-error-summary")).toContainText("Sluttiden måste vara efter starttiden.");
  await extra.getByLabel("Sluttid").fill("12:00");
  await extra.getByLabel("Plats").fill("Extra rum");
  await extra.getByRole("button", { name: "Lägg till mötet" }).click();
  await expect(page.getByText("Mötet är tillagt.")).toBeVisible();
  await expect(page.getByText("Det finns inga ärenden på dagordningen.")).toBeVisible();
  await expect(page.getByText("KRUS · 10:00–12:00 · Extra rum")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Ställ in mötet" }).click();
  await expect(page.getByText("Mötet är inställt.")).toBeVisible();
  await expect(page.getByText("Inställt", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ändra tillbaka till planerat" }).click();
  await expect(page.getByRole("button", { name: "Markera mötet som hållet" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the decision form shows its messages at the fields and keeps what was chosen; a postponement needs its reason", async ({ page, browser }) => {
    test.setTimeout(300_000);
    const officer = await signedIn(browser, USERS.officerFk);
    const request = await submitRequest(officer);
    await officer.context().close();

    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.coordinator);
    await page.getByLabel("Lösenord").fill("demo-spelplan-2026");
    await page.getByRole("button", { name: "Logga in" }).click();
    await openMeeting(page, request.meetingDate, expectAccessibleWithoutJs);

    let item = agendaItem(page, request.name);
    await item.getByRole("radiogroup", { name: "Vill personen delta?" }).getByRole("radio", { name: "Ja" }).check();
    await item.getByRole("radio", { name: "Inte redo nu" }).check();
    await item.getByRole("button", { name: /^Registrera beslutet/ }).click();
    item = agendaItem(page, request.name);
    const summary = item.locator(".spelplan-error-summary");
    await expect(summary).toContainText("Skriv samverkansteamets rekommendation.");
    await expect(summary).toContainText("Du måste välja ett alternativ.");
    await expect(item.getByLabel("Rekommendation till handläggaren och personen")).toHaveAttribute("aria-invalid", "true");
    // What was chosen is kept.
    await expect(item.getByRole("radio", { name: "Inte redo nu" })).toBeChecked();
    await expect(item.getByRole("radiogroup", { name: "Vill personen delta?" }).getByRole("radio", { name: "Ja" })).toBeChecked();
    await expectAccessibleWithoutJs(page);

    // Postponing needs a reason.
    await item.getByRole("radiogroup", { name: "Har den remitterande myndigheten prövat sina egna möjligheter fullt ut?" }).getByRole("radio", { name: "Ja" }).check();
    await item.getByRole("radiogroup", { name: /Bedöms personen kunna närma sig arbete/ }).getByRole("radio", { name: "Ja" }).check();
    await item.getByRole("radio", { name: "Skjut upp till nästa möte" }).check();
    await item.getByRole("button", { name: /^Registrera beslutet/ }).click();
    item = agendaItem(page, request.name);
    await expect(item.locator(".spelplan-error-summary")).toContainText("Skriv varför ärendet skjuts upp.");
    await expect(item.getByLabel("Skäl att skjuta upp")).toHaveAttribute("aria-invalid", "true");
    await expectAccessibleWithoutJs(page);
    await item.getByLabel("Skäl att skjuta upp").fill("Personen vill tänka över saken.");
    await item.getByRole("button", { name: /^Registrera beslutet/ }).click();
    item = agendaItem(page, request.name);
    await expect(item.getByText("Beslutet är registrerat.")).toBeVisible();
    await expect(item.getByText("Beslut: Skjuts upp till nästa möte")).toBeVisible();
    await expect(item.getByText("Personen vill tänka över saken.")).toBeVisible();
    await expectAccessibleWithoutJs(page);
  });

  test("consultations are sent and withdrawn as plain forms", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.officerFk);
    await page.getByLabel("Lösenord").fill("demo-spelplan-2026");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.goto("/consultations/new");
    await expectAccessibleWithoutJs(page);
    const question = `Vad rekommenderar ni? ${uniqueName("utanjs")}`;
    await page.getByLabel("Din fråga till samverkansteamet").fill(question);
    await page.getByRole("button", { name: "Skicka till samverkansteamet" }).click();
    const summary = page.locator(".spelplan-error-summary");
    await expect(summary).toContainText("Du måste välja ett alternativ.");
    await expect(summary).toContainText("Du måste fylla i det här fältet.");
    await expect(page.getByLabel("Situationen")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Din fråga till samverkansteamet")).toHaveValue(question);
    await expectAccessibleWithoutJs(page);

    await page.getByLabel("Ålder").selectOption({ label: "40–49 år" });
    await page.getByRole("radio", { name: "Vill inte uppge" }).check();
    await page.getByLabel("Situationen").fill("Har försörjningsstöd och vill prova något nytt.");
    await page.getByRole("button", { name: "Skicka till samverkansteamet" }).click();
    await expect(page.getByText("Konsultationen är skickad till samverkansteamet.")).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByRole("button", { name: "Ta tillbaka konsultationen" }).click();
    await expect(page.getByText("Konsultationen är tagen tillbaka.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: question.slice(0, 40) }).getByText("Tagen tillbaka")).toBeVisible();
    await expectAccessibleWithoutJs(page);
  });
});

test("the pages refuse those who may not use them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.steering);
  expect((await page.goto("/meetings"))?.status()).toBe(403);
  await expectAccessible(page);
  expect((await page.goto("/consultations"))?.status()).toBe(403);
  expect((await page.goto("/consultations/new"))?.status()).toBe(403);

  // A case officer of another program neither sees the meetings nor another officer's consultation.
  const coordinator = await signedIn(browser, USERS.coordinator);
  await coordinator.goto("/meetings");
  const meetingHref = await coordinator.getByRole("link", { name: /\d{4}$/ }).first().getAttribute("href");
  const scheduleHref = await coordinator.getByRole("link", { name: "Mötesschema och extra möten" }).first().getAttribute("href");
  await coordinator.goto("/consultations");
  const consultationHref = await coordinator.getByRole("table").first().getByRole("link").first().getAttribute("href");
  await coordinator.context().close();

  const other = await signedIn(browser, USERS.officerOtherProgram);
  expect((await other.goto(meetingHref!))?.status()).toBe(403);
  expect((await other.goto(`${meetingHref}/minutes.pdf`))?.status()).toBe(403);
  expect((await other.goto(consultationHref!))?.status()).toBe(404);
  await expectAccessible(other);
  await other.context().close();

  // A team member takes part in meetings but does not plan them.
  const team = await signedIn(browser, TEAM_AF);
  expect((await team.goto(scheduleHref!))?.status()).toBe(403);
  await expectAccessible(team);
  await visit(team, "/meetings");
  await expect(team.getByRole("link", { name: "Mötesschema och extra möten" })).toHaveCount(0);
  await team.context().close();
});
