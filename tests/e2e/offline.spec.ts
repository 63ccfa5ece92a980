// @driver-independent: the queue lives in the browser and is sent through the API's idempotent create, which the integration tests check on both databases.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { consentPurposeOf, DEMO, login, loginAndWait } from "./fixtures";

/*
 * Logging without a connection (README, "Offline use"): the field forms load offline after one
 * online visit, a save offline waits in the browser with its idempotency key, survives a reload,
 * and is sent when the connection returns, exactly once even when an answer is lost on the way.
 */

const form = (page: Page) => page.locator("form", { has: page.getByRole("heading", { name: "Angaben", exact: true }) });
const queueList = (page: Page) => page.getByRole("list", { name: "Noch nicht gesendet" });

async function total(page: Page, slug: string): Promise<number> {
  const response = await page.request.get(`/api/v1/${slug}?pageSize=1`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

/** A client with a name and a phone number, made through the API: what must never reach the offline storage. */
async function namedClient(page: Page, name: string): Promise<string> {
  const me = (await (await page.request.get("/api/v1/me")).json()) as { units: { id: string; level: string }[] };
  const response = await page.request.post("/api/v1/clients", {
    headers: { "Idempotency-Key": crypto.randomUUID(), Origin: new URL(page.url()).origin },
    data: {
      contactPointId: me.units.find((u) => u.level === "contact_point")!.id,
      gender: "female",
      residenceStatus: "third_country_permit",
      fullName: name,
      phone: "+49 30 5550123",
      consentGivenOn: "2026-01-15",
      consentPurposeId: await consentPurposeOf(page.request),
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { ref: string }).ref;
}

/** An online visit: the service worker runs and has stored the field forms' pages. */
async function visitOnline(page: Page, slug: string) {
  await page.goto(`/cases/records/${slug}/new`);
  await expect(page.locator('[data-offline-ready="true"]')).toBeAttached({ timeout: 30_000 });
}

/** What the browser keeps for offline use: the queue, the remembered references and the cached pages, as text. */
async function storedOffline(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (name: string, store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) return resolve([]);
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => resolve(all.result);
        };
      });
    const pages: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) if (!request.url.includes("/_next/static/")) pages.push(await (await cache.match(request))!.text());
    }
    return JSON.stringify([await dump("lotse-offline", "records"), await dump("lotse-offline-references", "clients"), pages]);
  });
}

/** The references the picker remembered, as text; "" while it has written none (its database is never created here: idb-keyval makes its store only when it creates the database). */
async function rememberedReferences(page: Page): Promise<string> {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === "lotse-offline-references")) return "";
    return new Promise<string>((resolve, reject) => {
      const open = indexedDB.open("lotse-offline-references");
      open.onerror = () => reject(new Error(String(open.error)));
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("clients")) {
          db.close();
          return resolve("");
        }
        const all = db.transaction("clients").objectStore("clients").getAll();
        all.onsuccess = () => {
          db.close();
          resolve(JSON.stringify(all.result));
        };
      };
    });
  });
}

async function saveOffline(page: Page) {
  await form(page).getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(form(page).getByText("Keine Verbindung: auf diesem Gerät gespeichert. Wird gesendet, sobald die Verbindung zurück ist.")).toBeVisible();
}

/** The first record create that reaches the server gets its answer cut off; counts every create sent. */
async function interruptFirstCreate(context: BrowserContext) {
  const seen = { creates: 0, interrupted: 0 };
  await context.route(/\/api\/v1\/[a-z-]+$/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    seen.creates++;
    if (seen.interrupted > 0) return route.continue();
    seen.interrupted++;
    await route.fetch();
    await route.abort("connectionreset");
  });
  return seen;
}

