import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Cookie, expect, type Locator, type Page } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

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
  // Only violations are collected: every rule still runs, but the passes are not gathered and sent back.
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .options({ resultTypes: ["violations"] })
    .analyze();
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

/**
 * Demo users' sessions signed in by this worker, by e-mail: a later test signing in as the same user starts
 * from the session's cookies instead of the sign-in form (the form is tested on its own: account, people,
 * security). A session that has ended since (signed out, expired) is noticed and replaced by a real sign-in.
 */
const demoSessions = new Map<string, Cookie[]>();

export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD) {
  const reusable = password === DEMO_PASSWORD;
  const cookies = reusable ? demoSessions.get(email) : undefined;
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto("/");
    if (await page.getByRole("button", { name: "Logga ut" }).isVisible()) {
      await hydrated(page);
      return;
    }
    demoSessions.delete(email);
    await page.context().clearCookies();
  }
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
  if (reusable) demoSessions.set(email, await page.context().cookies());
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

/** A new browser context signed in as a user (with JavaScript, or as plain HTML forms without it). */
export async function signedIn(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled });
  const page = await context.newPage();
  if (javaScriptEnabled) {
    await signIn(page, email);
  } else {
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
  }
  return page;
}

/**
 * On a request's draft page ("Fyll i intresseförfrågan"): fills in what the team needs, with the person
 * active at the given authorities, and saves. Ends on the request's page.
 */
export async function fillRequestDraft(page: Page, person: string, activeAt: string[] = ["Försäkringskassan"]) {
  await expect(page.getByRole("heading", { level: 1, name: "Fyll i intresseförfrågan" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole("radio", { name: "Aktivitetsersättning" }).check();
  for (const authority of activeAt) await page.getByRole("group", { name: authority }).getByRole("checkbox", { name: "Personen är aktuell här" }).check();
  await page.getByLabel("Personens situation och bakgrund").fill("Har aktivitetsersättning sedan två år och är mest hemma.");
  await page.getByLabel("Vad som har prövats inom ordinarie insatser").fill("Samtalsstöd på vårdcentralen och arbetsträning via AF.");
  await page.getByLabel("Varför det inte räckte").fill("Behöver ett sammanhang med andra och stöd från flera håll samtidigt.");
  await page.getByLabel("Personens egna mål").fill("Att börja studera på Komvux.");
  await page.getByLabel("Varför personen vill delta").fill("Vill komma ut bland folk igen.");
  await page.getByRole("button", { name: "Spara och gå vidare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Intresseförfrågan för ${person.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) })).toBeVisible();
}

/**
 * On a request's page: records the person's consent (covering `authorities` only, when given; else what the
 * form proposes) and sends the request to the team. Returns the date of the meeting it is on ("9 december 2026").
 */
export async function consentAndSubmit(page: Page, authorities?: string[], checkForm?: (group: Locator) => Promise<void>): Promise<string> {
  await page.getByRole("link", { name: "Registrera samtycke" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrera samtycke" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const group = page.getByRole("group", { name: "Vilka myndigheter får dela uppgifter?" });
  await checkForm?.(group);
  if (authorities) {
    for (const box of await group.getByRole("checkbox").all()) await box.uncheck();
    for (const authority of authorities) await group.getByRole("checkbox", { name: authority }).check();
  }
  await page.getByRole("radio", { name: "Personen sa ja när jag frågade" }).check();
  await page.getByRole("button", { name: "Registrera samtycke" }).click();
  await expect(page.getByText("Samtycket är registrerat.")).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Skicka till samverkansteamet" }).click();
  await expect(page.getByText("Intresseförfrågan är skickad till samverkansteamet.")).toBeVisible();
  const status = await page.getByText(/Samverkansteamet tar upp den på mötet den/).textContent();
  const meetingDate = /mötet den (\d{1,2} \p{L}+ \d{4})/u.exec(status ?? "")?.[1];
  expect(meetingDate, "the request is on a meeting's agenda").toBeTruthy();
  return meetingDate!;
}

/** The text of a PDF, page by page (pages joined by a line break). */
export async function pdfText(body: Buffer): Promise<string> {
  const task = getDocument({ data: new Uint8Array(body), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((e) => ("str" in e ? e.str : "")).join(" "));
  }
  await task.destroy();
  return pages.join("\n");
}

/** The areas of the default life-area wheel, in order. */
export const WHEEL_AREAS = ["Boende", "Ekonomi", "Familj och nätverk", "Aktivitet", "Hälsa", "Vardagsrutiner", "Social förmåga", "Motivation", "Kunskap om egna resurser"];

/** Chooses one step per area in the wheel's reading form (undefined: leave the area out). */
export async function rate(page: Page, scores: (number | undefined)[]) {
  for (const [i, area] of WHEEL_AREAS.entries()) {
    const score = scores[i];
    if (score === undefined) continue;
    await page.getByRole("radiogroup", { name: new RegExp(`^${area}`) }).getByRole("radio", { name: new RegExp(`^${score} – `) }).check();
  }
}
