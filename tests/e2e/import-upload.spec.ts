// @driver-independent: the upload's way through the server's proxy to the route; the import itself is checked on both drivers in vitest (tests/integration/import.test.ts).
import { expect, test } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

test("a file past 10 MB reaches the dry run whole: its last line's error is named", async ({ page }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await page.goto("/cases/import");
  const template = await page.request.get("/cases/import/template?format=csv&kind=client");
  expect(template.status()).toBe(200);
  const header = (await template.text()).replace(/^\uFEFF/, "").split("\r\n")[0];

  // Empty lines are skipped by the reader, so only the last line is a row: a body cut off
  // anywhere before it would have no row, or no form at all.
  const padding = 6_000_000;
  const file = `${header}\r\n${"\r\n".repeat(padding)}K-GROSS;unbekannt;1990;SY;SY;Duldung;2015;B1;akademisch;;ja\r\n`;
  expect(file.length).toBeGreaterThan(11 * 1024 * 1024);
  const lastLine = padding + 2;

  const form = page.locator("form", { has: page.locator("#import-file") });
  await form.locator("#import-file").setInputFiles({ name: "gross.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  const answered = page.waitForResponse((r) => r.url().endsWith("/cases/import/check"));
  await form.getByRole("button", { name: "Prüfen" }).click();
  const response = await answered;
  expect(response.status()).toBe(200);
  const report = (await response.json()) as { rows: number; errorCount: number; errors: { line: number; column: string }[] };
  expect(report).toMatchObject({ rows: 1, errorCount: 1 });
  expect(report.errors[0]).toMatchObject({ line: lastLine, column: "Geschlecht" });
  await expect(page.getByText("1 fehlerhafte Zeile")).toBeVisible();
});
