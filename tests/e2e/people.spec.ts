import { type Browser, expect, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, personnummer, signIn, uniqueName, USERS, visit } from "./support.ts";

async function findPersonUrl(browser: Browser, query: string): Promise<string> {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await signIn(page, USERS.coordinator);
  await page.goto(`/people?q=${encodeURIComponent(query)}`);
  const href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
  await context.close();
  return href!;
}

test("a coordinator signs in, registers a person after fixing a wrong check digit, finds and opens them, and signs out", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectAccessible(page);
  await signIn(page, USERS.coordinator);
  await expect(page.getByRole("heading", { level: 1, name: "Hej Sara Nilsson" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Personer", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Personer" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Registrera person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrera person" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  const last = uniqueName("Testsson");
  const number = personnummer("2000-05-17");
  const wrong = number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10);
  await page.getByLabel("Förnamn").fill("Vera");
  await page.getByLabel("Efternamn").fill(last);
  await page.getByLabel("Personnummer").fill(wrong);
  await page.getByRole("radio", { name: "Kvinna" }).check();
  await page.getByLabel("Telefon").fill("070-123 45 67");
  await page.getByRole("button", { name: "Registrera", exact: true }).click();

  const summary = page.locator(".spelplan-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("kontrollsiffran");
  await expect(page.getByLabel("Personnummer")).toHaveAttribute("aria-invalid", "true");
  // What the user typed is kept.
  await expect(page.getByLabel("Förnamn")).toHaveValue("Vera");
  await expect(page.getByLabel("Personnummer")).toHaveValue(wrong);
  await expectAccessible(page);
  // The summary links to the field.
  await summary.getByRole("link", { name: /kontrollsiffran/ }).click();
  await expect(page.getByLabel("Personnummer")).toBeFocused();

  await page.getByLabel("Personnummer").fill(number);
  await page.getByRole("button", { name: "Registrera", exact: true }).click();
  await expect(page.getByText("Personen är registrerad.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `Vera ${last}` })).toBeVisible();
  await expect(page.getByText(number)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Personer", exact: true }).first().click();
  await page.getByRole("searchbox", { name: "Sök person" }).fill(last);
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page.getByText(`1 person matchar ”${last}”.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `${last}, Vera` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Vera ${last}` })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fpeople/);
});

test("a case officer of another program is refused the program's people", async ({ page, browser }) => {
  const url = await findPersonUrl(browser, "Ella Johansson");
  await signIn(page, USERS.officerOtherProgram);
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  await expectAccessible(page);
  await visit(page, "/people?q=Johansson");
  await expect(page.getByText("0 personer matchar")).toBeVisible();
  // Administration is not for them either.
  expect((await page.goto("/admin"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Du har inte behörighet" })).toBeVisible();
  await expectAccessible(page);
});

test("a protected person is masked for staff who do not work with them", async ({ page, browser }) => {
  await signIn(page, USERS.manager);
  await visit(page, "/people?q=Eriksson");
  await expect(page.getByText("0 personer matchar")).toBeVisible();
  await visit(page, "/people?page=2");
  const masked = page.getByRole("link", { name: /^Skyddad identitet \(P-/ });
  await expect(masked.first()).toBeVisible();
  await masked.first().click();
  await expect(page.getByText("Personen har skyddade personuppgifter.")).toBeVisible();
  await expect(page.getByText("********-****")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ändra uppgifter" })).toHaveCount(0);
  await expectAccessible(page);

  // Alva Eriksson's own coordinator sees her.
  const context = await browser.newContext({ locale: "sv-SE" });
  const coordinator = await context.newPage();
  await signIn(coordinator, "leila.haddad@kalmar.example");
  await coordinator.goto("/people?q=Alva");
  await expect(coordinator.getByRole("link", { name: "Eriksson, Alva" })).toBeVisible();
  await expectAccessible(coordinator);
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in and registration work as plain forms, with errors from the server", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.coordinator2);
    await page.getByLabel("Lösenord").fill("wrong password");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByText("E-postadressen eller lösenordet stämmer inte.")).toBeVisible();
    await expect(page.getByLabel("E-postadress")).toHaveValue(USERS.coordinator2);
    await expect(page.getByLabel("Lösenord")).toHaveValue("");
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Lösenord").fill("demo-spelplan-2026");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hej Johan Ek" })).toBeVisible();

    await page.goto("/people/new");
    await expectAccessibleWithoutJs(page);
    const last = uniqueName("Utanjs");
    await page.getByLabel("Förnamn").fill("Otto");
    await page.getByLabel("Efternamn").fill(last);
    await page.getByLabel("Personnummer").fill("19811218-9875");
    await page.getByRole("button", { name: "Registrera", exact: true }).click();
    await expect(page.locator(".spelplan-error-summary")).toContainText("kontrollsiffran");
    await expect(page.locator(".spelplan-error-summary")).toContainText("Du måste välja ett alternativ.");
    await expect(page.getByLabel("Efternamn")).toHaveValue(last);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Personnummer").fill("");
    await page.getByLabel("Födelsedatum").fill("1995-02-03");
    await page.getByRole("radio", { name: "Man" }).check();
    await page.getByRole("button", { name: "Registrera", exact: true }).click();
    await expect(page.getByText("Personen är registrerad.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `Otto ${last}` })).toBeVisible();
    await expectAccessibleWithoutJs(page);
  });
});

test("keyboard: the skip link comes first and the sign-in form works without a mouse", async ({ page }) => {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
  await page.getByLabel("E-postadress").focus();
  await page.keyboard.type(USERS.therapist);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Lösenord")).toBeFocused();
  await page.keyboard.type("demo-spelplan-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Hej Karin Sjöberg" })).toBeVisible();
  await expectAccessible(page);
});

test("the interface speaks Norwegian and English when asked", async ({ page }) => {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Norsk (bokmål)" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expectAccessible(page);
});
