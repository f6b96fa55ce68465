import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, signIn, USERS, visit } from "./support.ts";

// Participant surveys as the coordinator and the participants meet them: the coordinator hands out the exit
// survey that an exit offered as a one-time link; the participant opens it in a fresh browser without signing in
// and answers anonymously; a second participant answers theirs with JavaScript turned off; the link
// works only once; the answers show on the results page and in the goal's figure; a paper answer entered by staff.
// Only demo people that no other spec uses are handed surveys (the names below).

const FREE = /Elias|Tilde|Yonas|Nour|Isak|Adam|Anton|Ebba|Samir|Julia|Lucas|Alice|Kevin|Sofia|Robin|Hanna|Daniel|Aisha|Emil|Moa|Filip|Ida/;

async function programHref(page: Page): Promise<string> {
  const href = await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "KRUS", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
  return href!;
}

/** Hands out the first survey to do for a free demo person of `audience`, as a link; returns the link's path. */
async function handOutLink(page: Page, audience: "Vid avslut"): Promise<string> {
  const row = page.getByTestId("survey-todo").filter({ hasText: audience }).filter({ hasText: FREE }).first();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Skapa länk/ }).click();
  const link = page.getByTestId("survey-link");
  await expect(link).toBeVisible();
  await expectAccessible(page);
  return new URL((await link.textContent())!.trim()).pathname;
}

async function answersOf(page: Page, base: string, name: string): Promise<number> {
  await visit(page, `${base}/surveys/results`);
  const section = page.getByTestId("survey-results").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}`) }) }).first();
  const text = (await section.getByText(/^Antal svar: /).textContent())!;
  return Number(text.replace(/\D/g, ""));
}

async function goalFigure(page: Page, base: string): Promise<{ n: number; m: number }> {
  await visit(page, `${base}/goals`);
  const text = (await page.locator('[data-goal="support_influence"]').getByTestId("goal-figure").textContent())!;
  const m = /\((\d+) av (\d+)\)/.exec(text);
  expect(m, text).not.toBeNull();
  return { n: Number(m![1]), m: Number(m![2]) };
}

async function anonymousContext(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled });
  return context.newPage();
}

test("an exit survey handed out as a link is answered anonymously without signing in (with and without JavaScript), counted in the results and the goal; a paper answer too", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinator);
  const base = await programHref(page);
  await visit(page, base);
  await page.getByRole("link", { name: "Enkäter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enkäter – KRUS" })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page);

  // The questionnaires: the national ones are marked as to be checked and cannot be edited.
  await page.getByRole("link", { name: "Nationella indikatorer – avslutade deltagare" }).click();
  await expect(page.getByText(/ska kontrolleras mot den officiella indikatorenkäten/).first()).toBeVisible();
  await expect(page.getByText("Har du kunnat vara med och bestämma vilket stöd du får?")).toBeVisible();
  await expect(page.getByRole("link", { name: "Gör en ny version" })).toHaveCount(0);
  await expectAccessible(page);
  await visit(page, `${base}/surveys/questionnaires/new`);

  const before = await answersOf(page, base, "Nationella indikatorer – avslutade deltagare");
  const goalBefore = await goalFigure(page, base);

  // The exit survey that the demo's last exit offered, as a one-time link.
  await visit(page, `${base}/surveys`);
  const exitLink = await handOutLink(page, "Vid avslut");

  // The participant, in a fresh browser without signing in.
  const participant = await anonymousContext(browser, true);
  await visit(participant, exitLink);
  await expect(participant.getByRole("heading", { level: 1, name: "Hur var din tid i KRUS?" })).toBeVisible();
  await hydrated(participant);
  await participant.getByRole("button", { name: "Skicka svaren" }).click();
  await expect(participant.getByText("Svara på minst en fråga.").first()).toBeVisible();
  await expectAccessible(participant);
  await participant.getByRole("radiogroup", { name: "Har du kunnat vara med och bestämma vilket stöd du får?" }).getByLabel("I mycket stor utsträckning").check();
  await participant.getByRole("radiogroup", { name: "Hur har du blivit bemött?" }).getByLabel("Ganska bra").check();
  await participant.getByRole("radiogroup", { name: "Jag känner mig mer redo att arbeta eller studera" }).getByLabel("Stämmer helt").check();
  await expect(participant.getByRole("radiogroup", { name: "Vill du vara anonym?" }).getByLabel("Ja, svara anonymt")).toBeChecked();
  await participant.getByRole("button", { name: "Skicka svaren" }).click();
  await expect(participant.getByRole("heading", { level: 1, name: "Tack för dina svar!" })).toBeVisible();
  await expect(participant.getByText("Dina svar är sparade. De är anonyma.")).toBeVisible();
  await expectAccessible(participant);
  // Only once.
  await visit(participant, exitLink);
  await expect(participant.getByText("Enkäten är redan besvarad. Tack!")).toBeVisible();
  await participant.context().close();

  // Counted: one more answer on the results page, and in the goal's figure (agreeing).
  expect(await answersOf(page, base, "Nationella indikatorer – avslutade deltagare")).toBe(before + 1);
  expect(await goalFigure(page, base)).toEqual({ n: goalBefore.n + 1, m: goalBefore.m + 1 });
  await expect(page.locator("svg[role=img]").first()).toBeVisible();

  // Without JavaScript: the other exit survey the demo left to hand out.
  await visit(page, `${base}/surveys`);
  const secondLink = await handOutLink(page, "Vid avslut");
  const plain = await anonymousContext(browser, false);
  await plain.goto(secondLink);
  await expect(plain.getByRole("heading", { level: 1, name: "Hur var din tid i KRUS?" })).toBeVisible();
  await expectAccessibleWithoutJs(plain);
  await plain.getByRole("radiogroup", { name: "Har du kunnat vara med och bestämma vilket stöd du får?" }).getByLabel("I ganska stor utsträckning").check();
  await plain.getByRole("radiogroup", { name: "Har du haft en person eller ett team som du kunnat vända dig till?" }).getByLabel("Ja", { exact: true }).check();
  await plain.getByRole("button", { name: "Skicka svaren" }).click();
  await expect(plain.getByText("Dina svar är sparade. De är anonyma.")).toBeVisible();
  await expectAccessibleWithoutJs(plain);
  await plain.context().close();
  expect(await answersOf(page, base, "Nationella indikatorer – avslutade deltagare")).toBe(before + 2);

  // A paper answer entered by staff: anonymous unless the participant asked otherwise.
  const paperBefore = await answersOf(page, base, "KRUS egna frågor");
  await visit(page, `${base}/surveys/paper/exit`);
  await hydrated(page);
  await page.getByRole("radiogroup", { name: "Jag känner mig mer redo att arbeta eller studera" }).getByLabel("Stämmer ganska bra").check();
  await page.getByLabel("Vill du säga något mer till oss?").fill("Skrivet på papper.");
  await expect(page.getByRole("radiogroup", { name: "Ville deltagaren vara anonym?" }).getByLabel("Ja, svara anonymt")).toBeChecked();
  await page.getByRole("button", { name: "Spara svaret" }).click();
  await expect(page.getByText("Svaret är sparat.")).toBeVisible();
  await expectAccessible(page);
  expect(await answersOf(page, base, "KRUS egna frågor")).toBe(paperBefore + 1);
  await expect(page.getByText("Skrivet på papper.")).toBeVisible();
});
