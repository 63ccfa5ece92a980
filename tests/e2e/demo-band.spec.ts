import { expect, test, type Page } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

// serve.mts runs the embedded database in demo mode (the default without DATABASE_URL), and
// PostgreSQL with the demo seeded but in production mode (`next start` sets NODE_ENV=production,
// where demo mode is refused): the band must show exactly in the first.
const demoMode = !process.env.TEST_DATABASE_URL;

async function expectBand(page: Page, text: string) {
  const band = page.getByRole("note").filter({ hasText: /^Demo:/ });
  if (!demoMode) return expect(band).toHaveCount(0);
  await expect(band).toHaveText(text);
  // Above everything, in the flow: the header follows it instead of lying under it.
  const bandBox = (await band.boundingBox())!;
  const headerBox = (await page.locator("header.site-header").boundingBox())!;
  expect(headerBox.y).toBeGreaterThanOrEqual(bandBox.y + bandBox.height - 1);
}

test(`the demo band is ${demoMode ? "on every page, the login page included" : "absent outside demo mode"}`, async ({ page }) => {
  await page.goto("/login");
  await expectBand(page, "Demo: keine echten Daten");
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await expectBand(page, "Demo: keine echten Daten");
  await page.getByRole("button", { name: "English" }).click();
  await expectBand(page, "Demo: no real data");
});

test("the demo band fits a 360 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/login");
  await expectBand(page, "Demo: keine echten Daten");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
