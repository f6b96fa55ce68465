import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-spelplan-2026";
export const USERS = {
  admin: "erik.holm@samordning-kalmar.example",
  manager: "maria.bergstrom@kalmar.example",
  coordinator: "sara.nilsson@kalmar.example",
  coordinator2: "johan.ek@kalmar.example",
  therapist: "karin.sjoberg@regionkalmar.example",
  officerFk: "anders.lund@forsakringskassan.example",
  officerOtherProgram: "olof.dahl@arbetsformedlingen.example",
  steering: "lars.goransson@samordning-kalmar.example",
  volunteer: "nora.berg@frivillig.example",
  participant: "ella.johansson@deltagare.example",
} as const;

/** Runs axe on the page as it is now: WCAG 2.0/2.1 A and AA must have no violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe runs as a script, so a page rendered with JavaScript turned off is checked as a copy: the same
 * server-rendered HTML, opened where scripts may run but the page's own scripts are blocked.
 */
export async function expectAccessibleWithoutJs(page: Page) {
  const html = await page.content();
  const url = page.url();
  const context = await page.context().browser()!.newContext({ locale: "sv-SE", javaScriptEnabled: true });
  const copy = await context.newPage();
  await copy.route((u) => u.href === url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "Content-Security-Policy": "script-src 'none'" }, body: html }),
  );
  await copy.goto(url);
  await expectAccessible(copy);
  await context.close();
}

/** Goes to a page and checks it with axe. */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await expectAccessible(page);
  return response;
}

/** Waits until React has taken over the page, so enhanced forms behave as users see them. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
}

/** A name that no other test uses, so tests can run in parallel on one database. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 8)}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
}

/** Valid Swedish personnummer (12 digits with dash) for a birth date, with a random serial number. */
export function personnummer(birth: string, sex: "female" | "male" = "female"): string {
  const yymmdd = birth.replace(/-/g, "").slice(2);
  const serial = String(10 + Math.floor(Math.random() * 89)) + String(sex === "male" ? 1 + 2 * Math.floor(Math.random() * 5) : 2 * Math.floor(Math.random() * 5));
  const digits = `${yymmdd}${serial}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const p = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  const check = (10 - (sum % 10)) % 10;
  return `${birth.replace(/-/g, "").slice(0, 8)}-${serial}${check}`;
}
