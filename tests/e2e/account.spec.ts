import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signIn, uniqueName, USERS, visit } from "./support.ts";

// A user's own language, and the forms' error summaries. Each test makes its own user, so that changing a
// language never changes what another test (running at the same time on the same database) sees.

const NEW_PASSWORD = "en lång och alldeles egen fras";

/** An administrator creates an account; returns its e-mail address and one-time password. */
async function createAccount(browser: Browser): Promise<{ email: string; temporaryPassword: string }> {
  const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: true });
  const admin = await context.newPage();
  await signIn(admin, USERS.admin);
  await admin.goto("/admin/users/new");
  await hydrated(admin);
  const email = `${uniqueName("sprak.")}@kalmar.example`;
  await admin.getByLabel("Namn").fill("Siv Språksson");
  await admin.getByLabel("E-postadress").fill(email);
  await admin.getByRole("button", { name: "Skapa användare" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Användaren är skapad" })).toBeVisible();
  const temporaryPassword = (await admin.locator(".secret").textContent())!.trim();
  await context.close();
  return { email, temporaryPassword };
}

/** Signs in on a page whose labels are in the given language, and waits for the signed-in page. */
async function signInAs(page: Page, email: string, password: string, labels: { email: string; password: string; submit: string }) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole("button", { name: labels.submit }).click();
}

const SV = { email: "E-postadress", password: "Lösenord", submit: "Logga in" };
const NB = { email: "E-postadresse", password: "Passord", submit: "Logg inn" };

test("a language chosen in the account stays after signing out, and in another browser", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { email, temporaryPassword } = await createAccount(browser);
  await signIn(page, email, temporaryPassword);
  await hydrated(page);
  await page.getByLabel("Nuvarande lösenord").fill(temporaryPassword);
  await page.getByLabel("Nytt lösenord").fill(NEW_PASSWORD);
  await page.getByLabel("Skriv det nya lösenordet igen").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(page.getByText("Lösenordet är bytt.")).toBeVisible();

  // The account page's language form (it posts to /language).
  await page.getByLabel("Språk i Spelplan").selectOption("en");
  await page.getByRole("button", { name: "Byt språk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel("Language in Spelplan")).toHaveValue("en");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  // Another browser, without the language cookie: Swedish until the user has signed in, then their English.
  const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: true });
  const other = await context.newPage();
  await visit(other, "/sign-in");
  await hydrated(other);
  await signInAs(other, email, NEW_PASSWORD, SV);
  await expect(other.getByRole("heading", { level: 1, name: "Hello Siv Språksson" })).toBeVisible();
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(other);
  // Picking a language on a sign-in page later does not replace the user's own choice.
  await other.getByRole("button", { name: "Sign out", exact: true }).click();
  await hydrated(other);
  await other.getByRole("button", { name: "Norsk (bokmål)" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Logg inn" })).toBeVisible();
  await signInAs(other, email, NEW_PASSWORD, NB);
  await expect(other.getByRole("heading", { level: 1, name: "Hello Siv Språksson" })).toBeVisible();
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the language picked on the sign-in page becomes a new user's language when they sign in", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const { email, temporaryPassword } = await createAccount(browser);
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Norsk (bokmål)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Logg inn" })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await signInAs(page, email, temporaryPassword, NB);
    // The one-time password must be changed first: in Norwegian.
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "nb");
    await page.getByLabel("Nåværende passord").fill(temporaryPassword);
    await page.getByLabel("Nytt passord").fill(NEW_PASSWORD);
    await page.getByLabel("Skriv det nye passordet igjen").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Bytt passord" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kontoen din" })).toBeVisible();
    await expect(page.getByLabel("Språk i Spelplan")).toHaveValue("nb");
    await expectAccessibleWithoutJs(page);

    // Kept in the account: a fresh browser without the cookie gets Norwegian after signing in.
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false });
    const other = await context.newPage();
    await other.goto("/sign-in");
    await expect(other.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
    await signInAs(other, email, NEW_PASSWORD, SV);
    await expect(other.getByRole("heading", { level: 1, name: "Hei, Siv Språksson" })).toBeVisible();
    await expect(other.locator("html")).toHaveAttribute("lang", "nb");
    await context.close();
  });
});

test("the error summary's link for the sex moves the focus to its first radio button", async ({ page }) => {
  await signIn(page, USERS.coordinator);
  await page.goto("/people/new");
  await hydrated(page);
  await page.getByLabel("Förnamn").fill("Stina");
  await page.getByRole("button", { name: "Registrera", exact: true }).click();
  const summary = page.locator(".spelplan-error-summary");
  await expect(summary).toContainText("Du måste välja ett alternativ.");
  await expectAccessible(page);
  await summary.getByRole("link", { name: "Du måste välja ett alternativ." }).click();
  await expect(page.getByRole("radio", { name: "Kvinna", exact: true })).toBeFocused();
  // The keyboard goes on from there: the arrow keys choose within the group.
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Man", exact: true })).toBeChecked();
});
