import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./support.ts";

test("responses carry a strict Content-Security-Policy with a fresh nonce and the other security headers", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toEqual(second.headers()["content-security-policy"]);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const html = await first.text();
  for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("same-origin");
  expect(first.headers()["cache-control"]).toBe("no-store");
});

test("a form post without the page's token, or from another site, is refused", async ({ request }) => {
  const noToken = await request.post("/sign-in", { form: { email: USERS.coordinator, password: "demo-spelplan-2026" } });
  expect(noToken.status()).toBe(403);
  expect(await noToken.text()).toContain("Formuläret kunde inte skickas");

  const page = await request.get("/sign-in");
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const crossSite = await request.post("/sign-in", {
    form: { _csrf: token, email: USERS.coordinator, password: "demo-spelplan-2026" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  const sameSite = await request.post("/sign-in", { form: { _csrf: token, email: USERS.coordinator, password: "demo-spelplan-2026" }, maxRedirects: 0 });
  expect(sameSite.status()).toBe(302);
  const cookie = sameSite.headers()["set-cookie"]!;
  expect(cookie).toMatch(/^spelplan_session=sps_[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax/);
  expect(cookie).not.toMatch(/Max-Age|Expires/);
});

test("signing out ends the session on the server, not just in the browser", async ({ page, context }) => {
  await signIn(page, USERS.coordinator2);
  const session = (await context.cookies()).find((c) => c.name === "spelplan_session")!;
  expect(session.httpOnly).toBe(true);
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Someone who copied the cookie before sign-out gets nothing with it.
  await context.addCookies([session]);
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
});

test("repeated failed sign-ins are throttled with the same answer for known and unknown addresses", async ({ page }) => {
  for (const email of ["ingen.alls@example.invalid", USERS.volunteer]) {
    await page.goto("/sign-in");
    let answer = "";
    for (let i = 0; i < 10 && !answer; i++) {
      await page.getByLabel("E-postadress").fill(email);
      await page.getByLabel("Lösenord").fill(`fel lösenord ${i}`);
      await page.getByRole("button", { name: "Logga in" }).click();
      await expect(page.locator(".spelplan-error-summary")).toBeVisible();
      const text = (await page.locator(".spelplan-error-summary").textContent()) ?? "";
      if (!text.includes("stämmer inte")) answer = text;
    }
    // Soon the answer is "wait" instead of "wrong password", for both addresses alike.
    expect(answer, email).toMatch(/Du har försökt flera gånger|För många misslyckade försök/);
    await expect(page.getByText(/Du kan försöka igen/)).toBeVisible();
  }
});
