import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectAccessibleWithoutJs, hydrated, pdfText, signIn, uniqueName, USERS, visit } from "./support.ts";

// The plan, as a coordinator writes it with a participant: goal, a sub-goal, an obstacle and two actions;
// saved, an action's status changed, the versions compared, the participant's acceptance recorded, and
// the plan printed. The demo participant used here, and only here: Saga Petersson (Sara Nilsson's).
// Texts are unique per run, and nothing assumes the plan was empty when the test began.

const PARTICIPANT = { first: "Saga", last: "Petersson" };

/** The participant's enrolment, found the way an integration would: through the JSON API. */
async function enrolmentOf(page: Page, person: { first: string; last: string }): Promise<string> {
  const people = (await (await page.request.get(`/api/v1/people?q=${encodeURIComponent(`${person.first} ${person.last}`)}`)).json()) as {
    items: { id: string; firstName: string | null; lastName: string | null }[];
  };
  const found = people.items.find((p) => p.firstName === person.first && p.lastName === person.last);
  expect(found, `${person.first} ${person.last} in the register`).toBeTruthy();
  const { programId } = (await (await page.request.get(`/api/v1/people/${found!.id}`)).json()) as { programId: string };
  const places = (await (await page.request.get(`/api/v1/programs/${programId}/places`)).json()) as { ordinary: { personId: string; placementId: string }[] };
  const placed = places.ordinary.find((p) => p.personId === found!.id);
  expect(placed, "an ordinary place").toBeTruthy();
  const form = (await (await page.request.get(`/api/v1/placements/${placed!.placementId}/enrolment`)).json()) as { enrolment: { id: string } | null };
  expect(form.enrolment, "enrolled").toBeTruthy();
  return form.enrolment!.id;
}

/** The plan page's current version number, or 0 before the first save. */
async function currentVersion(page: Page): Promise<number> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const line = page.getByText(/^Version \d+, sparad/);
  if ((await line.count()) === 0) return 0;
  return Number(/^Version (\d+)/.exec((await line.textContent()) ?? "")?.[1] ?? 0);
}

test.describe.configure({ mode: "serial" });

