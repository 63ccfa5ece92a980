// @driver-independent: the layout at two widths and axe on every page, the same whatever database serves them (README, Tests: run once).
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { EDITION, PAGE_ROWS, type Ids, type Who } from "../access-matrix";
import { axeViolations } from "./axe";
import { DEMO, sessionFile } from "./fixtures";

/**
 * Every page of the access matrix, as a user allowed to open it, on a phone (360 × 740) and on a
 * desktop (1280 × 800): no page-level horizontal scroll (a wide table scrolls in its own box),
 * touch targets of at least 44 px on the phone, and no accessibility violations at either width.
 */
const WIDTHS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];
const NARROW = 360;
const TOUCH = 44;

/** The demo account that stands for a kind of user of the matrix (the "other" kinds have none). */
const ACCOUNT: Partial<Record<Who, string>> = { adviserOwn: DEMO.adviser, regionalOwn: DEMO.regional, network: DEMO.network, admin: DEMO.admin };
const PREFERRED: Who[] = ["adviserOwn", "regionalOwn", "network", "admin", "anonymous"];

async function contextOf(browser: Browser, who: Who, locale: "de" | "en" = "de"): Promise<BrowserContext> {
  const account = ACCOUNT[who];
  const context = await browser.newContext(account ? { storageState: sessionFile(account) } : {});
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale, domain: hostname, path: "/" }]);
  return context;
}

/** The first id in a link to `prefix`<id> on `path`. */
async function idOn(page: Page, path: string, prefix: string): Promise<string> {
  await page.goto(path);
  const href = await page.locator(`a[href^="${prefix}"]`).filter({ hasNotText: /^$/ }).evaluateAll((links, p) => {
    const id = /^[0-9a-f-]{36}$/;
    return links.map((a) => a.getAttribute("href")!.slice(p.length).split(/[/?#]/)[0]).find((rest) => id.test(rest));
  }, prefix);
  expect(href, `a link to ${prefix}… on ${path}`).toBeTruthy();
  return href!;
}

/** The ids the matrix's paths need, found in the demo network (and an edition of the region, published for it). */
async function demoIds(browser: Browser): Promise<Ids> {
  const adviser = await (await contextOf(browser, "adviserOwn")).newPage();
  const client = await idOn(adviser, "/cases", "/cases/clients/");
  const record = await idOn(adviser, "/cases/records/advice-sessions", "/cases/records/advice-sessions/");
  const unit = "";
  const otherUnit = "";
  await adviser.context().close();
  const admin = await (await contextOf(browser, "admin")).newPage();
  await admin.goto("/admin/org");
  const region = (await admin.getByRole("link", { name: "IQ Netzwerk Bayern" }).getAttribute("href"))!.split("/").pop()!;
  const user = await idOn(admin, "/admin/users", "/admin/users/");
  const occupation = await idOn(admin, "/admin/occupations", "/admin/occupations/");
  const consentPurpose = await idOn(admin, "/admin/consent-purposes", "/admin/consent-purposes/");
  await admin.context().close();
  const network = await (await contextOf(browser, "network")).newPage();
  // An edition of the regional coordinator's own region, published here: an edition found on the
  // list (one of another spec, say) may be the network's, which a regional coordinator may not open.
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const created = await network.request.post("/api/v1/editions", { headers: { origin }, data: { ...EDITION, scope: region } });
  expect(created.status(), await created.text()).toBe(201);
  const edition = (await created.json()).id as string;
  await network.context().close();
  return { unit, region, otherUnit, client, record, user, occupation, consentPurpose, edition };
}

/** What keeps a page from fitting its width: the page's scroll width and the element reaching furthest right. */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // The widest element not inside a box that scrolls or clips by itself.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    let widest: Element | null = null;
    let right = 0;
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect().right;
      if (r > right && r > root.clientWidth && !clipped(el)) [widest, right] = [el, r];
    }
    const name = widest ? `${widest.tagName.toLowerCase()}${widest.id ? `#${widest.id}` : ""}${[...widest.classList].map((c) => `.${c}`).join("")} "${(widest.textContent ?? "").trim().slice(0, 40)}"` : "?";
    return `page is ${root.scrollWidth} px wide in ${root.clientWidth} px; widest: ${name} (right edge ${Math.round(right)} px)`;
  });
}

