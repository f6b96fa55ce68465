import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signedIn, signIn, uniqueName, visit } from "./support.ts";

// The journal, the network and work placements, as their users meet them. This spec alone uses the demo
// participant Noah Jönsson (person index 11 in src/demo/intake-story.ts): his coordinator is Leila Haddad
// (coordinators[11 % 3]) and his referring case officer Eva Strand at Region Kalmar län (officers[11 % 4]),
// whose authority his consent covers. Every test writes its own texts (unique names), so they can run at
// the same time and never assume an empty list.

const COORDINATOR = "leila.haddad@kalmar.example";
const REFERRING_OFFICER = "eva.strand@regionkalmar.example";
const OTHER_OFFICER = "anders.lund@forsakringskassan.example";
const PARTICIPANT = "Noah Jönsson";

/** Noah's enrolment, found as the program's staff find it (the program's places, then the enrolment). */
async function noahsEnrolment(page: Page): Promise<string> {
  const href = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  const places = (await (await page.request.get(`/api/v1/programs/${href!.split("/").pop()}/places`)).json()) as { ordinary: { placementId: string; name: string | null }[] };
  const placement = places.ordinary.find((p) => p.name === PARTICIPANT);
  expect(placement, "Noah has a place in the ordinary group").toBeDefined();
  const form = (await (await page.request.get(`/api/v1/placements/${placement!.placementId}/enrolment`)).json()) as { enrolment: { id: string } | null };
  expect(form.enrolment, "Noah is enrolled").not.toBeNull();
  return form.enrolment!.id;
}

let enrolmentId: string | null = null;
async function enrolment(browser: Browser): Promise<string> {
  if (!enrolmentId) {
    const page = await signedIn(browser, COORDINATOR);
    enrolmentId = await noahsEnrolment(page);
    await page.context().close();
  }
  return enrolmentId;
}

const note = (page: Page, text: string) => page.getByTestId("journal-note").filter({ hasText: text });

