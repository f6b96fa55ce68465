import { expect, test } from "@playwright/test";
import { expectAccessible, hydrated, personnummer, signIn, uniqueName, USERS, visit, signedIn, consentAndSubmit, fillRequestDraft } from "./support.ts";

// The whole way into KRUS, tried as new users would: a case officer books a study visit, turns the visitor
// into an interest request with consent and sends it; the collaboration team accepts the person at its
// meeting; the ordinary group is full, so the person gets a place in the pre-group; a place frees up, the
// coordinators are told, the person moves in with one action and is enrolled with a coordinator; the
// officer follows every step on the request. It runs after the other specs (its own project in
// playwright.config.ts), because it changes who has a place in the demo's full group.

test.describe.configure({ mode: "serial" });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("from study visit to enrolment: request with consent, the team's decision, the pre-group, a freed place, the move and enrolment", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const first = "Vilma";
  const last = uniqueName("Resa");
  const name = `${first} ${last}`;

  // 1. The officer books a study visit for the person.
  await signIn(page, USERS.officerFk);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Studiebesök" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Studiebesök" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const slot = await page.getByLabel("Dag", { exact: true }).evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.value && !o.disabled)!.value);
  await page.getByLabel("Dag", { exact: true }).selectOption(slot);
  await page.getByLabel("Besökarens namn eller initialer").fill(name);
  await page.getByRole("button", { name: "Boka", exact: true }).click();
  await expect(page.getByText(new RegExp(`${escape(name)} är bokad på studiebesök`))).toBeVisible();
  await expectAccessible(page);

  // 2. After the visit the person wants to take part: the visitor becomes an interest request without retyping.
  const myVisits = page.getByRole("table", { name: "Besökare som du har bokat" }).getByRole("row").filter({ hasText: name });
  await myVisits.getByRole("link", { name: /^Gör en intresseförfrågan/ }).click();
  await expect(page.getByRole("searchbox", { name: "Sök person" })).toHaveValue(name);
  await expectAccessible(page);
  await hydrated(page);
  await page.getByRole("link", { name: "Registrera en ny person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrera person" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByLabel("Förnamn")).toHaveValue(first);
  await expect(page.getByLabel("Efternamn")).toHaveValue(last);
  await expectAccessible(page);
  await page.getByLabel("Personnummer").fill(personnummer("2002-02-14"));
  await page.getByRole("radio", { name: "Kvinna" }).check();
  await page.getByRole("button", { name: "Registrera", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Skapa intresseförfrågan" })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page);
  await page.getByRole("button", { name: "Skapa intresseförfrågan" }).click();
  await fillRequestDraft(page, name, ["Försäkringskassan", "Region Kalmar län"]);
  await expectAccessible(page);
  const requestUrl = new URL(page.url()).pathname;

  // Without consent it cannot be sent: the page says why, and where to fix it.
  await hydrated(page);
  await page.getByRole("button", { name: "Skicka till samverkansteamet" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("samtycke");
  await expectAccessible(page);
  const meetingDate = await consentAndSubmit(page, undefined, async (authorities) => {
    // Proposed: the referring authority and those the person is active at; the officer adds one more.
    await expect(authorities.getByRole("checkbox", { name: "Försäkringskassan" })).toBeChecked();
    await expect(authorities.getByRole("checkbox", { name: "Region Kalmar län" })).toBeChecked();
    await expect(authorities.getByRole("checkbox", { name: "Arbetsförmedlingen" })).not.toBeChecked();
    await authorities.getByRole("checkbox", { name: "Arbetsförmedlingen" }).check();
  });
  await expectAccessible(page);

  // 3. The team meets: the coordinator records the three answers and the decision to accept.
  const coordinator = await signedIn(browser, USERS.coordinator);
  await visit(coordinator, "/meetings");
  await coordinator.getByRole("link", { name: meetingDate, exact: true }).first().click();
  await expect(coordinator.getByRole("heading", { level: 1, name: `Möte ${meetingDate}` })).toBeVisible();
  await hydrated(coordinator);
  await expectAccessible(coordinator);
  const item = coordinator.getByRole("article").filter({ hasText: name });
  await expect(item).toContainText("Anders Lund, Försäkringskassan");
  await item.getByRole("radiogroup", { name: "Har den remitterande myndigheten prövat sina egna möjligheter fullt ut?" }).getByRole("radio", { name: "Ja" }).check();
  await item.getByRole("radiogroup", { name: /Bedöms personen kunna närma sig arbete/ }).getByRole("radio", { name: "Ja" }).check();
  await item.getByRole("radiogroup", { name: "Vill personen delta?" }).getByRole("radio", { name: "Ja" }).check();
  await item.getByRole("radio", { name: "Erbjud en plats" }).check();
  await item.getByRole("button", { name: /^Registrera beslutet/ }).click();
  const decided = coordinator.getByRole("article").filter({ hasText: name });
  await expect(decided.getByText("Beslutet är registrerat.")).toBeVisible();
  // The ordinary group is full: the person is offered a place in the pre-group.
  await expect(decided).toContainText("Förgrupp");
  await expectAccessible(coordinator);

  // The officer sees the decision on the request, and is told.
  await visit(page, requestUrl);
  await expect(page.getByText("Plats: Förgrupp.")).toBeVisible();
  await visit(page, "/notifications");
  await expect(page.getByRole("main")).toContainText("KRUS");

  // 4. The program page: the group is full, the person waits in the pre-group.
  await coordinator.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "KRUS: platser och väntelista" })).toBeVisible();
  await hydrated(coordinator);
  await expectAccessible(coordinator);
  await expect(coordinator.getByTestId("occupancy-free")).toHaveText("0");
  const waiting = coordinator.getByTestId("waiting-row").filter({ hasText: name });
  await expect(waiting).toContainText("Förgrupp");
  await expect(waiting.getByRole("button", { name: /^Flytta till ordinarie grupp/ })).toBeDisabled();

  // 5. A place frees up: someone with an ordinary place who has not started declines it.
  const notStarted = coordinator.getByTestId("ordinary-row").filter({ has: coordinator.getByRole("link", { name: /^Skriv in \(/ }) }).first();
  await notStarted.getByText("Avsluta platsen").first().click();
  await notStarted.getByRole("textbox", { name: /Varför avslutas platsen/ }).fill("Personen har fått ett arbete och tackar nej till platsen.");
  await notStarted.getByRole("button", { name: /^Avsluta platsen \(/ }).click();
  await expect(coordinator.getByText("Platsen är avslutad.")).toBeVisible();
  await expect(coordinator.getByTestId("occupancy-free")).toHaveText("1");
  await expect(coordinator.getByText(/1 ledig plats – näst på tur: P-/)).toBeVisible();
  await expectAccessible(coordinator);

  // The coordinators are told who is next in line (another coordinator too, by notification).
  const colleague = await signedIn(browser, USERS.coordinator2);
  await visit(colleague, "/notifications");
  await expect(colleague.getByRole("main")).toContainText("En plats är ledig i KRUS");
  await colleague.context().close();

  // 6. The person moves into the ordinary group with one action, and is enrolled with a coordinator.
  await coordinator.getByTestId("waiting-row").filter({ hasText: name }).getByRole("button", { name: /^Flytta till ordinarie grupp/ }).click();
  await expect(coordinator.getByText(`${name} har flyttats till den ordinarie gruppen.`, { exact: false })).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.getByRole("link", { name: "Skriv in nu" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: `Skriv in ${name}` })).toBeVisible();
  await hydrated(coordinator);
  await expectAccessible(coordinator);
  // Each coordinator is shown with their caseload.
  await expect(coordinator.getByRole("radio", { name: /Leila Haddad/ })).toBeVisible();
  await expect(coordinator.getByRole("group", { name: /koordinator/i }).first()).toContainText(/deltagare/);
  await coordinator.getByRole("radio", { name: /Leila Haddad/ }).check();
  await coordinator.getByLabel("Startdatum").fill("2027-01-11");
  await expect(coordinator.getByText("Planerat slut: 11 januari 2028")).toBeVisible();
  await coordinator.getByLabel("Försörjning vid start").selectOption({ label: "Aktivitetsersättning" });
  await coordinator.getByLabel("Utbildningsnivå vid start").selectOption({ label: "Gymnasium, inte avslutat" });
  await coordinator.getByLabel("Sysselsättning vid start").selectOption("sick_leave");
  await coordinator.getByLabel("Datum", { exact: true }).fill("2027-01-11");
  await coordinator.getByLabel("Tid", { exact: true }).fill("10:00");
  await coordinator.getByLabel("Plats", { exact: true }).fill("KRUS, Södra Långgatan 22");
  await coordinator.getByRole("checkbox", { name: "Mötet med terapeuten har erbjudits" }).check();
  await coordinator.getByRole("radio", { name: "Ja" }).check();
  await coordinator.getByRole("button", { name: "Skriv in", exact: true }).click();
  await expect(coordinator.getByText(`${name} är inskriven.`)).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.context().close();

  // 7. The officer sees where the person is now: enrolled, with the coordinator and the first meeting.
  await visit(page, requestUrl);
  await expect(page.getByText("Plats: Inskriven.")).toBeVisible();
  await expect(page.getByText(/Inskriven från 11 januari 2027 med koordinator Leila Haddad\. Planerat slut: 11 januari 2028\./)).toBeVisible();
  await expect(page.getByText(/Första mötet, .*: 11 januari 2027 klockan 10:00, KRUS, Södra Långgatan 22\./)).toBeVisible();
});
