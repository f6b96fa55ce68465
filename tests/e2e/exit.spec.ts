import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signedIn, USERS, visit } from "./support.ts";

// Follow-up meetings, the exit, the passive phase and the 90-day follow-up, as a coordinator meets them.
// The spec uses one demo participant that no other spec touches: Linnea Karlsson (Johan Ek's
// participant in KRUS's ordinary group). Her exit frees a place, so the spec runs after the intake journey
// (project "leaving" in playwright.config.ts), and its steps run in order: first the
// forms without JavaScript (nothing is exited), then the exit with JavaScript, then the passive phase's end
// without it. Texts typed here are unique to this run, so lists other specs add to do not matter.

const PARTICIPANT = "Linnea Karlsson";
const RUN = Math.random().toString(36).slice(2, 8);

// Long flows through several pages, each checked with axe.
test.describe.configure({ mode: "serial", timeout: 180_000 });

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const LONG = new Intl.DateTimeFormat("sv-SE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const long = (date: string) => LONG.format(new Date(`${date}T12:00:00Z`));

/** KRUS's program page (from the main menu) and the participant's enrolment (through the JSON API, which the session may use). */
async function findParticipant(page: Page): Promise<{ programPath: string; enrolmentPath: string }> {
  const programPath = (await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href"))!;
  expect(programPath).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  const places = (await (await page.request.get(`/api/v1${programPath}/places`)).json()) as { ordinary: { name: string | null; placementId: string }[] };
  const found = places.ordinary.find((p) => p.name === PARTICIPANT);
  expect(found, `${PARTICIPANT} has a place in the ordinary group`).toBeTruthy();
  const form = (await (await page.request.get(`/api/v1/placements/${found!.placementId}/enrolment`)).json()) as { enrolment: { id: string } | null };
  expect(form.enrolment).toBeTruthy();
  return { programPath, enrolmentPath: `/enrolments/${form.enrolment!.id}` };
}

/** visit() for a page without JavaScript: axe checks the server-rendered copy. */
async function visitWithoutJs(page: Page, url: string) {
  await page.goto(url);
  await expectAccessibleWithoutJs(page);
}

let paths: { programPath: string; enrolmentPath: string } | undefined;

/** Signed in as the participant's coordinator, with the paths to her enrolment and the program page. */
async function coordinatorPage(browser: Browser, javaScriptEnabled: boolean): Promise<{ page: Page; paths: NonNullable<typeof paths> }> {
  const page = await signedIn(browser, USERS.coordinator2, javaScriptEnabled);
  paths ??= await findParticipant(page);
  return { page, paths };
}

test("without JavaScript: a follow-up is booked (after a refusal that keeps what was typed), documented, and another cancelled", async ({ browser }) => {
  const { page, paths } = await coordinatorPage(browser, false);
  await visitWithoutJs(page, `${paths.enrolmentPath}/follow-ups`);
  await expect(page.getByRole("heading", { level: 1, name: `Uppföljningsmöten för ${PARTICIPANT}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Tillbaka till ${PARTICIPANT}` })).toHaveAttribute("href", paths.enrolmentPath);
  await expect(page.getByTestId("follow-up-next")).toContainText(/bör hållas senast|borde ha hållits|är bokat/);

  // No time: refused, the message at the field and in the summary, the place kept.
  const place = `Biblioteket ${RUN}`;
  await page.getByLabel("Datum", { exact: true }).fill(today());
  await page.getByLabel("Plats (valfritt)").fill(place);
  await page.getByRole("button", { name: "Boka mötet" }).click();
  await expect(page.getByText("Du behöver rätta det här innan du kan gå vidare:")).toBeVisible();
  await expect(page.getByRole("link", { name: "Skriv tiden för mötet." })).toBeVisible();
  await expect(page.getByLabel("Plats (valfritt)")).toHaveValue(place);
  await expectAccessibleWithoutJs(page);
  await page.getByLabel("Tid", { exact: true }).fill("09:00");
  await page.getByRole("button", { name: "Boka mötet" }).click();
  await expect(page.getByText("Mötet är bokat.")).toBeVisible();
  const row = page.getByTestId("coming-follow-up").filter({ hasText: place });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Deltagaren");
  await expect(row).toContainText("Johan Ek (koordinator)");
  await expectAccessibleWithoutJs(page);

  // Document it: who came is proposed from who was invited; notes are required.
  await row.getByRole("link", { name: /^Dokumentera eller ställ in mötet/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Uppföljningsmöte / })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  const whoCame = page.getByRole("group", { name: "Vilka kom?" });
  await expect(whoCame.getByRole("checkbox", { name: `Deltagaren (${PARTICIPANT})` })).toBeChecked();
  await page.getByRole("button", { name: "Spara dokumentationen" }).click();
  await expect(page.getByRole("link", { name: "Du måste fylla i det här fältet." })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  const notes = `Pratade om praktik på biblioteket ${RUN}.`;
  await page.getByLabel("Anteckningar från mötet").fill(notes);
  await page.getByRole("button", { name: "Spara dokumentationen" }).click();
  await expect(page.getByText("Mötet är dokumenterat.")).toBeVisible();
  const held = page.getByTestId("held-follow-up").filter({ hasText: notes });
  await expect(held).toHaveCount(1);
  await expect(held.getByRole("heading", { level: 3 })).toHaveText(`Möte ${long(today())}`);

  // Book one more and cancel it.
  const other = `Stadsbiblioteket ${RUN}`;
  await page.getByLabel("Datum", { exact: true }).fill(addDays(today(), 3));
  await page.getByLabel("Tid", { exact: true }).fill("14:00");
  await page.getByLabel("Plats (valfritt)").fill(other);
  await page.getByRole("button", { name: "Boka mötet" }).click();
  await expect(page.getByText("Mötet är bokat.")).toBeVisible();
  await page.getByTestId("coming-follow-up").filter({ hasText: other }).getByRole("link", { name: /^Dokumentera eller ställ in mötet/ }).click();
  await page.getByLabel("Varför ställs mötet in? (valfritt)").fill("Krockar med läkartid");
  await page.getByRole("button", { name: "Ställ in mötet" }).click();
  await expect(page.getByText("Mötet är inställt.")).toBeVisible();
  await expect(page.getByTestId("coming-follow-up").filter({ hasText: other })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Inställda möten" })).toContainText("Krockar med läkartid");
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});

test("without JavaScript: the exit form offers every reason under its kind, and refuses 'according to plan' without an accepted final plan", async ({ browser }) => {
  const { page, paths } = await coordinatorPage(browser, false);
  await visitWithoutJs(page, `${paths.enrolmentPath}/exit`);
  await expect(page.getByRole("heading", { level: 1, name: `Avslut för ${PARTICIPANT}` })).toBeVisible();
  await expect(page.getByTestId("exit-plan-status")).toContainText("Det finns ingen godkänd slutplan ännu.");
  // One radio group of reasons, a fieldset per kind.
  const reasons = page.getByRole("radiogroup", { name: "Varför slutade deltagandet?" });
  await expect(reasons.getByRole("group", { name: "Slutfört" }).getByRole("radio")).toHaveCount(3);
  await expect(reasons.getByRole("group", { name: "Avbrutet" }).getByRole("radio")).toHaveCount(4);
  await expect(page.getByRole("radio", { name: "Slutfört" })).toHaveCount(0);

  const note = `Avslutsanteckning ${RUN}`;
  await reasons.getByRole("radio", { name: "Enligt planen" }).check();
  await page.getByRole("radio", { name: "Studier" }).check();
  await page.getByLabel("Anteckning (valfritt)").fill(note);
  await page.getByRole("button", { name: "Registrera avslutet" }).click();
  await expect(page.getByText("Du behöver rätta det här innan du kan gå vidare:")).toBeVisible();
  const refusal = "Avslut enligt planen kräver en slutplan som deltagaren har godkänt";
  await expect(page.locator(".spelplan-error-summary")).toContainText(refusal);
  // At the field: why, and the way to the plan.
  const field = page.getByRole("radiogroup", { name: "Varför slutade deltagandet?" });
  await expect(field).toContainText(refusal);
  await expect(field.getByRole("link", { name: "Gå till planen" })).toHaveAttribute("href", `${paths.enrolmentPath}/plan`);
  // What was chosen and typed is kept.
  await expect(page.getByRole("radio", { name: "Enligt planen" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Studier" })).toBeChecked();
  await expect(page.getByLabel("Anteckning (valfritt)")).toHaveValue(note);
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});

test("a coordinator books and documents a follow-up", async ({ browser }) => {
  const { page, paths } = await coordinatorPage(browser, true);
  // Linnea is in the ordinary group on the program page.
  await visit(page, paths.programPath);
  await expect(page.getByRole("heading", { level: 1, name: "KRUS: platser och väntelista" })).toBeVisible();
  await expect(page.getByRole("link", { name: PARTICIPANT, exact: true })).toHaveCount(1);

  // A follow-up: booked for today with the proposed people, then documented.
  await visit(page, `${paths.enrolmentPath}/follow-ups`);
  await hydrated(page);
  const place = `Kontoret ${RUN}`;
  await page.getByLabel("Datum", { exact: true }).fill(today());
  await page.getByLabel("Tid", { exact: true }).fill("11:00");
  await page.getByLabel("Plats (valfritt)").fill(place);
  await expect(page.getByRole("group", { name: "Vem deltar?" }).getByRole("checkbox", { name: "Anders Lund" })).toBeChecked();
  await page.getByRole("button", { name: "Boka mötet" }).click();
  await expect(page.getByText("Mötet är bokat.")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("coming-follow-up").filter({ hasText: place }).getByRole("link", { name: /^Dokumentera eller ställ in mötet/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Uppföljningsmöte / })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const notes = `Gick igenom planen ${RUN}.`;
  await page.getByRole("group", { name: "Vilka kom?" }).getByRole("checkbox", { name: "Anders Lund" }).uncheck();
  await page.getByLabel("Anteckningar från mötet").fill(notes);
  await page.getByRole("button", { name: "Spara dokumentationen" }).click();
  await expect(page.getByText("Mötet är dokumenterat.")).toBeVisible();
  const held = page.getByTestId("held-follow-up").filter({ hasText: notes });
  await expect(held).toContainText("Johan Ek (koordinator)");
  await expect(held).not.toContainText("Anders Lund");
  await expectAccessible(page);
  await page.context().close();
});

test("the coordinator is told why the exit cannot be 'according to plan', and exits 'completed: health' instead", async ({ browser }) => {
  const { page, paths } = await coordinatorPage(browser, true);

  // The exit: "according to plan" is explained at once, and refused by the server too.
  await visit(page, `${paths.enrolmentPath}/exit`);
  await hydrated(page);
  await page.getByRole("radio", { name: "Slutfört" }).check();
  const reasons = page.getByRole("radiogroup", { name: "Hur slutfördes deltagandet?" });
  await expect(reasons.getByRole("radio")).toHaveCount(3);
  await reasons.getByRole("radio", { name: "Enligt planen" }).check();
  const warning = page.getByTestId("exit-plan-warning");
  await expect(warning).toContainText("Avslut enligt planen kräver en slutplan som deltagaren har godkänt");
  await expect(warning.getByRole("link", { name: "Gå till planen" })).toHaveAttribute("href", `${paths.enrolmentPath}/plan`);
  await expectAccessible(page);
  await page.getByRole("radio", { name: "Sjukskriven" }).check();
  await page.getByRole("button", { name: "Registrera avslutet" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("Avslut enligt planen kräver en slutplan");
  await expect(reasons.getByRole("link", { name: "Gå till planen" })).toBeVisible();
  await expectAccessible(page);
  // Interrupted shows only its own reasons.
  await page.getByRole("radio", { name: "Avbrutet" }).check();
  await expect(page.getByRole("radiogroup", { name: "Varför avbröts deltagandet?" }).getByRole("radio")).toHaveCount(4);
  await page.getByRole("radio", { name: "Slutfört" }).check();
  await page.getByRole("radiogroup", { name: "Hur slutfördes deltagandet?" }).getByRole("radio", { name: "Av hälsoskäl" }).check();
  await expect(warning).toHaveCount(0);
  await page.getByLabel("Datum för avslutsmötet (valfritt)").fill(today());
  const meeting = page.getByRole("group", { name: "Vilka var med på avslutsmötet?" });
  await meeting.getByRole("checkbox", { name: `Deltagaren (${PARTICIPANT})` }).check();
  await meeting.getByRole("checkbox", { name: "Johan Ek" }).check();
  await meeting.getByRole("checkbox", { name: "Anders Lund" }).check();
  await page.getByRole("button", { name: "Registrera avslutet" }).click();
  await expect(page.getByText("Avslutet är registrerat. Platsen i gruppen är ledig.")).toBeVisible();
  const summary = page.getByTestId("exit-summary");
  await expect(summary).toContainText("Slutfört: Av hälsoskäl");
  await expect(summary).toContainText("Sjukskriven");
  await expect(summary).toContainText("Ingen godkänd slutplan");
  await expect(summary).toContainText("Anders Lund (handläggare)");
  // The 90-day follow-up is there, due 90 days after the exit.
  await expect(page.getByTestId("ninety-day")).toContainText(long(addDays(today(), 90)));
  await expect(page.getByTestId("ninety-day")).toContainText("Senare");
  await expect(page.getByText(`Formuläret visas här ${long(addDays(today(), 90))}.`)).toBeVisible();
  await expectAccessible(page);
  await page.context().close();
});

test("after the exit the place is free, the participant has left the group, and a passive phase starts", async ({ browser }) => {
  const { page, paths } = await coordinatorPage(browser, true);

  // The place is free: Linnea has left the group on the program page, and the coordinators are told who is next.
  await visit(page, paths.programPath);
  await expect(page.getByRole("heading", { level: 1, name: "KRUS: platser och väntelista" })).toBeVisible();
  await expect(page.getByRole("link", { name: PARTICIPANT, exact: true })).toHaveCount(0);
  await visit(page, "/notifications");
  await expect(page.getByText("En plats är ledig i KRUS").first()).toBeVisible();

  // The passive phase: a lighter contact after the exit.
  await visit(page, `${paths.enrolmentPath}/exit`);
  await hydrated(page);
  const passiveNote = `Hörs av en gång i månaden ${RUN}.`;
  await expect(page.getByLabel("Startdatum")).toHaveValue(today());
  await page.getByLabel("Anteckning (valfritt)").fill(passiveNote);
  await page.getByRole("button", { name: "Starta den passiva fasen" }).click();
  await expect(page.getByText("Den passiva fasen har börjat.")).toBeVisible();
  const phase = page.getByTestId("passive-phase").filter({ hasText: passiveNote });
  await expect(phase).toContainText(`Från ${today()}, pågår`);
  await expect(phase).toContainText("Efter avslutet");
  await expect(page.getByRole("button", { name: "Starta den passiva fasen" })).toHaveCount(0);
  await expectAccessible(page);
  // No more follow-ups are booked after the exit.
  await visit(page, `${paths.enrolmentPath}/follow-ups`);
  await expect(page.getByRole("button", { name: "Boka mötet" })).toHaveCount(0);
  await expect(page.getByText(/Deltagandet avslutades/)).toBeVisible();
  await page.context().close();
});

test("without JavaScript: the passive phase is ended with a note", async ({ browser }) => {
  const { page, paths } = await coordinatorPage(browser, false);
  await visitWithoutJs(page, `${paths.enrolmentPath}/exit`);
  await expect(page.getByRole("heading", { level: 3, name: "Avsluta den passiva fasen" })).toBeVisible();
  await page.getByLabel("Slutdatum").fill(addDays(today(), 1));
  await page.getByRole("button", { name: "Avsluta den passiva fasen" }).click();
  await expect(page.getByRole("link", { name: "Slutdatumet kan inte vara senare än i dag." })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  const endNote = `Har fått en praktikplats ${RUN}.`;
  await page.getByLabel("Slutdatum").fill(today());
  await page.getByLabel("Anteckning om slutet (valfritt)").fill(endNote);
  await page.getByRole("button", { name: "Avsluta den passiva fasen" }).click();
  await expect(page.getByText("Den passiva fasen är avslutad.")).toBeVisible();
  const phase = page.getByTestId("passive-phase").filter({ hasText: endNote });
  await expect(phase).toContainText(`${today()} till ${today()}`);
  await expect(page.getByRole("button", { name: "Starta den passiva fasen" })).toBeVisible();
  await expectAccessibleWithoutJs(page);
  await page.context().close();
});
