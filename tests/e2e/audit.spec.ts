// @driver-independent, second run: the audit page's listing; audit writing and search run on both drivers in vitest (README, Tests: run once).
import { expect, test, type Page } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

/** The audit entries about one object that the admin's audit page lists for an action. */
async function entriesAbout(admin: Page, subjectId: string, action: string): Promise<number> {
  await admin.goto(`/admin/audit?${new URLSearchParams({ subjectId, action })}`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Protokoll");
  return admin.locator("tbody tr", { hasText: subjectId }).count();
}

test("opening a case page is one read in the audit trail; an anonymous refusal is only counted", async ({ page, browser }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await page.waitForLoadState("networkidle");
  const href = await page.locator('a[href^="/cases/clients/"]:not([href$="/new"])').first().getAttribute("href");
  const clientId = href!.split("/").pop()!;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAndWait(admin, DEMO.admin, /\/admin$/);
  const before = await entriesAbout(admin, clientId, "clients.get");

  // A case listed on screen is not read: its link is not prefetched.
  await page.reload();
  await page.waitForLoadState("networkidle");
  expect(await entriesAbout(admin, clientId, "clients.get")).toBe(before);

  await page.goto(`/cases/clients/${clientId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Fall K-/);
  // The title (metadata) and the page body both need the case: still one read.
  await expect(page).toHaveTitle(/K-/);
  expect(await entriesAbout(admin, clientId, "clients.get")).toBe(before + 1);

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/api/v1/clients/${clientId}`)).status()).toBe(401);
  await anonymous.close();
  expect(await entriesAbout(admin, clientId, "clients.get")).toBe(before + 1);
  const counted = admin.locator("table", { has: admin.getByRole("columnheader", { name: "Anzahl" }) });
  await expect(counted.locator("tr", { hasText: "clients.get" }).filter({ hasText: "unauthenticated" })).toHaveCount(1);
  await adminContext.close();
});
