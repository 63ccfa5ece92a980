// @driver-independent, second run: the editions' pages and files; publishing and reading editions runs on both drivers in vitest (README, Tests: run once).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./fixtures";
import { axeViolations } from "./axe";

/** Downloads a file through its link on the page and gives its bytes. */
async function download(page: Page, link: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())) };
}

test("a network coordinator publishes a quarterly edition in one click; its permalink and CSV stay the same after a later entry, and the correction shows", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await login(page, DEMO.network);
  await page.waitForURL((url) => url.pathname !== "/login", { timeout: 0 });
  await page.goto("/reports/editions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Veröffentlichte Ausgaben");

  const quarterly = page.getByRole("region", { name: "Quartalsausgabe" });
  const first = quarterly.getByRole("button").first();
  const label = (await first.textContent())!;
  const title = label.replace(/ veröffentlichen$/, "");
  expect(title).toMatch(/^[1-4]\. Quartal \d{4}$/);
  await first.click();
  await page.waitForURL(/\/reports\/editions\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  const permalink = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const table = page.getByRole("table", { name: "Veröffentlichte Werte und Korrekturen seit der Veröffentlichung" });
  const initial = table.locator('tr[data-key="advice.initialSessions"]');
  const publishedValue = (await initial.locator('[data-cell="published"]').textContent())!;
  await expect(initial.locator('[data-cell="difference"]')).toHaveText("±0");

  const csv = await download(page, "CSV herunterladen");
  expect(csv.name).toMatch(/^lotse-edition-.*\.csv$/);
  expect(csv.bytes.toString("utf8")).toContain("advice.initialSessions");
  expect((await download(page, "CSV herunterladen")).bytes.equals(csv.bytes)).toBe(true);

  // A late entry for the quarter, by an adviser: the edition keeps its numbers, the correction shows it.
  const adviser = await browser.newContext();
  const adviserPage = await adviser.newPage();
  await login(adviserPage, DEMO.adviser);
  await adviserPage.waitForURL((url) => url.pathname !== "/login", { timeout: 0 });
  const origin = new URL(page.url()).origin;
  const sample = (await (await adviser.request.get("/api/v1/advice-sessions?pageSize=1")).json()).items[0];
  const [year, quarter] = [Number(title.slice(-4)), Number(title[0])];
  const occurredOn = `${year}-${String(quarter * 3 - 1).padStart(2, "0")}-10`;
  const created = await adviser.request.post("/api/v1/advice-sessions", {
    headers: { origin },
    data: { idempotencyKey: `edition-e2e-${Date.now()}`, unitId: sample.unitId, clientId: sample.clientId, occurredOn, channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" },
  });
  expect(created.status(), await created.text()).toBe(201);
  await adviser.close();

  await page.goto(permalink);
  await expect(initial.locator('[data-cell="published"]')).toHaveText(publishedValue);
  await expect(initial.locator('[data-cell="difference"]')).toHaveText("+1");
  expect((await download(page, "CSV herunterladen")).bytes.equals(csv.bytes)).toBe(true);
  const volume = await download(page, "Tabellenband (XLSX, alle Aufschlüsselungen)");
  expect(volume.name).toMatch(/-volume\.xlsx$/);
  expect(volume.bytes.subarray(0, 2).toString()).toBe("PK");

  // The list links to the permalink; both pages pass WCAG 2.1 A and AA (quality bar U1).
  await page.goto("/reports/editions");
  await expect(page.getByRole("link", { name: title }).first()).toHaveAttribute("href", permalink);
  for (const path of ["/reports/editions", permalink]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page), path).toEqual([]);
  }
});