test("a coordinator writes a plan with a participant, changes it, compares versions, records the acceptance and prints it", async ({ page }) => {
  test.setTimeout(240_000);
  const mark = uniqueName("Plan");
  await signIn(page, USERS.coordinator);
  const enrolmentId = await enrolmentOf(page, PARTICIPANT);
  const planUrl = `/enrolments/${enrolmentId}/plan`;

  await visit(page, planUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Planen för Saga Petersson" })).toBeVisible();
  const before = await currentVersion(page);
  await page.getByRole("link", { name: before === 0 ? "Skriv planen" : "Ändra planen" }).click();

  // The edit page: every row is added with its own button.
  await expect(page.getByRole("heading", { level: 1, name: /planen för Saga Petersson/ })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel("Vad siktar deltagaren mot?").selectOption({ label: "Studier" });
  await page.getByLabel("Målet, med deltagarens egna ord").fill(`Börja på Komvux ${mark}`);

  const subGoals = page.getByTestId("plan-subgoal");
  const subGoalCount = await subGoals.count();
  await page.getByRole("button", { name: "Lägg till ett delmål" }).click();
  await expect(subGoals).toHaveCount(subGoalCount + 1);
  await page.getByLabel(`Delmål ${subGoalCount + 1}`).fill(`Komma upp på morgnarna ${mark}`);

  const obstacles = page.getByTestId("plan-obstacle");
  const obstacleCount = await obstacles.count();
  await page.getByRole("button", { name: "Lägg till ett hinder" }).click();
  const obstacle = obstacles.nth(obstacleCount);
  await obstacle.getByLabel("Vad är hindret?").fill(`Oro i stora grupper ${mark}`);
  await obstacle.getByLabel("Hur tar deltagaren sig förbi det?").fill("Börja i en liten grupp");

  const actions = page.getByTestId("plan-action");
  const actionCount = await actions.count();
  await page.getByRole("button", { name: "Lägg till en aktivitet" }).click();
  await page.getByRole("button", { name: "Lägg till en aktivitet" }).click();
  await expect(actions).toHaveCount(actionCount + 2);
  const first = actions.nth(actionCount);
  await first.getByLabel("Vad ska göras?").fill(`Boka tid hos studievägledaren ${mark}`);
  await first.getByLabel("Senast när?").fill("2027-01-15");
  const second = actions.nth(actionCount + 1);
  await second.getByLabel("Vad ska göras?").fill(`Ta reda på studiestöd ${mark}`);
  await second.getByLabel("Vem gör det?").selectOption({ label: "En myndighet" });
  await second.getByLabel("Vilken myndighet?").selectOption({ label: "Arbetsförmedlingen" });
  await second.getByLabel("Överenskommen med deltagaren").check();
  await page.getByRole("button", { name: "Spara", exact: true }).click();

  // Saved as a new version; the plan reads in plain words.
  const v1 = before + 1;
  await expect(page.getByText(`Planen är sparad som version ${v1}.`)).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText(`Börja på Komvux ${mark}`)).toBeVisible();
  await expect(page.getByText(`Komma upp på morgnarna ${mark}`)).toBeVisible();
  await expect(page.getByText(`Oro i stora grupper ${mark}`)).toBeVisible();
  const table = page.getByTestId("plan-actions");
  const firstRow = table.getByRole("row").filter({ hasText: `Boka tid hos studievägledaren ${mark}` });
  await expect(firstRow).toContainText("Deltagaren");
  await expect(firstRow).toContainText("Planerad");
  await expect(firstRow).toContainText("Inte ännu");
  const secondRow = table.getByRole("row").filter({ hasText: `Ta reda på studiestöd ${mark}` });
  await expect(secondRow).toContainText("Arbetsförmedlingen");
  await expect(secondRow).toContainText("Ja");
  await expect(page.getByTestId("plan-not-accepted")).toBeVisible();

  // Change the first action's status: a new version.
  await page.getByRole("link", { name: "Ändra planen" }).click();
  await hydrated(page);
  const row = page.getByTestId("plan-action").filter({ has: page.locator(`input[value="Boka tid hos studievägledaren ${mark}"]`) });
  await row.getByLabel("Läge").selectOption({ label: "Pågår" });
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  const v2 = v1 + 1;
  await expect(page.getByText(`Planen är sparad som version ${v2}.`)).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: `Boka tid hos studievägledaren ${mark}` })).toContainText("Pågår");

  // The history lists both versions; compare them.
  const history = page.getByTestId("plan-history");
  await expect(history.getByRole("link", { name: `Version ${v2}`, exact: true })).toBeVisible();
  await expect(history.getByRole("link", { name: `Version ${v1}`, exact: true })).toBeVisible();
  await history.getByRole("link", { name: `Jämför med version ${v1}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jämför versioner av planen för Saga Petersson" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId("compare-summary")).toContainText("1 ändring");
  await expect(page.getByTestId("compare-summary")).toContainText("Aktiviteter: 1 ändrad");
  const changed = page.getByRole("row").filter({ hasText: `Boka tid hos studievägledaren ${mark}` }).filter({ hasText: "Ändrat" });
  await expect(changed).toContainText("Ändrat: läge");
  await expect(changed).toContainText("Planerad");
  await expect(changed).toContainText("Pågår");
  // Any two versions: the first of this run against the one before it, chosen in the form.
  if (before > 0) {
    await page.getByLabel("Jämför version").selectOption(String(before));
    await page.getByLabel("med version").selectOption(String(v2));
    await page.getByRole("button", { name: "Jämför", exact: true }).click();
    await expect(page.getByRole("heading", { level: 2, name: `Version ${before} och version ${v2}` })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: `Ta reda på studiestöd ${mark}` })).toContainText("Tillagt");
  }

  // A version as it was saved.
  await page.getByRole("link", { name: `Visa version ${v1}` }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `Version ${v1} av planen för Saga Petersson` })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText(`Det här är en tidigare version. Planen är nu version ${v2}.`)).toBeVisible();
  await expect(page.getByTestId("plan-actions").getByRole("row").filter({ hasText: `Boka tid hos studievägledaren ${mark}` })).toContainText("Planerad");

  // The participant accepts the plan.
  await visit(page, planUrl);
  await page.getByRole("link", { name: "Registrera att deltagaren godkänner planen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrera att Saga Petersson godkänner planen" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  await expect(page.getByLabel("Vilken version godkände deltagaren?")).toHaveValue(String(v2));
  await page.getByRole("radio", { name: "Sa ja vid ett möte" }).check();
  await page.getByLabel("Anteckning (frivillig)").fill(`På KRUS ${mark}`);
  await page.getByRole("button", { name: "Registrera godkännande" }).click();
  await expect(page.getByText("Godkännandet är registrerat.")).toBeVisible();
  await expect(page.getByText(new RegExp(`Ja\\. Deltagaren godkände version ${v2} den .*: sa ja vid ett möte\\.`))).toBeVisible();
  await expectAccessible(page);

  // The printed plan: the version, in Swedish (Saga's language), with the acceptance and page numbers.
  const response = await page.request.get(`${planUrl}.pdf?version=${v2}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const body = await response.body();
  expect(body.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
  expect(body.toString("latin1")).toContain("/Lang (sv-SE)");
  const text = await pdfText(body);
  expect(text).toContain("Din plan");
  expect(text).toContain("Saga Petersson");
  expect(text).toContain(`Boka tid hos studievägledaren ${mark}`);
  expect(text).toContain("Du godkände den här planen");
  expect(text).toMatch(/Sida 1 av \d+/);
  // The download link on the page is the same file.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Skriv ut planen (PDF)" }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^plan-P-[0-9A-Z]{6}-v${v2}\\.pdf$`));
});

test("a therapist reads the plan but cannot change it; the steering group never sees it", async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signIn(coordinator, USERS.coordinator);
  const enrolmentId = await enrolmentOf(coordinator, PARTICIPANT);
  await coordinator.context().close();

  const therapist = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signIn(therapist, USERS.therapist);
  await visit(therapist, `/enrolments/${enrolmentId}/plan`);
  await expect(therapist.getByRole("heading", { level: 1, name: "Planen för Saga Petersson" })).toBeVisible();
  await expect(therapist.getByRole("link", { name: "Ändra planen" })).toHaveCount(0);
  expect((await therapist.goto(`/enrolments/${enrolmentId}/plan/edit`))?.status()).toBe(403);
  await therapist.context().close();

  const steering = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await signIn(steering, USERS.steering);
  for (const path of ["/plan", "/plan/edit", "/plan/compare", "/plan.pdf"]) {
    const status = (await steering.request.get(`/enrolments/${enrolmentId}${path}`)).status();
    expect([403, 404], path).toContain(status);
  }
  await steering.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the edit form adds and removes rows, keeps what was typed, and saves only with Spara", async ({ page }) => {
    test.setTimeout(240_000);
    const mark = uniqueName("Utan");
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill(USERS.coordinator);
    await page.getByLabel("Lösenord").fill("demo-spelplan-2026");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
    const enrolmentId = await enrolmentOf(page, PARTICIPANT);

    await page.goto(`/enrolments/${enrolmentId}/plan`);
    const before = await currentVersion(page);
    await page.goto(`/enrolments/${enrolmentId}/plan/edit`);
    await expectAccessibleWithoutJs(page);
    await page.getByLabel("Målet, med deltagarens egna ord").fill(`Jobba på lager ${mark}`);
    const subGoals = page.getByTestId("plan-subgoal");
    const count = await subGoals.count();

    // "Lägg till ett delmål" posts the form: the page comes back with one row more and the goal still typed.
    await page.getByRole("button", { name: "Lägg till ett delmål" }).click();
    await expect(subGoals).toHaveCount(count + 1);
    await expect(page.getByLabel("Målet, med deltagarens egna ord")).toHaveValue(`Jobba på lager ${mark}`);
    await expect(page.getByText("Listan är ändrad, men inget är sparat ännu.")).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await page.getByLabel(`Delmål ${count + 1}`).fill(`Ta truckkort ${mark}`);
    await page.getByRole("button", { name: "Lägg till ett delmål" }).click();
    await expect(subGoals).toHaveCount(count + 2);
    await expect(page.getByLabel(`Delmål ${count + 1}`)).toHaveValue(`Ta truckkort ${mark}`);
    await page.getByLabel(`Delmål ${count + 2}`).fill(`Ska tas bort ${mark}`);

    // Nothing is saved yet.
    await page.goto(`/enrolments/${enrolmentId}/plan`);
    expect(await currentVersion(page)).toBe(before);

    await page.goto(`/enrolments/${enrolmentId}/plan/edit`);
    await page.getByLabel("Målet, med deltagarens egna ord").fill(`Jobba på lager ${mark}`);
    await page.getByRole("button", { name: "Lägg till ett delmål" }).click();
    await page.getByRole("button", { name: "Lägg till ett delmål" }).click();
    await page.getByLabel(`Delmål ${count + 1}`).fill(`Ta truckkort ${mark}`);
    await page.getByLabel(`Delmål ${count + 2}`).fill(`Ska tas bort ${mark}`);
    // "Ta bort" takes away that row only.
    await page.getByRole("button", { name: `Ta bort Delmål ${count + 2}` }).click();
    await expect(subGoals).toHaveCount(count + 1);
    await expect(page.getByLabel(`Delmål ${count + 1}`)).toHaveValue(`Ta truckkort ${mark}`);

    // An action without what is to be done is refused, with the message at the field and the rest kept.
    await page.getByRole("button", { name: "Lägg till en aktivitet" }).click();
    const action = page.getByTestId("plan-action").last();
    await action.getByLabel("Senast när?").fill("2027-02-01");
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await expect(page.getByRole("link", { name: "Skriv vad som ska göras." })).toBeVisible();
    await expectAccessibleWithoutJs(page);
    await expect(page.getByLabel(`Delmål ${count + 1}`)).toHaveValue(`Ta truckkort ${mark}`);
    await page.getByTestId("plan-action").last().getByLabel("Vad ska göras?").fill(`Söka truckkurs ${mark}`);
    await page.getByRole("button", { name: "Spara", exact: true }).click();

    await expect(page.getByText(`Planen är sparad som version ${before + 1}.`)).toBeVisible();
    await expect(page.getByText(`Ta truckkort ${mark}`)).toBeVisible();
    await expect(page.getByText(`Ska tas bort ${mark}`)).toHaveCount(0);
    // The new action is in the plan, and (not yet agreed) offered for agreement.
    await expect(page.getByTestId("plan-actions").getByText(`Söka truckkurs ${mark}`)).toBeVisible();
    await expect(page.getByRole("checkbox", { name: `Söka truckkurs ${mark}` })).not.toBeChecked();
    await expectAccessibleWithoutJs(page);

    // Saving the same plan again makes no version.
    await page.goto(`/enrolments/${enrolmentId}/plan/edit`);
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await expect(page.getByText("Du ändrade ingenting, så ingen ny version sparades.")).toBeVisible();
    expect(await currentVersion(page)).toBe(before + 1);
  });
});
