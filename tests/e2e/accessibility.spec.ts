// @driver-independent, second run: axe on the pages, whatever database serves them (README, Tests: run once).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

/** WCAG 2.1 A and AA rules (quality target U1, docs/quality.md): zero violations on every page. */
async function expectNoViolations(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(results.passes.length, `${path}: axe checked nothing`).toBeGreaterThan(0);
  expect(summary, path).toEqual([]);
}

test("the login page has no accessibility violations", async ({ page }) => {
  await expectNoViolations(page, "/login");
});

test("the admin pages have no accessibility violations", async ({ page }) => {
  // Eleven pages, each analysed in full: more than the default minute on a busy machine.
  test.slow();
  await loginAndWait(page, DEMO.admin, /\/admin$/);
  for (const path of ["/admin", "/admin/org", "/admin/org/contact-points", "/admin/users", "/admin/users/new", "/admin/occupations", "/admin/consent-purposes", "/admin/tokens", "/admin/targets", "/admin/audit", "/api-docs"]) {
    await expectNoViolations(page, path);
  }
  await page.goto("/admin/org");
  await page.getByRole("link", { name: "IQ Netzwerk Bremen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IQ Netzwerk Bremen");
  await expectNoViolations(page, page.url());
});

test("the coordinator and adviser pages have no accessibility violations", async ({ page, browser }) => {
  test.slow();
  await loginAndWait(page, DEMO.network, /\/reports$/);
  await expectNoViolations(page, "/reports");
  const adviser = await (await browser.newContext()).newPage();
  await loginAndWait(adviser, DEMO.adviser, /\/cases$/);
  for (const path of ["/cases", "/cases/clients/new", "/cases/records", "/cases/records/advice-sessions", "/cases/records/advice-sessions/new", "/cases/records/intercultural-activities/new"]) {
    await expectNoViolations(adviser, path);
  }
  await adviser.goto("/cases");
  await adviser.getByRole("link", { name: /^K-/ }).first().click();
  await expect(adviser.getByRole("heading", { level: 1 })).toContainText("K-");
  await expectNoViolations(adviser, adviser.url());
});

test("the figures pages have no accessibility violations, at 1280 and 360 px, with errors shown too", async ({ page }) => {
  test.slow();
  await loginAndWait(page, DEMO.network, /\/reports$/);
  const paths = [
    "/reports/figures?year=2019&asOf=2020-01-07&completersAsOf=2020-02-20",
    "/reports/figures?period=custom&from=2019-03-01&to=2019-05-31",
    "/reports/figures?year=2019&asOf=2019-02-30",
    "/reports/figures/breakdown?year=2019&period=q3&by=month",
    "/reports/figures/definitions",
    "/reports/figures/drilldown?year=2019&figure=advice.initialSessions",
  ];
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) await expectNoViolations(page, path);
  }
});
