// @driver-independent, second run: the admin pages' combobox, search forms, header and icons; the searches and their order run on both drivers in vitest (README, Tests: run once).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { DEMO, sessionFile } from "./fixtures";
import { axeViolations } from "./axe";

async function adminPage(browser: Browser, options: { locale?: "de" | "en"; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ storageState: sessionFile(DEMO.admin), javaScriptEnabled: options.javaScriptEnabled ?? true });
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: LOCALE_COOKIE, value: options.locale ?? "de", domain: hostname, path: "/" }]);
  return context.newPage();
}

const UNITS = "Zugeordnete Teilprojekte und Anlaufstellen";

test("an adviser's units are chosen in a searchable combobox, by keyboard alone, and saved", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin/users/new");
  const name = `Einheitenwahl ${Date.now()}`;
  await page.getByLabel("E-Mail").fill(`einheiten-${Date.now()}@lotse.example`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Anfangspasswort").fill("ein langes Testpasswort");
  await expect(page.getByLabel("Rolle")).toHaveValue("adviser");

  const box = page.getByRole("combobox", { name: UNITS });
  const list = page.getByRole("listbox", { name: UNITS });
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");

  // Typed without the umlaut, the place still finds its units, and only them.
  await box.focus();
  await page.keyboard.type("tubingen");
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const options = list.getByRole("option");
  expect(await options.count()).toBeGreaterThan(0);
  for (const text of await options.allTextContents()) expect(text).toContain("Tübingen");
  await page.keyboard.press("ArrowDown");
  const first = options.first();
  await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
  const firstName = (await first.textContent())!.split(" · ")[0];
  await page.keyboard.press("Enter");
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText(`${firstName} ausgewählt.`)).toBeVisible();

  // A region and a level, words in any order: the second match of the list.
  await page.keyboard.press("Control+A");
  await page.keyboard.type("anlaufstelle hamburg");
  const hamburg = list.getByRole("option");
  for (const text of await hamburg.allTextContents()) expect(text).toMatch(/Anlaufstelle.*Hamburg/);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const secondName = (await hamburg.nth(1).textContent())!.split(" · ")[0];
  await page.keyboard.press("Enter");

  // Axe with the list open: the combobox pattern holds.
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).toBeFocused();

  const chosen = page.getByRole("list", { name: UNITS });
  await expect(chosen.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("Ausgewählt (2)")).toBeVisible();
  // A third one chosen and removed again with its button.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const thirdName = (await list.getByRole("option").nth(2).textContent())!.split(" · ")[0];
  await page.keyboard.press("Enter");
  await expect(chosen.getByRole("listitem")).toHaveCount(3);
  // The open list lies over the chosen ones: closed first.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: `${thirdName} entfernen` }).click();
  await expect(chosen.getByRole("listitem")).toHaveCount(2);
  await expect(box).toBeFocused();

  // Escape empties the search box once the list is closed.
  await page.keyboard.press("Escape");
  await expect(box).toHaveValue("");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const saved = page.getByRole("list", { name: UNITS });
  await expect(saved.getByRole("listitem")).toHaveCount(2);
  await expect(saved).toContainText(firstName);
  await expect(saved).toContainText(secondName);
  await page.context().close();
});

test("on a phone the combobox's options and remove buttons are a fingertip high and the page does not scroll sideways", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/admin/users/new");
  const box = page.getByRole("combobox", { name: UNITS });
  await box.fill("Stuttgart");
  const options = page.getByRole("listbox", { name: UNITS }).getByRole("option");
  await expect(options.first()).toBeVisible();
  for (const height of await options.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(height).toBeGreaterThanOrEqual(44);
  await box.press("ArrowDown");
  await box.press("Enter");
  const remove = page.getByRole("button", { name: /entfernen$/ });
  expect((await remove.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.context().close();
});

test("the admin lists search on the server, without JavaScript too, and sort in German order", async ({ browser }) => {
  const page = await adminPage(browser, { javaScriptEnabled: false });
  await page.goto("/admin/org/contact-points");
  await page.getByLabel("Anlaufstellen suchen").fill("Tübingen");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/[?&]q=T%C3%BCbingen/);
  const rows = page.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) expect(text).toContain("Tübingen");
  await expect(page.getByTestId("contact-point-count")).toHaveText(`${await rows.count()} Treffer für „Tübingen“.`);
  // The kind filter keeps the search.
  await page.getByRole("link", { name: "Mobile Anlaufstelle" }).click();
  await expect(page).toHaveURL(/kind=mobile/);
  await expect(page.getByLabel("Anlaufstellen suchen")).toHaveValue("Tübingen");

  await page.goto("/admin/org/subprojects");
  await page.getByLabel("Teilprojekte suchen").fill("hamburg");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/[?&]q=hamburg/);
  const subprojects = page.locator("tbody tr");
  expect(await subprojects.count()).toBeGreaterThan(0);
  for (const text of await subprojects.allTextContents()) expect(text.toLowerCase()).toContain("hamburg");

  await page.goto("/admin/users");
  await page.getByLabel("Benutzer suchen").fill("alex adm");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/[?&]q=alex\+adm/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr")).toContainText("Alex Admin");
  await page.getByRole("link", { name: "Suche zurücksetzen" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(1);

  await page.goto("/admin/occupations");
  const names = await page.locator("tbody tr td:first-child").allTextContents();
  expect(names).toContain("Ärztin/Arzt");
  expect(names).toEqual([...names].sort(new Intl.Collator("de").compare));
  expect(names.at(-1)).not.toBe("Ärztin/Arzt");
  await page.getByLabel("Berufe suchen").fill("ärztin");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/[?&]q=%C3%A4rztin/);
  const found = await page.locator("tbody tr td:first-child").allTextContents();
  expect(found).toContain("Ärztin/Arzt");
  for (const n of found) expect(n.toLowerCase()).toContain("ärztin");
  await page.context().close();
});