test("three records logged offline survive a reload and are sent exactly once after an interrupted sync", async ({ page, context }) => {
  test.setTimeout(180_000);
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const slugs = ["advice-sessions", "fair-integration-events", "skilled-worker-activities"];
  const before = Object.fromEntries(await Promise.all(slugs.map(async (slug) => [slug, await total(page, slug)] as const)));

  const name = `Dilara Offlinetest ${Date.now()}`;
  const ref = await namedClient(page, name);

  // One online visit to one form is enough for all five; there the client is chosen once (not saved), so that its reference is known offline.
  await visitOnline(page, "advice-sessions");
  const picker = page.getByRole("combobox", { name: "Person" });
  await picker.fill(name);
  await expect(page.getByRole("listbox", { name: "Person" }).getByRole("option", { name: `${ref} · ${name}` })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue(`${ref} · ${name}`);
  // The picker keeps the reference in IndexedDB without waiting; leaving the page before that
  // write commits would abort it (seen under load), so the walk waits until it is there.
  await expect.poll(() => rememberedReferences(page)).toContain(ref);

  await context.setOffline(true);
  const title = `Offline-Infoabend ${Date.now()}`;

  await page.goto("/cases/records/advice-sessions/new");
  await expect(page.getByText("Keine Verbindung. Was Sie hier speichern")).toBeVisible();
  await form(page).getByLabel("Beratungsphase").selectOption("initial");
  await form(page).getByLabel("Art der Beratung").selectOption("recognition");
  await form(page).getByLabel("Ergebnis / nächster Schritt").selectOption("no_further_action");
  await picker.fill(ref.slice(0, 6));
  const offered = page.getByRole("listbox", { name: "Person" }).getByRole("option", { name: ref, exact: true });
  await expect(offered).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue(ref);
  await saveOffline(page);

  await page.goto("/cases/records/fair-integration-events/new");
  await form(page).getByLabel("Titel").fill(title);
  await form(page).getByLabel("Teilnehmende").fill("14");
  await form(page).getByLabel("Arbeitszeit").check();
  await saveOffline(page);

  await page.goto("/cases/records/skilled-worker-activities/new");
  await form(page).getByLabel("Art der Aktivität").selectOption("event");
  await form(page).getByLabel("Erreichte Personen").fill("320");
  await saveOffline(page);

  // Still offline: a reload keeps all three, waiting; nothing kept names the client.
  await page.reload();
  await expect(queueList(page).getByRole("listitem")).toHaveCount(3);
  await expect(queueList(page).getByRole("listitem").filter({ hasText: "wartet" })).toHaveCount(3);
  const stored = await storedOffline(page);
  expect(stored).toContain(title);
  expect(stored).toContain(ref);
  expect(stored).not.toContain(name);

  // Back online: the first create reaches the server but its answer is lost; the resend with the same key is answered with the same record.
  const seen = await interruptFirstCreate(context);
  await context.setOffline(false);
  await expect(queueList(page)).toBeHidden({ timeout: 30_000 });
  expect(seen.interrupted).toBe(1);
  // Three creates and at least the one resend (a second "online" signal may send a waiting one again: still one record).
  expect(seen.creates).toBeGreaterThanOrEqual(4);
  for (const slug of slugs) expect(await total(page, slug), slug).toBe(before[slug] + 1);
  const events = await page.request.get(`/api/v1/fair-integration-events?pageSize=100`);
  expect(((await events.json()) as { items: { title?: string; data?: { title?: string } }[] }).items.filter((e) => (e.data?.title ?? e.title) === title)).toHaveLength(1);
});

test("a record the server refuses opens for correction with the server's message", async ({ page, context }) => {
  test.setTimeout(120_000);
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const before = await total(page, "skilled-worker-activities");
  await visitOnline(page, "skilled-worker-activities");
  await context.setOffline(true);
  await form(page).getByLabel("Art der Aktivität").selectOption("training");
  await form(page).getByLabel("Erreichte Personen").fill("40");
  await saveOffline(page);
  // A record the form's own check would have stopped: only the server can refuse it now.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("lotse-offline");
        open.onsuccess = () => {
          const store = open.result.transaction("records", "readwrite").objectStore("records");
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve();
            c.update({ ...c.value, values: { ...c.value.values, peopleReached: -5 } });
            c.continue();
          };
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
  await context.setOffline(false);
  const refused = queueList(page).getByRole("listitem").filter({ hasText: "nicht angenommen, bitte korrigieren" });
  await expect(refused).toHaveCount(1, { timeout: 30_000 });
  await refused.getByRole("button", { name: "Korrigieren" }).click();
  await expect(form(page).getByText("Dieser Eintrag wurde beim Senden nicht angenommen.")).toBeVisible();
  await expect(form(page).getByLabel("Erreichte Personen")).toHaveValue("-5");
  await expect(page.locator("#record-peopleReached-error")).not.toBeEmpty();
  await form(page).getByLabel("Erreichte Personen").fill("40");
  await form(page).getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/records\/skilled-worker-activities\/[0-9a-f-]{36}$/);
  expect(await total(page, "skilled-worker-activities")).toBe(before + 1);
  await page.goto("/cases/records/skilled-worker-activities/new");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(queueList(page)).toBeHidden();
});

test("a record waiting longer than 7 days is discarded with a warning; signing out empties what the browser kept", async ({ page, context }) => {
  test.setTimeout(120_000);
  // Through the form: this test signs out, which must not end the run's shared session.
  await login(page, DEMO.adviser);
  await expect(page).toHaveURL(/\/cases$/);
  await visitOnline(page, "skilled-worker-activities");
  await context.setOffline(true);
  for (const people of ["25", "35"]) {
    await form(page).getByLabel("Art der Aktivität").selectOption("event");
    await form(page).getByLabel("Erreichte Personen").fill(people);
    await saveOffline(page);
  }
  // One of them saved eight days ago.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("lotse-offline");
        open.onsuccess = () => {
          const cursor = open.result.transaction("records", "readwrite").objectStore("records").openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result!;
            c.update({ ...c.value, queuedAt: Date.now() - 8 * 24 * 3600 * 1000 });
            resolve();
          };
        };
        open.onerror = () => reject(new Error(String(open.error)));
      }),
  );
  await page.reload();
  await expect(page.getByText("1 Eintrag hat länger als 7 Tage ohne Verbindung gewartet und wurde ungesendet verworfen.", { exact: false })).toBeVisible();
  await expect(queueList(page).getByRole("listitem")).toHaveCount(1);

  // The connection is back but the server cannot be reached: the record still waits when the adviser signs out.
  await context.route(/\/api\/v1\/[a-z-]+$/, (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await context.setOffline(false);
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(asked).toEqual(["1 Eintrag ist noch nicht gesendet und wird beim Abmelden von diesem Gerät gelöscht. Trotzdem abmelden?"]);
  expect(await storedOffline(page)).toBe("[[],[],[]]");
});
