import { expect, test } from "@playwright/test";
import { expectAccessible, hydrated, signIn, uniqueName, USERS, visit } from "./support.ts";

test("an administrator sets up a program and a user, who signs in with the one-time password and must change it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.admin);
  await page.getByRole("link", { name: "Administration", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Samordningsförbundet i Kalmar län" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Samordningsförbundet i Kalmar län" })).toBeVisible();
  await expectAccessible(page);

  // A new program, with a mistake first.
  await page.getByRole("link", { name: "Nytt program" }).click();
  await hydrated(page);
  await expectAccessible(page);
  const programName = uniqueName("Steget ");
  await page.getByLabel("Namn", { exact: true }).fill(programName);
  await page.getByLabel("Huvudman").selectOption({ label: "Kalmar kommun, socialförvaltningen" });
  await page.getByRole("group", { name: "Ordinarie grupp", exact: true }).getByLabel("Antal platser").fill("-3");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("Talet kan inte vara mindre än noll.");
  await expect(page.getByLabel("Namn", { exact: true })).toHaveValue(programName);
  await expectAccessible(page);
  await page.getByRole("group", { name: "Ordinarie grupp", exact: true }).getByLabel("Antal platser").fill("12");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: programName })).toBeVisible();
  await expectAccessible(page);

  // A new user with a role in it.
  await visit(page, "/admin/users/new");
  await hydrated(page);
  const email = `${uniqueName("ny.koordinator.")}@kalmar.example`;
  await page.getByLabel("Namn").fill("Nina Nyström");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByRole("button", { name: "Skapa användare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Användaren är skapad" })).toBeVisible();
  const temporaryPassword = (await page.locator(".secret").textContent())!.trim();
  expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Fortsätt och ge användaren roller" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nina Nyström" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Roll", { exact: true }).selectOption({ label: "Koordinator" });
  await page.getByRole("button", { name: "Ge rollen" }).click();
  await expect(page.locator(".spelplan-error-summary")).toContainText("Rollen behöver det här.");
  await page.getByLabel("Program", { exact: true }).selectOption({ label: programName });
  await page.getByRole("button", { name: "Ge rollen" }).click();
  await expect(page.getByText("Rollen är tillagd.")).toBeVisible();
  await expect(page.getByRole("cell", { name: programName, exact: true })).toBeVisible();

  // The new user signs in and must choose a password first.
  const context = await browser.newContext({ locale: "sv-SE" });
  const nina = await context.newPage();
  await signIn(nina, email, temporaryPassword);
  await expect(nina).toHaveURL(/\/account\/password$/);
  await expect(nina.getByText("Du har fått ett tillfälligt lösenord.")).toBeVisible();
  await expectAccessible(nina);
  await nina.goto("/people");
  await expect(nina).toHaveURL(/\/account\/password$/);
  await hydrated(nina);
  await nina.getByLabel("Nuvarande lösenord").fill(temporaryPassword);
  await nina.getByLabel("Nytt lösenord").fill("kort");
  await nina.getByLabel("Skriv det nya lösenordet igen").fill("kort");
  await nina.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(nina.locator(".spelplan-error-summary")).toContainText("minst 12 tecken");
  await nina.getByLabel("Nuvarande lösenord").fill(temporaryPassword);
  await nina.getByLabel("Nytt lösenord").fill("en lång och egen fras");
  await nina.getByLabel("Skriv det nya lösenordet igen").fill("en lång och egen fras");
  await nina.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(nina.getByText("Lösenordet är bytt.")).toBeVisible();
  await expectAccessible(nina);
  await nina.getByRole("link", { name: "Start", exact: true }).click();
  await expect(nina.getByText(`Koordinator – ${programName}`)).toBeVisible();
  await context.close();
});

test("the audit log shows who opened a person's page, and reading the log is logged too", async ({ page, browser }) => {
  // The therapist opens Ella's page.
  const context = await browser.newContext({ locale: "sv-SE" });
  const therapist = await context.newPage();
  await signIn(therapist, USERS.therapist);
  await therapist.goto("/people?q=Ella");
  await therapist.getByRole("link", { name: "Johansson, Ella" }).click();
  const reference = (await therapist.getByText(/^Referens P-/).textContent())!.replace("Referens ", "").trim();
  await context.close();

  await signIn(page, USERS.admin);
  await visit(page, `/audit?person=${reference}`);
  const row = page.getByRole("row").filter({ hasText: "Karin Sjöberg" }).filter({ hasText: "Öppnade personens sida" });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText("Terapeut");
  await expect(row.first()).toContainText(reference);
  await page.goto("/audit?from=2026-13-01");
  await expect(page.getByText("Skriv datumet som ÅÅÅÅ-MM-DD")).toBeVisible();
  await expectAccessible(page);
});

test("every administration page passes axe", async ({ page }) => {
  await signIn(page, USERS.admin);
  await visit(page, "/admin/users");
  await page.getByRole("link", { name: "Fatima Ali" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fatima Ali" })).toBeVisible();
  await expectAccessible(page);
  await visit(page, "/admin");
  await page.getByRole("link", { name: "Samordningsförbundet i Kalmar län" }).click();
  await page.getByRole("link", { name: "Försäkringskassan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Försäkringskassan" })).toBeVisible();
  await expectAccessible(page);
  await page.goBack();
  await page.getByRole("link", { name: "KRUS" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "KRUS" })).toBeVisible();
  await expectAccessible(page);
  await visit(page, "/account");
  await visit(page, "/accessibility");
  await visit(page, "/no/such/page");
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
});

test("an administrator sets who a program is for, with the message at the field when the ages do not fit", async ({ page }) => {
  await signIn(page, USERS.admin);
  await visit(page, "/admin");
  await page.getByRole("link", { name: "Samordningsförbundet i Kalmar län" }).click();
  await page.getByRole("link", { name: "Vägen vidare Nybro" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vägen vidare Nybro" })).toBeVisible();
  await hydrated(page);
  const intake = page.getByRole("region", { name: "Vem programmet är för" });
  await expect(intake.getByLabel("Lägsta ålder")).toHaveValue("19");
  await intake.getByLabel("Förtur upp till och med ålder").fill("16");
  await intake.getByRole("button", { name: "Spara" }).click();
  await expect(intake.locator(".spelplan-error-summary")).toContainText("Den prioriterade åldern kan inte vara lägre än lägsta ålder.");
  await expect(intake.getByLabel("Förtur upp till och med ålder")).toHaveAttribute("aria-invalid", "true");
  await expect(intake.getByLabel("Förtur upp till och med ålder")).toHaveValue("16");
  await expectAccessible(page);
  await intake.getByLabel("Förtur upp till och med ålder").fill("25");
  await intake.getByLabel("Planerad tid i programmet (månader)").fill("18");
  await intake.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByText("Ändringarna är sparade.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Vem programmet är för" }).getByLabel("Förtur upp till och med ålder")).toHaveValue("25");
  await expect(page.getByRole("region", { name: "Vem programmet är för" }).getByLabel("Planerad tid i programmet (månader)")).toHaveValue("18");
  await expectAccessible(page);
});