test("the audit trail names users and actions in German and English and filters by a user's name", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin/audit");
  await page.getByLabel("Benutzer", { exact: true }).fill("alex adm");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/user=alex\+adm/);
  const rows = page.locator("table").first().locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const who of await rows.locator("td:nth-child(2)").allTextContents()) expect(who).toBe("Alex Admin (Administration)");
  // No shortened id anywhere.
  expect(await rows.locator("td:nth-child(2)").allTextContents()).not.toContainEqual(expect.stringMatching(/^[0-9a-f]{8} /));

  // Each action in words, its code beside it. Filtered first: where other tests ran as the admin
  // before this one on the same database (npm test), the admin's sign-in is no longer on the first page.
  await page.getByLabel("Aktion").selectOption({ label: "Angemeldet" });
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/action=login\.success/);
  await expect(rows.filter({ hasText: "login.success" }).first()).toContainText("Angemeldet");
  for (const text of await rows.locator("td:nth-child(3)").allTextContents()) expect(text).toBe("Angemeldetlogin.success");
  await page.context().close();

  const english = await adminPage(browser, { locale: "en" });
  await english.goto("/admin/audit?user=alex&action=login.success");
  await expect(english.locator("table").first().locator("tbody tr").first()).toContainText("Signed in");
  await expect(english.locator("table").first().locator("tbody tr").first()).toContainText("Alex Admin (Administrator)");
  await english.context().close();
});

test("the admin menu stays on one line at 1280 px in both languages, its pages in a bar of their own", async ({ browser }) => {
  for (const locale of ["de", "en"] as const) {
    const page = await adminPage(browser, { locale });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/admin/org/contact-points");
    const layout = await page.evaluate(() => {
      const top = (el: Element) => Math.round(el.getBoundingClientRect().top);
      // The lines a link's text takes: its text's boxes at distinct heights.
      const lines = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      const header = [...document.querySelectorAll(".site-header nav li")];
      const section = [...document.querySelectorAll(".section-nav li")];
      return {
        headerTops: [...new Set(header.map(top))],
        sectionTops: [...new Set(section.map(top))],
        wrapped: [...header, ...section].filter((li) => lines(li.querySelector("a")!) > 1).map((li) => li.textContent),
        header: document.querySelector(".site-header")!.getBoundingClientRect().height,
        sections: section.length,
      };
    });
    expect(layout.headerTops, `${locale}: the header's rows`).toHaveLength(1);
    expect(layout.sectionTops, `${locale}: the section bar's rows`).toHaveLength(1);
    expect(layout.wrapped, `${locale}: links broken over lines`).toEqual([]);
    // One row: brand, links and tools side by side, not taller than its padding around a 44 px control.
    expect(layout.header, `${locale}: header height`).toBeLessThan(70);
    expect(layout.sections).toBe(10);
    await expect(page.getByRole("navigation", { name: locale === "de" ? "Bereiche der Verwaltung" : "Administration sections" }).getByRole("link", { name: locale === "de" ? "Anlaufstellen" : "Contact points" })).toHaveAttribute("aria-current", "page");
    await page.context().close();
  }
});

test("every page has an icon: /favicon.ico and the SVG icon are served, and pages link the icon", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toMatch(/image\/svg\+xml/);
  await page.goto("/login");
  const icons = await page.locator('head link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")));
  expect(icons.some((href) => href?.startsWith("/favicon.ico"))).toBe(true);
  expect(icons.some((href) => href?.startsWith("/icon.svg"))).toBe(true);
});
