// @driver-independent, second run: the figures pages, charts and files; the engine's values are checked on both drivers in vitest (README, Tests: run once).
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
  return { name: file.suggestedFilename(), content: await readFile(await file.path()) };
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

test("below the network a period is whole months: the form says so and names a day that is not", async ({ page }) => {
  await loginAndWait(page, DEMO.regional, /\/reports$/);
  const query = "period=custom&from=2019-03-02&to=2019-05-31";
  for (const path of ["/reports/figures", "/reports/figures/breakdown"]) {
    await page.goto(`${path}?${query}`);
    const from = page.getByLabel("Beginn (eigener Zeitraum)", { exact: true });
    await expect(from).toHaveAttribute("aria-invalid", "true");
    await expect(from).toHaveAccessibleDescription(/Unterhalb des Netzwerks: ganze Monate.*beginnt ein Zeitraum am Ersten eines Monats/);
    await expect(page.getByLabel("Ende (eigener Zeitraum)", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "ungültig" })).toContainText("Beginn (eigener Zeitraum) (from)");
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  const file = await page.request.get(`/reports/figures/export?${query}&format=csv`);
  expect(file.status()).toBe(422);
  expect(Object.keys((await file.json()).error.fieldErrors)).toEqual(["from"]);
  // Whole months are answered.
  await page.goto("/reports/figures?period=custom&from=2019-03-01&to=2019-05-31");
  await expect(page.getByLabel("Beginn (eigener Zeitraum)", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("table").first()).toBeVisible();
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

const germanNumber = (n: number) => new Intl.NumberFormat("de").format(n);
const todayInBerlin = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

/** How many records a report counts: every count but the org tree's, the shares and the target. */
function recordsCounted(figures: Record<string, unknown>): number {
  const fromRecords = ([key, value]: [string, unknown]) => typeof value === "number" && !/^(contactPoints|organisation|targets)\.|\.shareByFormat\./.test(key);
  return Object.entries(figures)
    .filter(fromRecords)
    .reduce((sum, [, value]) => sum + (value as number), 0);
}

test("the reference-date fields say what an empty field means", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  await page.goto(`/reports/figures?year=2019&asOf=${published.asOf}`);
  await expect(page.getByRole("group", { name: "Stichtage", exact: true })).toBeVisible();
  await expect(page.getByLabel("Stichtag", { exact: true })).toHaveAccessibleDescription("leer: jetzt");
  await expect(page.getByLabel("Stichtag der Abschlüsse", { exact: true })).toHaveAccessibleDescription("leer: wie der Stichtag");
  // And so it is: without a completers' date the completers count as of the reference date.
  await expect(page.getByText("Stichtag 7. Januar 2020; erfolgreiche Abschlüsse: Stichtag 7. Januar 2020")).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByLabel("Reference date of completers", { exact: true })).toHaveAccessibleDescription("empty: the reference date");
});

test("a value the figures cannot use is named next to the form, on the page and in exports; no other figures instead", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  const cases = [
    { query: "year=2019&asOf=2019-02-30", field: "asOf", label: "Stichtag" },
    { query: "year=abc", field: "year", label: "Jahr" },
    { query: "period=custom&from=2019-02-30&to=2019-12-31", field: "from", label: "Beginn (eigener Zeitraum)" },
    { query: "period=custom&from=2019-01-01&to=2019-13-01", field: "to", label: "Ende (eigener Zeitraum)" },
  ];
  for (const { query, field, label } of cases) {
    for (const path of ["/reports/figures", "/reports/figures/breakdown"]) {
      await page.goto(`${path}?${query}`);
      const errors = page.getByRole("alert").filter({ hasText: "Die Angaben sind ungültig" });
      await expect(errors, `${path}?${query}`).toContainText(`${label} (${field})`);
      await expect(page.getByLabel(label, { exact: true }), query).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByRole("table"), query).toHaveCount(0);
    }
    await expect(page.getByRole("region", { name: "Beratung zu Anerkennung und Qualifizierung" })).toHaveCount(0);
    const file = await page.request.get(`/reports/figures/export?${query}&format=csv`);
    expect(file.status(), query).toBe(422);
    expect(Object.keys((await file.json()).error.fieldErrors), query).toEqual([field]);
  }
  await page.goto("/reports/figures?year=2019&asOf=2019-02-30");
  await expect(page.getByRole("alert").filter({ hasText: "ungültig" })).toContainText("Stichtag (asOf) „2019-02-30“: Bitte ein gültiges Datum");
  const api = await page.request.get("/api/v1/figures?from=2019-01-01&to=2019-12-31&asOf=2019-02-30");
  expect(api.status()).toBe(422);
  expect(Object.keys((await api.json()).error.fieldErrors)).toEqual(["asOf"]);
});

