// @driver-independent, second run: axe on the pages, whatever database serves them (README, Tests: run once).
import { expect, test, type Page } from "@playwright/test";
import { KINDS } from "@/lib/records/kinds";
import { DEMO, loginAndWait } from "./fixtures";
import { axeViolations } from "./axe";

/*
 * WCAG 2.1 A and AA rules (quality target U1, docs/quality.md): zero violations. Every page of the
 * access matrix is checked at 360 and 1280 px by responsive.spec.ts; this spec adds the pages and
 * states that walk does not open: the form of every record kind, and the figures pages with other
 * periods, a breakdown by month, a drill-down for the network and an error shown.
 */

async function expectNoViolations(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), path).toEqual([]);
}

test("the form of every record kind has no accessibility violations", async ({ page }) => {
  test.slow();
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  // The advice session's form is on the matrix's walk.
  for (const { slug } of KINDS.filter((kind) => kind.slug !== "advice-sessions")) {
    await expectNoViolations(page, `/cases/records/${slug}/new`);
  }
});

test("the figures pages have no accessibility violations, at 1280 and 360 px, with errors shown too", async ({ page }) => {
  test.slow();
  await loginAndWait(page, DEMO.network, /\/reports$/);
  const paths = [
    "/reports/figures?year=2019&asOf=2020-01-07&completersAsOf=2020-02-20",
    "/reports/figures?period=custom&from=2019-03-01&to=2019-05-31",
    "/reports/figures?year=2019&asOf=2019-02-30",
    "/reports/figures/breakdown?year=2019&period=q3&by=month",
    "/reports/figures/drilldown?year=2019&figure=advice.initialSessions",
  ];
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) await expectNoViolations(page, path);
  }
});

test("the check sees what it looks for: a violation added to a page is reported with its rule and element", async ({ page }) => {
  await page.goto("/login");
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<img id="no-alt" src="/favicon.ico">'));
  expect(await axeViolations(page)).toEqual(["image-alt: #no-alt"]);
});
