import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, expectAccessibleWithoutJs, signIn, USERS } from "./support.ts";

// People whose roles never give administration, the audit log or the register get "not permitted" on those
// pages straight away, whatever the address says, and the error page shows nothing about anyone else.

const REFUSED = [
  "/admin",
  "/admin/users",
  "/admin/users/new",
  "/admin/federations/new",
  // An address that cannot exist is refused the same way: it does not tell what exists.
  "/admin/federations/00000000-0000-4000-8000-000000000000",
  "/admin/federations/00000000-0000-4000-8000-000000000000/programs/new",
  "/admin/programs/00000000-0000-4000-8000-000000000000",
  "/admin/authorities/00000000-0000-4000-8000-000000000000",
  "/audit",
  // The filters are checked after the permission, not instead of it.
  "/audit?from=2026-13-01",
  "/audit?person=P-1234&user=someone%40example.org",
  "/people",
  "/people?q=Johansson",
];

/** Others' names, e-mail addresses, identity numbers and references: none of it may appear. */
const PERSONAL_DATA = [
  /Johansson|Lindgren|Hassan|Eriksson/,
  /Sara Nilsson|Maria Bergström|Erik Holm|Anders Lund|Fatima Ali/,
  /@(kalmar|forsakringskassan|arbetsformedlingen|deltagare|regionkalmar)\.example/,
  /\b(19|20)\d{6}[-+]?\d{4}\b/,
  /\bP-[0-9A-Z]{6}\b/,
];

/** The page answers 403 and shows nothing about anyone but the signed-in user (`ownName`, in the header). */
async function expectRefused(page: Page, url: string, ownName: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Du har inte behörighet" }), url).toBeVisible();
  const text = (await page.locator("body").innerText()).replaceAll(ownName, "");
  for (const pattern of PERSONAL_DATA) expect(text, `${url} shows ${pattern}`).not.toMatch(pattern);
  // Nor in what came with the page for React (the loader data).
  const html = (await page.content()).replaceAll(ownName, "");
  for (const pattern of PERSONAL_DATA) expect(html, `${url} carries ${pattern}`).not.toMatch(pattern);
  await expectAccessible(page);
}

for (const [who, email, name] of [
  ["a volunteer", USERS.volunteer, "Nora Berg"],
  ["a steering-group member", USERS.steering, "Lars Göransson"],
] as const) {
  test(`${who} is refused administration, the audit log and the register of people`, async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, email);
    for (const url of REFUSED) await expectRefused(page, url, name);
    // The navigation does not offer them either.
    await page.goto("/");
    for (const name of ["Administration", "Logg", "Personer"]) {
      await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
    }
  });
}

test("a program's manager is refused the administration forms but reviews the program's log; the administrator gets the forms", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.manager);
  await expectRefused(page, "/admin/users/new", "Maria Bergström");
  await expectRefused(page, "/admin/federations/new", "Maria Bergström");
  // A manager reviews the program's log: allowed.
  expect((await page.goto("/audit"))?.status()).toBe(200);
  await expectAccessible(page);

  const context = await browser.newContext({ locale: "sv-SE" });
  const admin = await context.newPage();
  await signIn(admin, USERS.admin);
  for (const url of ["/admin/users/new", "/admin/federations/new"]) {
    expect((await admin.goto(url))?.status(), url).toBe(200);
    await expectAccessible(admin);
  }
  expect((await admin.goto("/admin/federations/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  await expectAccessible(admin);
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an administrator pages back through the audit log with the filters kept", async ({ page, browser }) => {
    test.setTimeout(180_000);
    // A coordinator's searches: more events than one page holds.
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: true });
    const coordinator = await context.newPage();
    await signIn(coordinator, USERS.coordinator);
    for (let i = 0; i < 55; i++) expect((await coordinator.request.get("/people?q=Ella")).status()).toBe(200);
    await context.close();

    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.admin);
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.goto(`/audit?user=${encodeURIComponent(USERS.coordinator)}`);
    await expect(page.locator("main").getByRole("status")).toHaveText("50 händelser. Det finns fler, äldre händelser.");
    const rows = page.getByRole("table", { name: "Händelser i loggen, de senaste först" }).locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await expectAccessibleWithoutJs(page);

    await page.getByRole("link", { name: "Visa äldre händelser" }).click();
    await expect(page).toHaveURL(/\/audit\?user=sara\.nilsson%40kalmar\.example&before=\d+$/);
    await expect(page.getByLabel("Användare (e-post)")).toHaveValue(USERS.coordinator);
    await expect(page.locator("main").getByRole("status")).toContainText("äldre händelse");
    for (const row of await rows.all()) await expect(row).toContainText("Sara Nilsson");
    await expectAccessibleWithoutJs(page);
    await page.getByRole("link", { name: "Visa de senaste händelserna" }).click();
    await expect(page).toHaveURL(/\/audit\?user=sara\.nilsson%40kalmar\.example$/);
    await expect(rows).toHaveCount(50);
  });
});