test("the figures page opens on the latest year with records and offers halves, quarters and custom periods, by keyboard", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  const today = todayInBerlin();
  const counted = async (from: string, to: string) => recordsCounted((await (await page.request.get(`/api/v1/figures?from=${from}&to=${to}`)).json()).figures);
  await page.goto("/reports/figures");
  const year = Number(await page.getByLabel("Jahr", { exact: true }).inputValue());
  expect(await counted(`${year}-01-01`, `${year}-12-31` < today ? `${year}-12-31` : today)).toBeGreaterThan(0);
  if (`${year + 1}-01-01` <= today) expect(await counted(`${year + 1}-01-01`, today)).toBe(0);

  await page.goto(`/reports/figures?${BROCHURE}`);
  const from = page.getByLabel("Beginn (eigener Zeitraum)");
  await expect(from).toBeDisabled();
  // By keyboard: from the year to the period, a quarter chosen with the arrow keys, on to the button.
  await page.getByLabel("Jahr", { exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Zeitraum", { exact: true })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Zeitraum", { exact: true })).toHaveValue("q1");
  const show = page.getByRole("button", { name: "Anzeigen" });
  for (let i = 0; i < 10 && !(await show.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(show).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/period=q1/);
  await expect(page.getByText("Gesamtes Netzwerk · 1. Quartal 2019")).toBeVisible();
  await expect(page.getByText(/Zeitraum 1\. Januar 2019 bis 31\. März 2019/)).toBeVisible();
  const q1 = (await (await page.request.get(`/api/v1/figures?from=2019-01-01&to=2019-03-31&asOf=${published.asOf}`)).json()).figures;
  const advice = page.getByRole("region", { name: "Beratung zu Anerkennung und Qualifizierung" });
  await expect(advice.getByText(germanNumber(q1["advice.initialSessions"]), { exact: true })).toBeVisible();
  expect(q1["advice.initialSessions"]).toBeLessThan(INITIAL);

  await page.getByLabel("Zeitraum", { exact: true }).selectOption("custom");
  await expect(from).toBeEnabled();
  await expect(page.getByLabel("Jahr", { exact: true })).toBeDisabled();
  await from.fill("2019-03-01");
  await page.getByLabel("Ende (eigener Zeitraum)").fill("2019-05-31");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/period=custom&from=2019-03-01&to=2019-05-31/);
  await expect(page.getByText("Gesamtes Netzwerk · 1. März 2019 bis 31. Mai 2019")).toBeVisible();
  // The exports ask for the same period.
  const csv = await download(page, "CSV herunterladen");
  expect(csv.name).toBe("lotse-figures-2019-03-01_2019-05-31-network.csv");

  // Half-years too, and the page fits a small screen.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/reports/figures?year=2019&period=h2&asOf=${published.asOf}`);
  await expect(page.getByText("Gesamtes Netzwerk · 2. Halbjahr 2019")).toBeVisible();
  // Nothing of the report reaches past the screen's edge (wide tables scroll in their own region).
  const beyond = await page.evaluate(() =>
    [...document.querySelectorAll("article *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth && !e.parentElement?.closest("[role=region][tabindex]")).map((e) => `${e.tagName} ${e.textContent?.slice(0, 30)}`),
  );
  expect(beyond).toEqual([]);
});

test("the print view fits every table on A4 portrait, every column", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  // A4's width less the page margins of the print style (210 mm − 2 × 14 mm), in CSS pixels.
  const printable = Math.floor((182 / 25.4) * 96);
  await page.setViewportSize({ width: printable, height: 1000 });
  await page.emulateMedia({ media: "print" });
  const overflowing = () =>
    page.evaluate(() =>
      [...document.querySelectorAll("table")]
        .filter((table) => table.scrollWidth > table.parentElement!.clientWidth || table.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((table) => `${table.caption?.textContent}: ${table.scrollWidth} > ${table.parentElement!.clientWidth}`),
    );
  await page.goto(`/reports/figures?${BROCHURE}`);
  await expect(page.getByRole("table", { name: "Interkulturelle Öffnung" }).getByRole("columnheader", { name: "Beratungen" })).toBeVisible();
  expect(await overflowing()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(printable);

  // A breakdown has too many columns for one sheet's width: on paper they come in parts, each with the groups again.
  await page.goto(`/reports/figures/breakdown?${BROCHURE}&by=region`);
  const parts = page.getByRole("table", { name: /nach Landesnetzwerk \(Teil \d+ von \d+\)/ });
  expect(await parts.count()).toBeGreaterThan(1);
  const columns = await parts.evaluateAll((tables) => tables.flatMap((t) => [...t.querySelectorAll("thead th")].slice(1).map((th) => th.textContent)));
  const onScreen = await page.evaluate(() => [...document.querySelectorAll("table")].find((t) => !t.caption?.textContent?.includes("(Teil"))!.querySelectorAll("thead th").length - 1);
  expect(columns).toHaveLength(onScreen);
  expect(await overflowing()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(printable);
});

test("each figure links to its definition and down the org tree to the contact points", async ({ page }) => {
  await loginAndWait(page, DEMO.network, /\/reports$/);
  await page.goto(`/reports/figures?${BROCHURE}`);
  await page.getByRole("link", { name: "Definition: Erstberatungen" }).click();
  await expect(page).toHaveURL(/\/reports\/figures\/definitions#figure-advice-initialSessions$/);
  await expect(page.locator("#figure-advice-initialSessions")).toContainText("Beratungsgespräche der Stufe „Erstberatung“");
  await expect(page.locator("#figure-advice-initialSessions")).toContainText("advice.initial.recognition");

  await page.goto(`/reports/figures?${BROCHURE}`);
  await page.getByRole("link", { name: "Nach Einheiten: Erstberatungen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Erstberatungen nach Einheiten");
  const table = page.getByRole("table", { name: /Erstberatungen: Gesamtes Netzwerk/ });
  await expect(table.locator("tfoot")).toContainText("53.284");
  // The 16 regional networks and the national subprojects, which belong to none.
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(published.figures["organisation.regionalNetworks"]);
  await table.getByRole("link", { name: /Bayern/ }).click();
  const region = page.getByRole("table", { name: /Erstberatungen: .*Bayern/ });
  await expect(region.locator("tbody tr").first()).toBeVisible();
  await region.locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByRole("navigation", { name: "Ebenen" })).toContainText("Bayern");
  const points = page.getByRole("table", { name: /Erstberatungen:/ });
  await expect(points.locator("tbody tr").first()).toBeVisible();
  await expect(points.locator("tbody tr").first().getByRole("link")).toHaveCount(0);
});
