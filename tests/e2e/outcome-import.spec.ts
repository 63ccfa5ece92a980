// @driver-independent, second run: the page's form and its routes as the browser uses them; the import's writes and figures are checked on both drivers in vitest (tests/integration/outcome-import.test.ts).
import { expect, test } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

test("an adviser checks an outcomes file on the import page: the export's enrolments read back, a bad row is named", async ({ page }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await page.goto("/cases/import");
  const form = page.locator("form", { has: page.locator("#outcomes-file") });
  await expect(page.getByRole("heading", { name: "Ergebnisse aus dem Monitoring" })).toBeVisible();
  const unitId = await form.locator("#outcomes-unit").inputValue();

  // The contact point's enrolments as the export writes them: every row names an enrolment, none changes.
  const exported = await page.request.get(`/cases/import/export?format=csv&kind=enrolment&contactPointId=${unitId}`);
  expect(exported.status()).toBe(200);
  const text = await exported.text();
  const rows = text.trim().split(/\r?\n/).length - 1;
  await form.getByLabel("Quelle").fill("ESF-Monitoring");
  await form.locator("#outcomes-file").setInputFiles({ name: "ergebnisse.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await form.getByRole("button", { name: "Prüfen" }).click();
  await expect(page.getByText(`Keine Fehler: 0 Ergebnisse zu ändern, ${rows} schon so.`)).toBeVisible();

  await form.locator("#outcomes-file").setInputFiles({
    name: "ergebnisse.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Kennung der Maßnahme;Kennung der Person;Ergebnis;Erreicht;Datum des Ergebnisses\r\n00000000-0000-4000-8000-000000000001;K-NIEMAND;abgebrochen;;10.01.2020\r\n"),
  });
  await form.getByRole("button", { name: "Prüfen" }).click();
  await expect(page.getByText("1 fehlerhafte Zeile")).toBeVisible();
  const error = page.getByRole("row", { name: /Kennung der Person/ });
  await expect(error).toContainText("Keine Teilnahme dieses Falls an dieser Maßnahme");
  await expect(form.getByRole("button", { name: "Importieren" })).toBeDisabled();
});
