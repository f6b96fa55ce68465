import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signIn, USERS, visit, signedIn } from "./support.ts";

// The program's page (occupancy, the pre-group and the waiting list), enrolment, notifications and the
// outbox, as their users meet them. The demo data gives KRUS a full ordinary group, two people with an
// ordinary place who are not enrolled yet, and a pre-group; other specs may add to the pre-group meanwhile,
// so the checks here compare what one page shows with itself rather than with fixed counts.

const REFERENCE = /P-[A-Z0-9]{6}/;

/** KRUS's page, reached from the main menu as its users reach it. */
async function openKrus(page: Page): Promise<string> {
  const href = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  await visit(page, href!);
  await expect(page.getByRole("heading", { level: 1, name: "KRUS: platser och väntelista" })).toBeVisible();
  return href!;
}

const count = async (locator: Locator) => Number((await locator.innerText()).match(/\d+/)![0]);

/** The enrolment page of someone with an ordinary place who is not enrolled yet ("first" or "last" in the table). */
async function openEnrolment(page: Page, which: "first" | "last"): Promise<{ url: string; name: string }> {
  await openKrus(page);
  const links = page.getByRole("link", { name: /^Skriv in \(/ });
  const link = which === "first" ? links.first() : links.last();
  const label = await link.innerText();
  const url = (await link.getAttribute("href"))!;
  expect(url).toMatch(/\/placements\/[0-9a-f-]{36}\/enrol$/);
  await visit(page, url);
  const name = label.match(/\((.*)\)\s*$/s)![1]!.trim();
  await expect(page.getByRole("heading", { level: 1, name: `Skriv in ${name}` })).toBeVisible();
  return { url, name };
}

test("a coordinator sees the occupancy and the waiting list in the order places are offered", async ({ page }) => {
  await signIn(page, USERS.coordinator);
  await openKrus(page);
  await expect(page.getByTestId("occupancy-ordinary")).toHaveText(/^\d+ av 15 platser tagna$/);
  const free = await count(page.getByTestId("occupancy-free"));
  const preGroup = await count(page.getByTestId("occupancy-pre-group"));
  const waiting = await count(page.getByTestId("occupancy-waiting"));

  const rows = page.getByTestId("waiting-row");
  await expect(rows).toHaveCount(preGroup + waiting);
  expect(preGroup + waiting).toBeGreaterThan(0);
  const table = page.getByRole("table", { name: "Förgruppen och väntelistan, i den ordning platserna erbjuds" });
  await expect(table.getByRole("columnheader")).toHaveText(["Tur", "Person", "Var", "Prioritet", "Beslut", "Har väntat", "Åtgärder"]);
  // Priority age band first, then the date of the team's decision; the first is next in line.
  const order: { priority: number; decided: string; days: number }[] = [];
  for (const [i, row] of (await rows.all()).entries()) {
    const cells = row.getByRole("cell");
    await expect(cells.nth(0)).toContainText(String(i + 1));
    if (i === 0) await expect(cells.nth(0)).toContainText("Näst på tur");
    else await expect(cells.nth(0)).not.toContainText("Näst på tur");
    const priority = (await cells.nth(2).innerText()).trim() === "Prioriterad ålder" ? 1 : 2;
    const decided = (await cells.nth(3).innerText()).trim();
    expect(decided).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    order.push({ priority, decided, days: await count(cells.nth(4)) });
    // The one action is there, usable only while a place is free.
    const move = row.getByRole("button", { name: /^Flytta till ordinarie grupp/ });
    if (free > 0) await expect(move).toBeEnabled();
    else await expect(move).toBeDisabled();
  }
  const sorted = [...order].sort((a, b) => a.priority - b.priority || a.decided.localeCompare(b.decided));
  expect(order).toEqual(sorted);
  const longest = Math.max(...order.map((o) => o.days));
  await expect(page.getByTestId("occupancy-longest-wait")).toHaveText(`${longest} ${longest === 1 ? "dag" : "dagar"}`);
  if (free === 0) await expect(page.getByText("Det finns ingen ledig plats just nu.")).toBeVisible();

  // The ordinary group: the enrolled with their coordinator, and those who still are to be enrolled.
  await expect(page.getByTestId("ordinary-row").filter({ hasText: "Inskriven" }).first()).toBeVisible();
  await expect(page.getByTestId("ordinary-row").filter({ hasText: "Inte inskriven än" }).first()).toBeVisible();

  // Ending a place needs a reason: refused at the field, nothing ended.
  const first = rows.first();
  await hydrated(page);
  await first.getByText("Avsluta platsen").first().click();
  await first.getByRole("button", { name: /^Avsluta platsen \(/ }).click();
  await expect(first.getByText("Du måste fylla i det här fältet.").first()).toBeVisible();
  await expect(first.getByRole("textbox", { name: /Varför avslutas platsen/ })).toHaveAttribute("aria-invalid", "true");
  await expect(rows).toHaveCount(preGroup + waiting);
  await expectAccessible(page);

  // Names lead to the person's page.
  const person = first.getByRole("rowheader").getByRole("link");
  await person.click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expectAccessible(page);
});

test("the steering group sees the numbers, never names or references", async ({ page, browser }) => {
  // What the coordinators see: the names and references that must not reach the steering group.
  const coordinator = await signedIn(browser, USERS.coordinator);
  await openKrus(coordinator);
  const names = (await coordinator.getByRole("table").getByRole("rowheader").getByRole("link").allInnerTexts()).filter((n) => !n.startsWith("Skyddad identitet"));
  const references = (await coordinator.locator("main").innerText()).match(new RegExp(REFERENCE, "g")) ?? [];
  const enrolUrl = await coordinator.getByRole("link", { name: /^Skriv in \(/ }).first().getAttribute("href");
  expect(names.length).toBeGreaterThan(10);
  expect(references.length).toBeGreaterThan(10);
  await coordinator.context().close();

  await signIn(page, USERS.steering);
  await openKrus(page);
  await expect(page.getByText("Du ser bara antal, aldrig vilka personerna är.")).toBeVisible();
  await expect(page.getByTestId("occupancy-ordinary")).toHaveText(/^\d+ av 15 platser tagna$/);
  await expect(page.getByTestId("occupancy-pre-group")).toHaveText(/^\d+ av \d+ platser$/);
  await expect(page.getByTestId("occupancy-longest-wait")).toHaveText(/^\d+ dagar?$|^Ingen väntar$/);
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Flytta/ })).toHaveCount(0);
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(REFERENCE);
  for (const name of names) expect(text).not.toContain(name);
  // The enrolment form is not theirs either.
  expect((await page.goto(enrolUrl!))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Du har inte behörighet" })).toBeVisible();
  await expectAccessible(page);
});

test("the enrolment form refuses a missing coordinator and start date at the fields and keeps what was typed", async ({ page }) => {
  await signIn(page, USERS.coordinator);
  await openEnrolment(page, "first");
  await hydrated(page);
  // Each coordinator is shown with their caseload; the income source comes from the request.
  await expect(page.getByRole("radio", { name: "Sara Nilsson" })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: /^Koordinator/ }).getByText(/\d+ deltagare nu/).first()).toBeVisible();
  await expect(page.getByLabel("Försörjning vid start")).not.toHaveValue("");
  await expect(page.getByText("Det planerade slutet räknas ut när du har skrivit startdatumet.")).toBeVisible();
  await page.getByLabel("Utbildningsnivå vid start").selectOption({ label: "Gymnasium" });
  await page.getByLabel("Sysselsättning vid start").selectOption("sick_leave");
  await page.getByLabel("Datum", { exact: true }).fill("2027-01-12");
  await page.getByLabel("Tid", { exact: true }).fill("10:00");
  await page.getByLabel("Plats", { exact: true }).fill("KRUS, Södra Långgatan 22");
  // Whether the therapist meeting was accepted is only asked once it was offered.
  await expect(page.getByRole("radiogroup", { name: /^Tackade personen ja till mötet\?/ })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Mötet med terapeuten har erbjudits" }).check();
  await page.getByRole("radio", { name: "Ja" }).check();
  await page.getByRole("button", { name: "Skriv in", exact: true }).click();

  const summary = page.locator(".spelplan-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("Välj vilken koordinator som ska ha hand om deltagaren.");
  await expect(summary).toContainText("Skriv startdatumet, till exempel 2026-12-01.");
  await expect(page.getByLabel("Startdatum")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("radiogroup", { name: /^Koordinator/ })).toContainText("Välj vilken koordinator som ska ha hand om deltagaren.");
  await expect(page.getByLabel("Plats", { exact: true })).toHaveValue("KRUS, Södra Långgatan 22");
  await expect(page.getByLabel("Tid", { exact: true })).toHaveValue("10:00");
  await expect(page.getByRole("radio", { name: "Ja" })).toBeChecked();
  await expectAccessible(page);
  await summary.getByRole("link", { name: "Skriv startdatumet, till exempel 2026-12-01." }).click();
  await expect(page.getByLabel("Startdatum")).toBeFocused();
  // The planned end follows the start date as it is typed: twelve months, a soft limit.
  await page.getByLabel("Startdatum").fill("2027-01-15");
  await expect(page.getByText("Planerat slut: 15 januari 2028")).toBeVisible();
  await expect(page.getByText("12 månader efter start. Det är ett mjukt tak")).toBeVisible();
});

test("a coordinator enrols a participant; the new coordinator is told, the e-mails name nobody, the notification is opened", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.coordinator);
  const { url, name } = await openEnrolment(page, "last");
  const reference = (await page.locator("main").innerText()).match(REFERENCE)![0];
  await hydrated(page);
  await page.getByRole("radio", { name: "Johan Ek" }).check();
  await page.getByLabel("Startdatum").fill("2027-02-01");
  await expect(page.getByText("Planerat slut: 1 februari 2028")).toBeVisible();
  await page.getByLabel("Försörjning vid start").selectOption({ label: "Aktivitetsstöd" });
  await page.getByLabel("Utbildningsnivå vid start").selectOption({ label: "Grundskola" });
  await page.getByLabel("Sysselsättning vid start").selectOption("job_seeking");
  await page.getByLabel("Datum", { exact: true }).fill("2027-02-01");
  await page.getByLabel("Tid", { exact: true }).fill("09:30");
  await page.getByLabel("Plats", { exact: true }).fill("KRUS, Södra Långgatan 22");
  await page.getByRole("checkbox", { name: "Mötet med terapeuten har erbjudits" }).check();
  await page.getByRole("radio", { name: "Vet inte än" }).check();
  await page.getByRole("button", { name: "Skriv in", exact: true }).click();

  await expect(page.getByText(`${name} är inskriven.`)).toBeVisible();
  await expect(page).toHaveURL(`${url}?saved=1`);
  const saved = page.getByRole("region", { name: "Inskrivningen" });
  await expect(saved).toContainText("Johan Ek");
  await expect(page.getByTestId("planned-end")).toHaveText("1 februari 2028 (12 månader, ett mjukt tak)");
  await expect(saved).toContainText("1 februari 2027 kl. 09:30, KRUS, Södra Långgatan 22");
  await expect(saved).toContainText("Erbjudet, svaret är inte känt");
  await expect(saved).toContainText("Aktivitetsstöd");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Tillbaka till KRUS" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "KRUS: platser och väntelista" })).toBeVisible();
  await expect(page.getByTestId("ordinary-row").filter({ hasText: reference })).toContainText(/Inskriven.*Johan Ek.*2027-02-01.*2028-02-01/s);

  // The administrator reads the e-mails in the outbox: they say what happened, by reference only.
  const admin = await signedIn(browser, USERS.admin);
  await visit(admin, "/admin/outbox");
  await expect(admin.getByRole("heading", { level: 1, name: "Utkorg för e-post" })).toBeVisible();
  await expect(admin.getByText("Ingen e-postserver är inställd")).toBeVisible();
  const mails = admin.getByTestId("outbox-mail");
  const assigned = mails.filter({ hasText: `Spelplan: Ny deltagare: ${reference}` });
  await expect(assigned).toHaveCount(1);
  await expect(assigned).toContainText("johan.ek@kalmar.example");
  await expect(assigned).toContainText("Inte skickat");
  const meeting = mails.filter({ hasText: `Spelplan: Första mötet för ${reference} är bokat` });
  await expect(meeting).toHaveCount(1);
  for (const mail of [assigned, meeting]) {
    await mail.locator("summary").click();
    const body = mail.locator("pre");
    await expect(body).toBeVisible();
    await expect(body).toContainText(reference);
    await expect(body).not.toContainText(name.split(" ")[0]!);
  }
  await expect(meeting.locator("pre")).toContainText("1 februari 2027 kl. 09:30");
  await expect(meeting.locator("pre")).not.toContainText("Södra Långgatan");
  await expectAccessible(admin);
  await admin.context().close();

  // Johan opens the notification without JavaScript: a plain form, and it is read.
  const johan = await signedIn(browser, USERS.coordinator2, false);
  await johan.getByRole("link", { name: /^Meddelanden\s*, \d+ olästa?$/ }).click();
  await expect(johan.getByRole("heading", { level: 1, name: "Meddelanden" })).toBeVisible();
  await expectAccessibleWithoutJs(johan);
  const item = johan.getByTestId("notification").filter({ has: johan.getByRole("heading", { name: `Ny deltagare: ${reference}` }) });
  await expect(item).toHaveAttribute("data-read", "false");
  await expect(item).toContainText("Oläst");
  await expect(item).toContainText("som börjar 1 februari 2027");
  await item.getByRole("button", { name: `Öppna (Ny deltagare: ${reference})` }).click();
  await expect(johan).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(johan.getByRole("heading", { level: 1, name })).toBeVisible();
  await johan.goto("/notifications");
  await expect(item).toHaveAttribute("data-read", "true");
  await expect(item).toContainText("Läst");
  await johan.context().close();
});

