// @driver-independent, second run: the audit page's listing; audit writing and search run on both drivers in vitest (README, Tests: run once).
import { expect, test, type Page } from "@playwright/test";
import { consentPurposeOf, DEMO, loginAndWait } from "./fixtures";

/** The audit entries about one object that the admin's audit page lists for an action. */
async function entriesAbout(admin: Page, subjectId: string, action: string): Promise<number> {
  await admin.goto(`/admin/audit?${new URLSearchParams({ subjectId, action })}`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Protokoll");
  return admin.locator("tbody tr", { hasText: subjectId }).count();
}

/**
 * All `clients.get` entries of today, over every page of the trail: under `npm test` every spec
 * reads cases on one database, and they may fill more than one page.
 */
async function caseReadsToday(admin: Page): Promise<number> {
  const from = new Date().toISOString().slice(0, 10);
  await admin.goto(`/admin/audit?${new URLSearchParams({ action: "clients.get", from })}`);
  let count = 0;
  for (;;) {
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Protokoll");
    count += await admin.locator("tbody tr", { hasText: "clients.get" }).count();
    const older = admin.getByRole("link", { name: "Ältere Einträge" });
    if ((await older.count()) === 0) return count;
    await admin.goto((await older.getAttribute("href"))!);
  }
}

/** How Next's router marks a prefetch: up to the loading boundary, the two partial prerenders, a segment. */
const PREFETCH_HEADERS: Record<string, string>[] = [{ "next-router-prefetch": "1" }, { "next-router-prefetch": "2" }, { "next-router-prefetch": "3" }, { "next-router-segment-prefetch": "/_tree" }];

test("viewing the case list reads no case, a prefetch of a case page shows and audits nothing, opening one case is one read", async ({ page, browser }) => {
  test.slow();
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAndWait(admin, DEMO.admin, /\/admin$/);
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  // A client with personal data (the demo's have none), at one of the adviser's contact points.
  const origin = new URL(page.url()).origin;
  const unitId: string = (await (await page.request.get("/api/v1/advice-sessions?pageSize=1")).json()).items[0].unitId;
  const fullName = `Rosa Vorabruf ${Date.now()}`;
  const created = await page.request.post("/api/v1/clients", {
    headers: { origin },
    data: { idempotencyKey: `prefetch-${Date.now()}`, contactPointId: unitId, gender: "female", residenceStatus: "third_country_permit", fullName, consentGivenOn: "2026-01-15", consentPurposeId: await consentPurposeOf(page.request) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id: string = (await created.json()).id;
  const before = await caseReadsToday(admin);

  // Found by its name: clients without a contact sort by their random reference, and under
  // `npm test` other specs' clients may push this one off the list's first page.
  await page.goto(`/cases?${new URLSearchParams({ q: fullName })}`);
  await page.waitForLoadState("networkidle");
  const caseLink = page.locator(`a[href="/cases/clients/${id}"]`).first();
  await expect(page.locator("tbody tr", { has: caseLink })).toContainText(fullName);
  // Hovering and focusing a link is where a router prefetches too.
  await caseLink.hover();
  await caseLink.focus();
  await page.waitForLoadState("networkidle");
  expect(await caseReadsToday(admin)).toBe(before);

  // A prefetch that reaches the server anyway (a hand-made one, a link someone forgot) renders no personal data.
  for (const marks of PREFETCH_HEADERS) {
    const response = await page.request.get(`/cases/clients/${id}`, { headers: { rsc: "1", ...marks } });
    expect(await response.text(), JSON.stringify(marks)).not.toContain(fullName);
  }
  expect(await caseReadsToday(admin)).toBe(before);

  await caseLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Fall K-/);
  await expect(page.getByText(fullName).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await caseReadsToday(admin)).toBe(before + 1);
  await adminContext.close();
});

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
  await expect(counted.locator("tr", { hasText: "clients.get" }).filter({ hasText: "nicht angemeldet" })).toHaveCount(1);
  await adminContext.close();
});

test("the retention job's runs are in the trail by the app, with their count", async ({ page }) => {
  await loginAndWait(page, DEMO.admin, /\/admin$/);
  // The job runs at start-up, beside the first requests: its entry may take a moment.
  await expect(async () => {
    await page.goto(`/admin/audit?${new URLSearchParams({ action: "retention.run" })}`);
    const run = page.locator("tbody tr", { hasText: "retention.run" }).first();
    await expect(run).toContainText("die Anwendung (geplanter Lauf)", { timeout: 1000 });
    await expect(run).toContainText(/(Daten von \d+ (Person|Personen) gelöscht|keine Löschung): letzter Kontakt vor dem \d\d\.\d\d\.\d\d, Aufbewahrung 3 Jahre/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("columnheader", { name: "Angaben" })).toBeVisible();
});
