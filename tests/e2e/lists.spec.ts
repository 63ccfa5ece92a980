// @driver-independent, second run: the lists' queries (scope, paging, sorting, filters) run on both drivers in vitest (tests/integration/lists.test.ts); this spec checks the pages, the picker and the keyboard in the browser (README, Tests: run once).
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { consentPurposeOf, DEMO, login, loginAndWait, sessionFile } from "./fixtures";
import { axeViolations } from "./axe";

const HAMBURG = "hamburg@lotse.example";

/** A client of the demo adviser's, with a name (and so a consent), made through the API. */
async function newClient(page: Page, fullName: string): Promise<{ id: string; ref: string; unitId: string }> {
  const origin = new URL(page.url()).origin;
  const unitId: string = (await (await page.request.get("/api/v1/advice-sessions?pageSize=1")).json()).items[0].unitId;
  const created = await page.request.post("/api/v1/clients", {
    headers: { origin },
    data: { idempotencyKey: `lists-${Date.now()}-${Math.random()}`, contactPointId: unitId, gender: "female", residenceStatus: "third_country_permit", fullName, consentGivenOn: "2026-01-15", consentPurposeId: await consentPurposeOf(page.request) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, ref } = await created.json();
  return { id, ref, unitId };
}

async function newSession(page: Page, client: { id: string; unitId: string }, occurredOn: string): Promise<{ id: string }> {
  const created = await page.request.post("/api/v1/advice-sessions", {
    headers: { origin: new URL(page.url()).origin },
    data: { idempotencyKey: `lists-${Date.now()}-${Math.random()}`, unitId: client.unitId, clientId: client.id, occurredOn, channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" },
  });
  expect(created.status(), await created.text()).toBe(201);
  return created.json();
}

/** Calls a server action as the browser does, on a page that carries it (the build's manifest names both). */
async function act(request: APIRequestContext, origin: string, exportedName: string, args: unknown[]): Promise<any> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };
  const [id, action] = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName)!;
  const worker = Object.keys(action.workers).find((w) => !w.includes("["))!;
  const path = `/${worker.split("/").slice(1, -1).filter((s) => !s.startsWith("(")).join("/")}`;
  const response = await request.post(path, {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const lines = (await response.text()).split("\n");
  const ref = (JSON.parse(lines.find((l) => l.startsWith("0:"))!.slice(2)) as { a: string }).a.replace(/^\$@/, "");
  const result = JSON.parse(lines.find((l) => l.startsWith(`${ref}:`))!.slice(ref.length + 1));
  expect(result, exportedName).toMatchObject({ ok: true });
  return result.value;
}

const firstColumn = (page: Page) => page.locator("table.case-list tbody tr td:first-child").allInnerTexts();

test("the case list filters, sorts and pages through its address, without JavaScript too; a filter without a match says how to clear it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const name = `Lina Listentest ${stamp}`;
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const client = await newClient(page, name);

  // An overdue reminder, set on the case page.
  await page.goto(`/cases/clients/${client.id}`);
  const reminder = page.locator("form", { has: page.getByRole("heading", { name: "Wiedervorlage anlegen" }) });
  await reminder.getByLabel("Fällig am").fill("2026-01-05");
  await reminder.getByLabel("Notiz").fill(`Unterlagen nachreichen ${stamp}`);
  await reminder.getByRole("button", { name: "Wiedervorlage speichern" }).click();
  await expect(page.getByText(`Unterlagen nachreichen ${stamp}`)).toBeVisible();

  await page.goto("/cases");
  const list = page.getByRole("region", { name: "Meine Fälle" });
  const filters = list.getByRole("search", { name: "Fälle filtern" });
  await filters.getByLabel("Kennung oder Name").fill(name);
  await filters.getByLabel("Wiedervorlagen").selectOption({ label: "mit überfälliger Wiedervorlage" });
  await filters.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/reminders=overdue/);
  await expect(list.getByRole("status")).toHaveText("1 Fall");
  const row = list.locator("tbody tr", { hasText: client.ref });
  await expect(row).toContainText(name);
  await expect(row).toContainText("1 offen");
  await expect(row).toContainText("1 überfällig");
  await expect(row).toContainText("noch kein Kontakt");

  // Sorted by reference from the heading: A–Z, then Z–A.
  await page.goto("/cases");
  await expect(list.locator("th[aria-sort]")).toHaveText(/Letzter Kontakt/);
  await list.getByRole("link", { name: /^Kennung/ }).click();
  await expect(page).toHaveURL(/sort=ref/);
  await expect(list.locator("th[aria-sort=ascending]")).toHaveText(/Kennung/);
  const ascending = await firstColumn(page);
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort());
  await list.getByRole("link", { name: /^Kennung/ }).click();
  await expect(page).toHaveURL(/sort=ref&order=desc|order=desc&sort=ref/);
  await expect(list.locator("th[aria-sort=descending]")).toHaveText(/Kennung/);
  const descending = await firstColumn(page);
  expect(descending).toEqual([...descending].sort().reverse());
  // Pages keep the order.
  await list.getByRole("link", { name: "Nächste Seite" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(list.getByRole("navigation", { name: "Seiten" })).toContainText("Seite 2 von");
  const second = await firstColumn(page);
  expect(second[0] < descending[descending.length - 1]).toBe(true);

  // A filter nothing matches: what to do about it, and it works.
  await page.goto(`/cases?q=niemand-${stamp}&reminders=open`);
  await expect(list).toContainText("Kein Fall passt zu diesen Filtern.");
  await list.locator(".empty-state").getByRole("link", { name: "Filter zurücksetzen" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(list.locator("tbody tr").first()).toBeVisible();

  // The same without JavaScript: a plain GET form.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await plain.addCookies(JSON.parse(readFileSync(sessionFile(DEMO.adviser), "utf8")).cookies);
  const noScript = await plain.newPage();
  await noScript.goto("/cases");
  const plainFilters = noScript.getByRole("search", { name: "Fälle filtern" });
  await plainFilters.getByLabel("Kennung oder Name").fill(name);
  await plainFilters.getByLabel("Wiedervorlagen").selectOption("open");
  await plainFilters.getByRole("button", { name: "Anzeigen" }).click();
  await expect(noScript).toHaveURL(/reminders=open/);
  await expect(noScript.locator("table.case-list tbody tr")).toHaveCount(1);
  await expect(noScript.locator("table.case-list")).toContainText(client.ref);
  await plain.close();
});

test("a new adviser is told how to create the first case; record lists filter by kind, client, adviser and date", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  // A contact point of its own (from 2099, so that the demo's counts as of today stay), and its adviser.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAndWait(admin, DEMO.admin, /\/admin$/);
  const origin = new URL(admin.url()).origin;
  const regions = await (await admin.request.get("/api/v1/figures/breakdown?from=2019-01-01&to=2019-12-31&by=region")).json();
  const region = regions.rows.find((r: { label: string }) => /Bayern/.test(r.label)).group as string;
  const subproject = await act(admin.request, origin, "createUnitAction", [{ level: "subproject", parentId: region, name: `Listen ${stamp}`, provider: "Träger", priorityArea: "advice", activeFrom: "2099-01-01" }]);
  const contactPoint = await act(admin.request, origin, "createUnitAction", [{ level: "contact_point", parentId: subproject.id, name: `Anlaufstelle Listen ${stamp}`, town: "Regensburg", kind: "mobile", activeFrom: "2099-01-01" }]);
  const email = `neu-${stamp}@lists.example`;
  const password = "ein langes Testpasswort für Listen";
  await act(admin.request, origin, "createUserAction", [{ email, name: `Neue Beraterin ${stamp}`, password, role: "adviser", unitIds: [contactPoint.id] }]);
  await adminContext.close();

  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  await login(newcomer, email, password);
  await expect(newcomer).toHaveURL(/\/cases$/, { timeout: 30_000 });
  const empty = newcomer.getByRole("region", { name: "Meine Fälle" }).locator(".empty-state");
  await expect(empty).toContainText("An Ihren Anlaufstellen gibt es noch keine Fälle. Legen Sie den ersten an");
  await empty.getByRole("link", { name: "Neue Person anlegen" }).click();
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Neue Person");
  await newcomer.goto("/cases/records/advice-sessions");
  await expect(newcomer.locator(".empty-state")).toHaveText("Noch keine Einträge dieser Art. Mit „Beratungsgespräch erfassen“ erfassen Sie den ersten.");
  await newcomerContext.close();

  // The demo adviser's session for a new client, found by the client's reference, the adviser and the date.
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const me: string = (await (await page.request.get("/api/auth/session")).json()).user.name;
  const client = await newClient(page, `Rafael Filtertest ${stamp}`);
  await newSession(page, client, "2026-03-04");
  await page.goto("/cases/records/advice-sessions");
  const filters = page.getByRole("form", { name: "Einträge filtern" });
  await filters.getByLabel("Kennung der Person").fill(client.ref.slice(2));
  await filters.getByLabel("Erfasst von").selectOption({ label: me });
  await filters.getByLabel("Von", { exact: true }).fill("2026-03-04");
  await filters.getByLabel("Bis", { exact: true }).fill("2026-03-04");
  await filters.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/advice-sessions\?.*clientRef=/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr")).toContainText(client.ref);
  // Another kind, the same filters: its list, empty, says so.
  await filters.getByLabel("Art").selectOption({ label: "Faire-Integration-Beratungen" });
  await filters.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/fair-integration-sessions\?.*clientRef=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Faire-Integration-Beratungen");
  await expect(page.locator(".empty-state")).toHaveText("Kein Eintrag passt zu diesen Filtern. Lockern Sie einen Filter oder setzen Sie alle zurück.");
  await page.getByRole("link", { name: "Filter zurücksetzen" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/fair-integration-sessions$/);
});

test("the client picker searches the server as one types, works by keyboard alone, and is accessible at 360 px", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 740 });
  const stamp = Date.now();
  const name = `Jelena Auswahltest ${stamp}`;
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const client = await newClient(page, name);
  await page.goto("/cases/records/advice-sessions/new");
  const picker = page.getByRole("combobox", { name: "Person" });
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  // Nothing listed before one types: the page read no client.
  const listbox = page.getByRole("listbox", { name: "Person" });
  await expect(listbox).toBeHidden();
  await expect(page.locator("#record-clientId-listbox li")).toHaveCount(0);

  await picker.focus();
  await page.keyboard.type(`Auswahltest ${stamp}`, { delay: 20 });
  await expect(listbox).toBeVisible();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(listbox.getByRole("option")).toHaveCount(1);
  await expect(listbox.getByRole("option")).toHaveText(`${client.ref} · ${name}`);
  await expect(page.locator("#record-clientId-status")).toHaveText("1 Person gefunden.");

  // Fingertip-sized, and nothing axe objects to with the list open.
  expect((await listbox.getByRole("option").boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect((await picker.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Arrow down highlights, Enter takes it (and does not send the form), Escape would close.
  await page.keyboard.press("ArrowDown");
  const option = listbox.getByRole("option").first();
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(picker).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue(`${client.ref} · ${name}`);
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(page).toHaveURL(/\/new$/);

  // The kind's own fields, then the form sent from the keyboard.
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Angaben" }) });
  for (const [label, value] of [
    ["Beratungsphase", "initial"],
    ["Art der Beratung", "recognition"],
    ["Ergebnis / nächster Schritt", "no_further_action"],
  ] as const) {
    await form.getByLabel(label).focus();
    await form.getByLabel(label).selectOption(value);
  }
  await form.getByRole("button", { name: "Speichern", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cases\/records\/advice-sessions\/[0-9a-f-]{36}$/);
  await expect(page.locator("dl.facts")).toContainText(name);
  // The edit form's picker shows the record's client.
  await expect(page.getByRole("combobox", { name: "Person" })).toHaveValue(`${client.ref} · ${name}`);

  // Another contact point's adviser finds nobody by that name.
  const other = await (await browser.newContext()).newPage();
  await loginAndWait(other, HAMBURG, /\/cases$/);
  await other.goto("/cases/records/advice-sessions/new");
  await other.getByRole("combobox", { name: "Person" }).pressSequentially(`Auswahltest ${stamp}`, { delay: 20 });
  await expect(other.getByText("Keine Person gefunden.")).toBeVisible();
  await expect(other.getByRole("listbox", { name: "Person" })).toBeHidden();
  await other.context().close();
});

test("a deletion says what was deleted; the case shows deleted records on request; timeline dates say what they are, in German and English", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const client = await newClient(page, `Karim Löschtest ${stamp}`);
  await newSession(page, client, "2026-02-02");
  const doomed = await newSession(page, client, "2026-02-09");

  await page.goto(`/cases/clients/${client.id}`);
  const timeline = page.locator("table.timeline");
  await expect(timeline.locator("tbody tr")).toHaveCount(2);
  const firstRow = timeline.locator("tbody tr").first();
  await expect(firstRow).toContainText("Datum des Gesprächs: 09.02.2026");
  await expect(firstRow).toContainText(/erfasst am \d\d\.\d\d\.\d{4}, \d\d:\d\d/);

  await page.goto(`/cases/records/advice-sessions/${doomed.id}`);
  await page.getByRole("button", { name: "Eintrag löschen" }).click();
  await page.getByRole("button", { name: "Ja, löschen" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/advice-sessions\?deleted=2026-02-09&deletedCase=/);
  await expect(page.locator(".notice-box")).toContainText("Gelöscht: Beratungsgespräch vom 09.02.2026. Die Löschung ist im Änderungsverlauf festgehalten.");

  await page.getByRole("link", { name: "Im Fall anzeigen, mit gelöschten Einträgen" }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/clients/${client.id}\\?deleted=1$`));
  await expect(timeline.locator("tbody tr")).toHaveCount(2);
  const deleted = timeline.locator("tbody tr.deleted");
  await expect(deleted).toContainText("Datum des Gesprächs: 09.02.2026");
  await expect(deleted).toContainText(/gelöscht am \d\d\.\d\d\.\d{4}/);
  // A deleted record has no page to open.
  await expect(deleted.getByRole("link")).toHaveCount(0);
  await page.getByRole("link", { name: "Gelöschte Einträge ausblenden" }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/clients/${client.id}$`));
  await expect(timeline.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Gelöschte Einträge zeigen" })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(timeline.locator("tbody tr").first()).toContainText("Date of the session: Feb 2, 2026");
  await expect(timeline.locator("tbody tr").first()).toContainText(/logged on \w{3} \d{1,2}, \d{4}/);
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("link", { name: "Gelöschte Einträge zeigen" })).toBeVisible();
});