/** Controls smaller than a fingertip on the phone (inline links in text are exempt, as in WCAG 2.5.8). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll("button, .button, input:not([type=hidden]), select, textarea, summary, label.choice, .site-header a, .pager a");
    return [...controls]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Not shown (in a closed menu, visually hidden, a skip link off screen): nothing to touch.
        if (r.width < 2 || r.height < 2 || r.right <= 0 || el.closest("details:not([open]) > :not(summary)")) return false;
        // A box or radio counts with its label.
        const box = el.matches("input[type=checkbox], input[type=radio]") ? (el.closest("label") ?? el) : el;
        return box.getBoundingClientRect().height < min - 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("name") || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)} px`);
  }, TOUCH);
}

/**
 * Opens `path` once and collects what is wrong there at each width. The server renders the same
 * page for any width, so the page is laid out again at the next width rather than loaded again.
 */
async function check(context: BrowserContext, path: string, label: string, failures: string[]) {
  const page = await context.newPage();
  await page.setViewportSize(WIDTHS[0]);
  const response = await page.goto(path);
  expect(response?.status(), `${label}: ${path}`).toBe(200);
  await page.waitForLoadState("networkidle");
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    // Two frames: the resize is laid out and painted before anything is measured.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const where = `${label} at ${size.width} px`;
    const wide = await overflow(page);
    if (wide) failures.push(`${where}: ${wide}`);
    if (size.width === NARROW) for (const small of await smallTargets(page)) failures.push(`${where}: target under ${TOUCH} px: ${small}`);
    for (const violation of await axeViolations(page)) failures.push(`${where}: ${violation}`);
  }
  await page.close();
}

test("every page fits 360 px and 1280 px without page-level scrolling, with touch-sized controls and no accessibility violations", async ({ browser }) => {
  test.setTimeout(900_000);
  const ids = await demoIds(browser);
  const failures: string[] = [];
  const contexts = new Map<Who, BrowserContext>();
  for (const [route, row] of Object.entries(PAGE_ROWS)) {
    const who = PREFERRED.find((w) => row.allowed.includes(w));
    // "/" only sends everyone on.
    if (!who) continue;
    if (!contexts.has(who)) contexts.set(who, await contextOf(browser, who));
    await check(contexts.get(who)!, row.path(ids), `${route} as ${who}`, failures);
  }
  for (const context of contexts.values()) await context.close();
  expect(failures).toEqual([]);
});

test("the header fits a phone in both languages: its menu opens from a button-like disclosure and holds every link", async ({ browser }) => {
  test.setTimeout(300_000);
  const failures: string[] = [];
  for (const locale of ["de", "en"] as const) {
    for (const [who, home] of [["adviserOwn", "/cases"], ["network", "/reports"], ["admin", "/admin"], ["anonymous", "/login"]] as const) {
      const context = await contextOf(browser, who, locale);
      const page = await context.newPage();
      await page.setViewportSize({ width: NARROW, height: 740 });
      await page.goto(home);
      const closed = await overflow(page);
      if (closed) failures.push(`${home} as ${who} (${locale}) at 360 px: ${closed}`);
      const menu = page.locator(".site-header details.site-menu");
      if (who === "anonymous") {
        // Nothing to navigate to: only the language switch, always in view.
        await expect(page.getByRole("button", { name: locale === "de" ? "English" : "Deutsch" })).toBeVisible();
      } else {
        const toggle = menu.locator("summary");
        await expect(toggle).toBeVisible();
        const signOut = page.getByRole("button", { name: locale === "de" ? "Abmelden" : "Sign out" });
        await expect(signOut).toBeHidden();
        await toggle.click();
        await expect(signOut).toBeVisible();
        await expect(page.getByRole("navigation").getByRole("link").first()).toBeVisible();
        const wide = await overflow(page);
        if (wide) failures.push(`${home} as ${who} (${locale}), menu open at 360 px: ${wide}`);
        for (const violation of await axeViolations(page)) failures.push(`${home} as ${who} (${locale}), menu open: ${violation}`);
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.reload();
        // On a desktop the menu is the header itself: no toggle, everything in view.
        await expect(toggle).toBeHidden();
        await expect(signOut).toBeVisible();
      }
      // The check sees what it looks for: a box wider than the page, named.
      await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<div id="too-wide" style="width: 2000px">x</div>'));
      expect(await overflow(page)).toMatch(/widest: div#too-wide/);
      await context.close();
    }
  }
  expect(failures).toEqual([]);
});
