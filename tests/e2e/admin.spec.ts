// @driver-independent, second run: the admin pages and forms; their operations run on both drivers in vitest (README, Tests: run once).
import { expect, test, type Browser } from "@playwright/test";
import { DEMO, login, loginAndWait } from "./fixtures";

test("the org tree pages show 16 regional networks and 174 contact points", async ({ page }) => {
  await loginAndWait(page, DEMO.admin, /\/admin$/);
  await page.goto("/admin/org");
  await expect(page.locator("table tbody tr")).toHaveCount(16);
  await expect(page.getByText(/16 Landesnetzwerke, 380 Teilprojekte, 174 Anlaufstellen \(74 fest, 100 mobil\)/)).toBeVisible();
  await page.goto("/admin/org/contact-points");
  await expect(page.getByTestId("contact-point-count")).toHaveText("174 Anlaufstellen");
  await page.getByRole("link", { name: "Mobile Anlaufstelle" }).click();
  await expect(page.getByTestId("contact-point-count")).toHaveText("100 Anlaufstellen");
});

test("an admin creates, renames and closes a unit; a bad date is named at its field", async ({ page }) => {
  await loginAndWait(page, DEMO.admin, /\/admin$/);
  await page.goto("/admin/org");
  await page.getByRole("link", { name: "IQ Netzwerk Hamburg" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IQ Netzwerk Hamburg");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Teilprojekt anlegen" }) });
  const name = `Brückenmaßnahme Test ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Träger").fill("Testträger gGmbH");
  await form.getByLabel("Handlungsschwerpunkt").selectOption("job_training");
  await form.getByRole("button", { name: "Anlegen" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  const rename = page.locator("form", { has: page.getByRole("heading", { name: "Umbenennen" }) });
  await rename.getByLabel("Name").fill(`${name} (neu)`);
  await rename.getByRole("button", { name: "Namen speichern" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} (neu)`);

  const close = page.locator("form", { has: page.getByRole("heading", { name: "Schließen" }) });
  await close.getByLabel("Aktiv bis").fill("2018-01-01");
  await close.getByRole("button", { name: "Einheit schließen" }).click();
  await expect(close.locator(".field-error")).toHaveText("Das Datum liegt vor dem Beginn der Einheit.");
  await close.getByLabel("Aktiv bis").fill("2030-12-31");
  await close.getByRole("button", { name: "Einheit schließen" }).click();
  await expect(page.getByText(/geschlossen zum 31\.12\.2030/)).toBeVisible();
});

async function adminCreatesUser(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAndWait(page, DEMO.admin, /\/admin$/);
  await page.goto("/admin/users/new");
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Name").fill("Testkoordination");
  await page.getByLabel("Anfangspasswort").fill("ein langes Testpasswort");
  await page.getByLabel("Rolle").selectOption("network_coordinator");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Testkoordination");
  return page;
}

/** An admin creates a network coordinator, who then signs in in a browser of their own. */
async function createdUserSignedIn(browser: Browser, prefix: string) {
  const email = `${prefix}-${Date.now()}@lotse.example`;
  const admin = await adminCreatesUser(browser, email);
  const user = await (await browser.newContext()).newPage();
  await login(user, email, "ein langes Testpasswort");
  await expect(user).toHaveURL(/\/reports$/);
  return { admin, user, email };
}

test("a deactivated user loses access on the next request", async ({ browser }) => {
  const { admin, user, email } = await createdUserSignedIn(browser, "koordination");

  await admin.getByRole("button", { name: "Deaktivieren" }).click();
  await expect(admin.getByRole("button", { name: "Wieder aktivieren" })).toBeVisible();

  await user.goto("/reports");
  await expect(user).toHaveURL(/\/login/);
  await login(user, email, "ein langes Testpasswort");
  await expect(user.locator(".form-error")).toHaveText("Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail und Passwort.");
});

test("a changed role takes effect on the next request", async ({ browser }) => {
  const { admin, user } = await createdUserSignedIn(browser, "rolle");

  await admin.getByLabel("Rolle").selectOption("admin");
  await admin.getByRole("button", { name: "Speichern" }).first().click();
  await expect(admin.getByText("Gespeichert.")).toBeVisible();
  await expect(admin.getByText(/· Administration ·/)).toBeVisible();

  await user.goto("/reports");
  await expect(user).toHaveURL(/\/login/);
});

test("login is throttled after repeated failures, even with the right password then", async ({ browser }) => {
  const email = `drossel-${Date.now()}@lotse.example`;
  await adminCreatesUser(browser, email);
  const page = await (await browser.newContext()).newPage();
  for (let i = 0; i < 5; i++) {
    await login(page, email, `falsch ${i} falsch`);
    await expect(page.locator(".form-error")).toHaveText("Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail und Passwort.");
  }
  await login(page, email, "ein langes Testpasswort");
  await expect(page.locator(".form-error")).toHaveText("Zu viele fehlgeschlagene Versuche. Bitte versuchen Sie es in 15 Minuten erneut.");
  await expect(page).toHaveURL(/\/login/);
});

test("an admin sets the network's target; a bad round is named at its field; the audit trail shows the change", async ({ page }) => {
  await loginAndWait(page, DEMO.admin, /\/admin$/);
  await page.goto("/admin/targets");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Erstberatungen" }) });
  await expect(form.getByLabel("Zielwert (Anzahl)")).toHaveValue("200000");
  await form.getByLabel("Förderrunde bis").fill("2018-12-31");
  await form.getByRole("button", { name: "Zielwert speichern" }).click();
  await expect(form.locator(".field-error").filter({ hasText: "Das Ende darf nicht vor dem Beginn liegen." })).toBeVisible();
  await form.getByLabel("Förderrunde bis").fill("2022-12-31");
  await form.getByLabel("Zielwert (Anzahl)").fill("200000");
  await form.getByRole("button", { name: "Zielwert speichern" }).click();
  await expect(form.getByText("Zielwert gespeichert.")).toBeVisible();

  await page.goto("/admin/audit?action=targets.save");
  await expect(page.locator("table tbody tr").first()).toContainText("targets.save");
});