test("mark all read empties the count in the header", async ({ browser }) => {
  // Leila Haddad, coordinator: the demo story gave her new participants to read about.
  const page = await signedIn(browser, "leila.haddad@kalmar.example");
  await page.getByRole("link", { name: /^Meddelanden\s*, \d+ olästa?$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meddelanden" })).toBeVisible();
  await expectAccessible(page);
  const unread = page.getByTestId("notification").and(page.locator("[data-read=false]"));
  expect(await unread.count()).toBeGreaterThan(0);
  await expect(page.getByRole("status")).toHaveText(/^Du har \d+ olästa? meddelanden?\.$/);
  await hydrated(page);
  await page.getByRole("button", { name: "Markera alla som lästa" }).click();
  await expect(page.getByText("Alla meddelanden är markerade som lästa.")).toBeVisible();
  await expect(unread).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Meddelanden", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Markera alla som lästa" })).toHaveCount(0);
  await expectAccessible(page);
  await page.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the enrolment form and ending a place work as plain forms, with the messages at their fields", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.coordinator);
    await page.getByLabel("Lösenord").fill("demo-spelplan-2026");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
    const krus = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
    await page.goto(krus!);
    await expectAccessibleWithoutJs(page);
    const enrol = await page.getByRole("link", { name: /^Skriv in \(/ }).first().getAttribute("href");

    // Ending a place without a reason: the server answers at the field, with the disclosure open.
    const row = page.getByTestId("waiting-row").first();
    await row.getByText("Avsluta platsen").first().click();
    await row.getByRole("button", { name: /^Avsluta platsen \(/ }).click();
    await expect(page.locator(".spelplan-error-summary")).toContainText("Du måste fylla i det här fältet.");
    await expect(page.getByRole("textbox", { name: /Varför avslutas platsen/ })).toHaveAttribute("aria-invalid", "true");
    await expectAccessibleWithoutJs(page);

    await page.goto(enrol!);
    await expect(page.getByRole("heading", { level: 1, name: /^Skriv in / })).toBeVisible();
    // Without JavaScript every question is there from the start.
    await expect(page.getByRole("radiogroup", { name: /^Tackade personen ja till mötet\?/ })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Plats", { exact: true }).fill("Stadsbiblioteket");
    await page.getByLabel("Datum", { exact: true }).fill("2027-01-12");
    await page.getByRole("radio", { name: "Nej" }).check();
    await page.getByRole("button", { name: "Skriv in", exact: true }).click();

    const summary = page.locator(".spelplan-error-summary");
    await expect(summary).toContainText("Välj vilken koordinator som ska ha hand om deltagaren.");
    await expect(summary).toContainText("Skriv startdatumet, till exempel 2026-12-01.");
    await expect(summary).toContainText("Välj personens utbildningsnivå vid start.");
    await expect(summary).toContainText("Skriv tiden för det första mötet, till exempel 10:00.");
    await expect(summary).toContainText("kryssat i att mötet har erbjudits");
    await expect(page.getByLabel("Startdatum")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Tid", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Plats", { exact: true })).toHaveValue("Stadsbiblioteket");
    await expect(page.getByLabel("Datum", { exact: true })).toHaveValue("2027-01-12");
    await expect(page.getByRole("radio", { name: "Nej" })).toBeChecked();
    await expect(page.getByLabel("Försörjning vid start")).not.toHaveValue("");
    await expectAccessibleWithoutJs(page);
  });
});
