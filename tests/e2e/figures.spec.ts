import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import published from "../fixtures/figures-2019.json";
import { DEMO, loginAndWait } from "./fixtures";

/** The brochure's year and reference dates: the demo network's figures then equal the published ones. */
const BROCHURE = `year=2019&asOf=${published.asOf}&completersAsOf=${published.completersAsOf}`;
const INITIAL = published.figures["advice.initialSessions"];

async function download(page: Page, link: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), content: await readFile((await file.path())!) };
}

test("a network coordinator reads the 2019 figures in German and English and downloads them", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "In Zahlen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lotse in Zahlen");

  await page.goto(`/reports/figures?${BROCHURE}`);
  const advice = page.getByRole("region", { name: "Beratung zu Anerkennung und Qualifizierung" });
  await expect(advice.getByText("53.284", { exact: true })).toBeVisible();
  await expect(advice.getByText("Stand 7. Januar 2020").first()).toBeVisible();
  // Every regional network side by side, with the network's total.
  const regions = page.getByRole("table", { name: "Kennzahlen je Landesnetzwerk" });
  await expect(regions.locator("tbody tr")).toHaveCount(published.figures["organisation.regionalNetworks"]);
  await expect(regions.locator("tfoot")).toContainText("53.284");

  await page.getByRole("button", { name: "English" }).click();
  const adviceEn = page.getByRole("region", { name: "Advice on recognition and job training" });
  await expect(adviceEn.getByText("53,284", { exact: true })).toBeVisible();
  await expect(adviceEn.getByText("as of January 7, 2020").first()).toBeVisible();

  const csv = await download(page, "Download CSV");
  expect(csv.name).toBe("lotse-figures-2019-network.csv");
  expect(csv.content.toString("utf8")).toContain(`advice.initialSessions,Initial advice sessions,${INITIAL},`);

  const xlsx = await download(page, "Download Excel (XLSX)");
  expect(xlsx.name).toBe("lotse-figures-2019-network.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.content as unknown as ExcelJS.Buffer);
  const values = new Map<unknown, unknown>();
  workbook.worksheets[0].eachRow((row) => values.set(row.getCell(1).value, row.getCell(3).value));
  expect(values.get("advice.initialSessions")).toBe(INITIAL);
  expect(values.get("jobTraining.successfulCompleters")).toBe(published.figures["jobTraining.successfulCompleters"]);
});

test("a regional coordinator sees their own region only and is refused the network", async ({ page }) => {
  await loginAndWait(page, DEMO.regional, /\/reports$/);
  await page.getByRole("link", { name: /^Lotse in Zahlen/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lotse in Zahlen");
  await page.goto(`/reports/figures?${BROCHURE}`);
  await expect(page.getByText("IQ Netzwerk Bayern · 2019")).toBeVisible();
  await expect(page.getByLabel("Bereich", { exact: true }).locator("option")).toHaveText(["IQ Netzwerk Bayern"]);
  await expect(page.getByRole("region", { name: "Die Landesnetzwerke im Vergleich" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Beratung zu Anerkennung und Qualifizierung" }).getByText("53.284", { exact: true })).toHaveCount(0);

  const refused = await page.goto(`/reports/figures?${BROCHURE}&scope=network`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kein Zugriff");
  for (const query of [`${BROCHURE}&scope=network&format=csv`, `${BROCHURE}&scope=network&by=region&format=xlsx`]) {
    expect((await page.request.get(`/reports/figures/export?${query}`)).status(), query).toBe(403);
  }
  expect((await page.request.get(`/reports/figures/export?${BROCHURE}&format=csv`)).status()).toBe(200);
});

test("the breakdown table shows any breakdown, with withheld cells as <3", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  await page.goto(`/reports/figures/breakdown?${BROCHURE}&by=region`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aufschlüsselung nach Landesnetzwerk");
  const table = page.getByRole("table");
  await expect(table.locator("tbody tr")).toHaveCount(published.figures["organisation.regionalNetworks"]);
  await expect(table.locator("tfoot")).toContainText("53.284");
  // The code column holds each region's code, never an internal id.
  const regionCsv = await download(page, "CSV herunterladen");
  const codes = regionCsv.content.toString("utf8").replace(/^\uFEFF/, "").split("\r\n").slice(1, -2).map((line) => line.split(";")[0]);
  expect(codes).toHaveLength(published.figures["organisation.regionalNetworks"]);
  expect(codes).toContain("DE-BY");
  for (const code of codes) expect(code).toMatch(/^DE-[A-Z]{2}$/);
  // Reference occupations are client attributes; a few of them have only one or two completers.
  await page.getByLabel("Aufschlüsseln nach").selectOption("occupation");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/by=occupation/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aufschlüsselung nach Referenzberuf");
  await expect(table.locator("tfoot")).toContainText("53.284");
  await expect(table.getByRole("cell", { name: "<3", exact: true }).first()).toBeVisible();
  const csv = await download(page, "CSV herunterladen");
  expect(csv.name).toBe("lotse-figures-2019-network-by-occupation.csv");
  // In German the CSV is written for German Excel: semicolons, the byte order mark kept.
  expect(csv.content.toString("utf8")).toMatch(/^\uFEFFCode;Referenzberuf;/);
  expect(csv.content.toString("utf8")).toMatch(/;<3(;|\r\n)/);
  // No group holds a 1 or 2 (only the network's total may).
  expect(csv.content.toString("utf8")).not.toMatch(/^(?!total;).*;(1|2)(;|\r\n)/m);
});

test("the reports overview and the admin's region table count the national subprojects, as the figures do", async ({ page, browser }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const figures = (await (await page.request.get(`/api/v1/figures?from=${today}&to=${today}`)).json()).figures;
  const german = (n: number) => new Intl.NumberFormat("de").format(n);
  for (const [who, email, path] of [["coordinator", DEMO.network, "/reports"], ["admin", DEMO.admin, "/admin/org"]] as const) {
    const tab = who === "coordinator" ? page : await (await browser.newContext()).newPage();
    if (who === "admin") await loginAndWait(tab, email, /\/admin$/);
    await tab.goto(path);
    const foot = tab.getByRole("table").locator("tfoot");
    await expect(foot.getByRole("row", { name: /Bundesweite Teilprojekte/ }), who).toBeVisible();
    const total = foot.getByRole("row", { name: /Netzwerk insgesamt/ }).getByRole("cell");
    await expect(total.nth(0), who).toHaveText(german(figures["organisation.subprojects"]));
    await expect(total.nth(1), who).toHaveText(german(figures["contactPoints.total"]));
  }
});