test("a coordinator writes a note and a correction, sees both linked; the referring officer sees the shared note, not the staff-only one", async ({ page, browser }) => {
  const id = await enrolment(browser);
  const tag = uniqueName("Anteckning");
  const shared = `Delad: ${tag} var med på gruppen och berättade om praktiken.`;
  const staffOnly = `Personal: ${tag} berättade om sömnen och medicinen.`;
  const corrected = `Rättad: ${tag} var med på gruppen två dagar och berättade om praktiken.`;

  await signIn(page, COORDINATOR);
  await visit(page, `/enrolments/${id}/journal`);
  await expect(page.getByRole("heading", { level: 1, name: `Journal för ${PARTICIPANT}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tillbaka till deltagarens sida" })).toHaveAttribute("href", `/enrolments/${id}`);
  await hydrated(page);
  // Who sees a shared note now is said where it is chosen.
  await expect(page.getByText("Just nu: Eva Strand (Region Kalmar län)")).toBeVisible();

  // A shared note, then one for the program's staff only.
  await page.getByRole("radio", { name: "Grupp", exact: true }).check();
  await page.getByRole("radio", { name: "Delas med deltagarens handläggare" }).check();
  await page.getByLabel("Anteckning", { exact: true }).fill(shared);
  await page.getByRole("button", { name: "Spara anteckningen" }).click();
  await expect(page.getByText("Anteckningen är sparad.")).toBeVisible();
  await expect(note(page, shared)).toContainText("Delad med handläggare");
  await expect(note(page, shared)).toContainText("Skriven av Leila Haddad");

  await page.getByRole("radio", { name: "Enskilt samtal", exact: true }).check();
  await page.getByRole("radio", { name: "Bara programmets personal" }).check();
  await page.getByLabel("Anteckning", { exact: true }).fill(staffOnly);
  await page.getByRole("button", { name: "Spara anteckningen" }).click();
  await expect(note(page, staffOnly)).toContainText("Bara personalen");
  await expectAccessible(page);

  // The correction: the whole note as it should be, starting from the old one.
  await note(page, shared).getByRole("link", { name: /^Skriv en rättelse/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Rätta en anteckning om ${PARTICIPANT}` })).toBeVisible();
  await expectAccessible(page);
  const body = page.getByLabel("Anteckning", { exact: true });
  await expect(body).toHaveValue(shared);
  await expect(page.getByRole("radio", { name: "Delas med deltagarens handläggare" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Grupp", exact: true })).toBeChecked();
  await body.fill(corrected);
  await page.getByRole("button", { name: "Spara rättelsen" }).click();
  await expect(page.getByText("Rättelsen är sparad.")).toBeVisible();

  // Both are there, linked both ways; the old one is marked corrected and can no longer be corrected.
  const original = note(page, shared);
  const correction = note(page, corrected);
  await expect(original).toContainText("Rättad");
  await expect(original.getByRole("link", { name: /^Skriv en rättelse/ })).toHaveCount(0);
  await expect(correction).toContainText("Rättelse");
  const correctionId = await correction.getAttribute("id");
  const originalId = await original.getAttribute("id");
  await expect(original.getByRole("link", { name: /^Anteckningen är rättad\. Se rättelsen från / })).toHaveAttribute("href", `/enrolments/${id}/journal#${correctionId}`);
  await expect(correction.getByRole("link", { name: /^Rättar anteckningen från / })).toHaveAttribute("href", `/enrolments/${id}/journal#${originalId}`);
  await original.getByRole("link", { name: /^Anteckningen är rättad/ }).click();
  await expect(page).toHaveURL(new RegExp(`#${correctionId}$`));
  await expectAccessible(page);

  // The referring officer: the shared note and its correction, never the staff-only note, and no form.
  const officer = await signedIn(browser, REFERRING_OFFICER);
  await visit(officer, `/enrolments/${id}/journal`);
  await expect(officer.getByRole("heading", { level: 1, name: `Journal för ${PARTICIPANT}` })).toBeVisible();
  await expect(officer.getByText("Här ser du de anteckningar som programmet delar")).toBeVisible();
  await expect(note(officer, corrected)).toBeVisible();
  await expect(note(officer, shared)).toContainText("Rättad");
  await expect(officer.getByText(staffOnly)).toHaveCount(0);
  await expect(officer.locator("main")).not.toContainText(`Personal: ${tag}`);
  await expect(officer.getByRole("heading", { name: "Skriv en anteckning" })).toHaveCount(0);
  await expect(officer.getByRole("link", { name: /^Skriv en rättelse/ })).toHaveCount(0);
  // Opening a note for correction is not theirs.
  expect((await officer.goto(`/enrolments/${id}/journal/${originalId!.replace(/^note-/, "")}/correct`))?.status()).toBe(403);
  await expectAccessible(officer);
  await officer.context().close();

  // A case officer who does not work with Noah does not even learn that the journal exists.
  const other = await signedIn(browser, OTHER_OFFICER);
  expect((await other.goto(`/enrolments/${id}/journal`))?.status()).toBe(404);
  await expectAccessible(other);
  await other.context().close();
});

test("the journal's filters narrow the list, and a filter that cannot be used is told at its field", async ({ page, browser }) => {
  const id = await enrolment(browser);
  const text = `${uniqueName("Myndighetskontakt")}: ringde Försäkringskassan om sjukpenningen.`;
  await signIn(page, COORDINATOR);
  await visit(page, `/enrolments/${id}/journal`);
  await hydrated(page);
  await page.getByRole("radio", { name: "Kontakt med myndighet", exact: true }).check();
  await page.getByRole("radio", { name: "Bara programmets personal" }).check();
  await page.getByLabel("Anteckning", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Spara anteckningen" }).click();
  await expect(note(page, text)).toBeVisible();

  const filter = page.getByRole("search", { name: "Filtrera anteckningarna" });
  await filter.getByLabel("Typ").selectOption({ label: "Grupp" });
  await filter.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/kind=group/);
  await expect(note(page, text)).toHaveCount(0);
  await expect(page.getByText(/^(Visar \d+ av \d+ anteckningar?|Inga anteckningar passar filtret)\.$/)).toBeVisible();
  await expectAccessible(page);

  await filter.getByLabel("Typ").selectOption({ label: "Kontakt med myndighet" });
  await filter.getByLabel("Skriven av").selectOption({ label: "Leila Haddad" });
  await filter.getByRole("button", { name: "Visa" }).click();
  await expect(note(page, text)).toBeVisible();
  const kinds = await page.getByTestId("journal-note").getByRole("heading", { level: 3 }).allInnerTexts();
  expect(kinds.every((k) => k.endsWith("Kontakt med myndighet"))).toBe(true);

  await visit(page, `/enrolments/${id}/journal?from=ig%C3%A5r&to=2020-01-01`);
  await expect(page.getByLabel("Från och med")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Från och med")).toHaveValue("igår");
  await expect(page.getByText("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2001-03-14.")).toBeVisible();
  // The list is shown unfiltered meanwhile.
  await expect(note(page, text)).toBeVisible();
  await page.getByRole("link", { name: "Visa alla anteckningar" }).click();
  await expect(page).toHaveURL(new RegExp(`/enrolments/${id}/journal$`));
});

test("a coordinator adds a contact to the network, changes it and ends it; ended contacts are kept", async ({ page, browser }) => {
  const id = await enrolment(browser);
  const name = uniqueName("Eva Kurator ");
  await signIn(page, COORDINATOR);
  await visit(page, `/enrolments/${id}/network`);
  await expect(page.getByRole("heading", { level: 1, name: `Nätverket runt ${PARTICIPANT}` })).toBeVisible();
  await hydrated(page);

  // A contact at an authority needs the authority: said at the field, what was typed kept.
  await page.getByRole("radio", { name: "Myndighet", exact: true }).check();
  await page.getByLabel("Namn", { exact: true }).fill(name);
  await page.getByLabel("Roll", { exact: true }).fill("Kurator");
  await page.getByRole("button", { name: "Lägg till kontakten" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("Välj vilken myndighet kontakten finns på.");
  await expect(page.getByLabel("Vilken myndighet?")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Namn", { exact: true })).toHaveValue(name);
  await expectAccessible(page);
  await page.getByLabel("Vilken myndighet?").selectOption({ label: "Region Kalmar län" });
  await page.getByLabel("Telefon").fill("0480-44 50 00");
  await page.getByLabel("E-post").fill("kurator@regionkalmar.example");
  await page.getByRole("button", { name: "Lägg till kontakten" }).click();
  await expect(page.getByText("Kontakten är tillagd.")).toBeVisible();
  const current = page.getByRole("table", { name: "Deltagarens kontakter nu" });
  const row = current.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Region Kalmar län");
  await expect(row).toContainText("Kurator");
  await expect(row.getByRole("link", { name: "kurator@regionkalmar.example" })).toHaveAttribute("href", "mailto:kurator@regionkalmar.example");
  await expectAccessible(page);

  // Change it.
  await row.getByRole("link", { name: `Ändra eller avsluta (${name})` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ändra kontakt: ${name}` })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByLabel("Vilken myndighet?")).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("Roll", { exact: true }).fill("Kurator på vuxenpsykiatrin");
  await page.getByRole("button", { name: "Spara ändringarna" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();
  await expect(current.getByRole("row").filter({ hasText: name })).toContainText("Kurator på vuxenpsykiatrin");

  // End it: kept under earlier contacts, no longer among the current ones.
  await current.getByRole("row").filter({ hasText: name }).getByRole("link", { name: /^Ändra eller avsluta/ }).click();
  await page.getByRole("button", { name: "Avsluta kontakten" }).click();
  await expect(page.getByText("Kontakten är avslutad. Den finns kvar under Tidigare kontakter.")).toBeVisible();
  await expect(current.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  const ended = page.getByRole("table", { name: "Kontakter som inte längre är med i nätverket" });
  await expect(ended.getByRole("row").filter({ hasText: name })).toContainText(/\d{4}-\d{2}-\d{2}/);
  await expect(ended.getByRole("link", { name: /^Ändra eller avsluta/ })).toHaveCount(0);
  await expectAccessible(page);

  // The referring officer reads the network, without the forms.
  const officer = await signedIn(browser, REFERRING_OFFICER);
  await visit(officer, `/enrolments/${id}/network`);
  await expect(officer.getByRole("table", { name: "Kontakter som inte längre är med i nätverket" }).getByRole("row").filter({ hasText: name })).toBeVisible();
  await expect(officer.getByRole("heading", { name: "Lägg till en kontakt" })).toHaveCount(0);
  await officer.context().close();
});

test("a coordinator records a job and sees the measures; ends it", async ({ page, browser }) => {
  const id = await enrolment(browser);
  const employer = uniqueName("Kalmar Lager ");
  await signIn(page, COORDINATOR);
  await visit(page, `/enrolments/${id}/work`);
  await expect(page.getByRole("heading", { level: 1, name: `Praktik och arbete för ${PARTICIPANT}` })).toBeVisible();
  await hydrated(page);
  const today = await page.getByLabel("Startdatum").inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const day = (offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

  // Too many hours: refused at the field, with what was typed kept.
  await page.getByLabel("Arbetsgivare eller praktikplats").fill(employer);
  await page.getByRole("radio", { name: "Reguljärt arbete", exact: true }).check();
  await page.getByLabel("Startdatum").fill(day(-14));
  await page.getByLabel("Timmar per vecka").fill("90");
  await page.getByRole("button", { name: "Registrera" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("Skriv ett antal timmar som är mer än 0 och högst 80.");
  await expect(page.getByLabel("Timmar per vecka")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Arbetsgivare eller praktikplats")).toHaveValue(employer);
  await expectAccessible(page);

  await page.getByLabel("Timmar per vecka").fill("20,5");
  await page.getByRole("button", { name: "Registrera" }).click();
  await expect(page.getByText("Det är registrerat.")).toBeVisible();
  const row = page.getByTestId("work-row").filter({ hasText: employer });
  await expect(row).toContainText("Reguljärt arbete");
  await expect(row).toContainText("20,5");
  await expect(row).toContainText("Pågår");
  // The measures: a competitive job has begun, so the days to the first job are counted, and hours now.
  const measures = page.getByRole("table", { name: "Måtten för reguljärt arbete, anställning och allt arbete" });
  await expect(measures.getByRole("columnheader")).toHaveText(["Mått", "Reguljärt arbete", "Anställning, även med stöd", "Allt arbete, även praktik"]);
  const daysRow = measures.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Dagar från inskrivningen till första" }) });
  await expect(daysRow.getByRole("cell").nth(0)).toHaveText(/^\d+$/);
  const hoursRow = measures.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Timmar per vecka nu" }) });
  expect(Number((await hoursRow.getByRole("cell").nth(0).innerText()).replace(",", "."))).toBeGreaterThanOrEqual(20.5);
  await expectAccessible(page);

  // Ended yesterday: no longer going on.
  await row.getByText("Avsluta").first().click();
  await row.getByLabel(/^Sista dagen/).fill(day(-1));
  await row.getByRole("button", { name: `Avsluta (${employer})` }).click();
  await expect(page.getByText("Det är avslutat.")).toBeVisible();
  await expect(page.getByTestId("work-row").filter({ hasText: employer })).toContainText("Avslutad");
  await expect(page.getByTestId("work-row").filter({ hasText: employer }).getByRole("button", { name: /^Avsluta/ })).toHaveCount(0);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a note and its correction work as plain forms, with messages at their fields and what was typed kept", async ({ browser }) => {
    const id = await enrolment(browser);
    const page = await signedIn(browser, COORDINATOR, false);

    // A note without type, readers or text.
    await page.goto(`/enrolments/${id}/journal`);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Datum", { exact: true }).fill("2001-01-01");
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    const summary = page.locator(".spelplan-error-summary");
    await expect(summary).toContainText("Du måste välja ett alternativ.");
    await expect(summary).toContainText("Du måste fylla i det här fältet.");
    await expect(page.getByLabel("Anteckning", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Datum", { exact: true })).toHaveValue("2001-01-01");
    await expectAccessibleWithoutJs(page);
    const text = `${uniqueName("Utan skript")}: enskilt samtal om veckan.`;
    await page.getByRole("radio", { name: "Enskilt samtal", exact: true }).check();
    await page.getByRole("radio", { name: "Bara programmets personal" }).check();
    await page.getByLabel("Anteckning", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Spara anteckningen" }).click();
    await expect(page.getByText("Anteckningen är sparad.")).toBeVisible();
    await expect(note(page, text)).toContainText("2001-01-01");

    // A correction dated in the future is refused at the date.
    await note(page, text).getByRole("link", { name: /^Skriv en rättelse/ }).click();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Datum", { exact: true }).fill("2999-01-01");
    await page.getByRole("button", { name: "Spara rättelsen" }).click();
    await expect(page.locator(".spelplan-error-summary")).toContainText("Datumet kan inte vara senare än i dag.");
    await expect(page.getByLabel("Anteckning", { exact: true })).toHaveValue(text);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Datum", { exact: true }).fill("2001-01-02");
    await page.getByRole("button", { name: "Spara rättelsen" }).click();
    await expect(page.getByText("Rättelsen är sparad.")).toBeVisible();
    await expect(note(page, text).first()).toBeVisible();
    await page.context().close();
  });

  test("adding and ending a network contact work as plain forms", async ({ browser }) => {
    const id = await enrolment(browser);
    const page = await signedIn(browser, COORDINATOR, false);
    // A contact with an e-mail address that is not one.
    const name = uniqueName("Syster ");
    await page.goto(`/enrolments/${id}/network`);
    await expectAccessibleWithoutJs(page);
    await page.getByRole("radio", { name: "Familj och närstående", exact: true }).check();
    await page.getByLabel("Namn", { exact: true }).fill(name);
    await page.getByLabel("E-post").fill("inte en adress");
    await page.getByRole("button", { name: "Lägg till kontakten" }).click();
    await expect(page.locator(".spelplan-error-summary")).toContainText("Skriv en e-postadress");
    await expect(page.getByLabel("Namn", { exact: true })).toHaveValue(name);
    await expect(page.getByRole("radio", { name: "Familj och närstående", exact: true })).toBeChecked();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("E-post").fill("");
    await page.getByRole("button", { name: "Lägg till kontakten" }).click();
    await expect(page.getByText("Kontakten är tillagd.")).toBeVisible();
    await page.getByRole("link", { name: `Ändra eller avsluta (${name})` }).click();
    await expectAccessibleWithoutJs(page);
    await page.getByRole("button", { name: "Avsluta kontakten" }).click();
    await expect(page.getByRole("table", { name: "Kontakter som inte längre är med i nätverket" }).getByRole("row").filter({ hasText: name })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.context().close();
  });

  test("recording and ending work work as plain forms", async ({ browser }) => {
    const id = await enrolment(browser);
    const page = await signedIn(browser, COORDINATOR, false);
    // An internship ending before it starts, then recorded.
    const employer = uniqueName("Praktik ");
    await page.goto(`/enrolments/${id}/work`);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Arbetsgivare eller praktikplats").fill(employer);
    await page.getByRole("radio", { name: "Praktik", exact: true }).check();
    await page.getByLabel("Slutdatum (om det finns)").fill("2001-01-01");
    await page.getByLabel("Timmar per vecka").fill("8");
    await page.getByRole("button", { name: "Registrera" }).click();
    await expect(page.locator(".spelplan-error-summary")).toContainText("Slutdatumet kan inte vara före startdatumet.");
    await expect(page.getByLabel("Timmar per vecka")).toHaveValue("8");
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Slutdatum (om det finns)").fill("");
    await page.getByRole("button", { name: "Registrera" }).click();
    await expect(page.getByText("Det är registrerat.")).toBeVisible();
    await expect(page.getByTestId("work-row").filter({ hasText: employer })).toContainText("Praktik");
    // Ending it without a day: the disclosure opens by itself with the message.
    const row = page.getByTestId("work-row").filter({ hasText: employer });
    await row.getByText("Avsluta").first().click();
    await row.getByLabel(/^Sista dagen/).fill("");
    await row.getByRole("button", { name: `Avsluta (${employer})` }).click();
    await expect(page.getByTestId("work-row").filter({ hasText: employer }).getByLabel(/^Sista dagen/)).toHaveAttribute("aria-invalid", "true");
    await expectAccessibleWithoutJs(page);
    await page.context().close();
  });
});
