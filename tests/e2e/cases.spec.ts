// Over 300 lines: an adviser's whole day with a case (client, one record of each kind, edit, conflict, delete), one story read top to bottom.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

const HAMBURG = "hamburg@lotse.example";

/** A form on the page, found by its heading. */
const formTitled = (page: Page, heading: string) => page.locator("form", { has: page.getByRole("heading", { name: heading, exact: true }) });

async function createClient(page: Page, name: string) {
  await page.goto("/cases");
  await page.getByRole("link", { name: "Neue Person anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Neue Person");
  await page.getByLabel("Geschlecht").selectOption("female");
  await page.getByLabel("Geburtsjahr").fill("1988");
  await page.getByLabel("Land des Berufsabschlusses").selectOption("SY");
  await page.getByLabel("Staatsangehörigkeit").selectOption("SY");
  await page.getByLabel("Aufenthaltsstatus").selectOption("third_country_permit");
  await page.getByLabel("In Deutschland seit (Jahr)").fill("2016");
  await page.getByLabel("Deutschkenntnisse").selectOption("B1");
  await page.getByLabel("Niveau des Abschlusses").selectOption("academic");
  await page.getByLabel("Reglementierter Beruf").selectOption("true");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Telefon").fill("+49 89 1234567");
  await page.getByLabel("E-Mail-Adresse").fill("amira@example.org");

  // Personal data without a consent: refused at the consent field, and nothing typed is lost.
  await page.getByRole("button", { name: "Person anlegen" }).click();
  await expect(page.locator("#client-consentGivenOn-error")).toHaveText("Personenbezogene Daten nur mit dokumentierter Einwilligung.");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Land des Berufsabschlusses")).toHaveValue("SY");

  await page.getByLabel("Einwilligung erteilt am").fill("2026-01-15");
  await page.getByLabel("Zweck der Einwilligung").selectOption({ label: "Anerkennungs- und Qualifizierungsberatung (Textfassung EW-2019-1)" });
  await page.getByRole("button", { name: "Person anlegen" }).click();
  await expect(page).toHaveURL(/\/cases\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Fall K-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return page.url();
}

async function saveAndOpen(page: Page, form: Locator) {
  await form.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/records\/[a-z-]+\/[0-9a-f-]{36}$/);
  return page.url();
}

test("an adviser keeps a case: a client with consent, every kind of record, an edit, a deletion, the timeline; another adviser gets 404", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const name = `Amira Testfall ${stamp}`;
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const clientUrl = await createClient(page, name);
  const facts = page.locator("dl.facts");
  await expect(facts.getByText(name)).toBeVisible();
  await expect(facts.getByText("Syrien, Arabische Republik")).toHaveCount(2);
  await expect(page.getByText(/Vom .*Zweck: Anerkennungs- und Qualifizierungsberatung, Textfassung EW-2019-1/)).toBeVisible();

  // Advice session: one short form, the stage suggested from the case (no initial session yet).
  const advice = formTitled(page, "Beratungsgespräch erfassen");
  await expect(advice.getByLabel("Beratungsphase")).toHaveValue("initial");
  await expect(advice.getByLabel("Kontaktweg")).toHaveValue("in_person");
  await advice.getByLabel("Art der Beratung").selectOption("recognition");
  await advice.getByLabel("Ergebnis / nächster Schritt").selectOption("referred_recognition_authority");
  await advice.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(advice.getByText("Gespeichert. Das Formular ist bereit für den nächsten Eintrag.")).toBeVisible();
  await expect(page.locator("table.timeline")).toContainText("Beratungsgespräch");
  // The next one is a follow-up.
  await expect(advice.getByLabel("Beratungsphase")).toHaveValue("follow_up");

  // Fair Integration session on the client page.
  await page.getByText("Faire-Integration-Beratung erfassen", { exact: true }).first().click();
  const fi = formTitled(page, "Faire-Integration-Beratung erfassen");
  await fi.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(fi.locator("#quick-fi-topics-error")).toHaveText("Bitte mindestens 1 auswählen.");
  await fi.getByLabel("Lohn").check();
  await fi.getByLabel("Aufenthaltsrecht").check();
  await fi.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(fi.getByText("Gespeichert. Das Formular ist bereit für den nächsten Eintrag.")).toBeVisible();

  // A job-training scheme, through the generic record form.
  const schemeTitle = `Brückenkurs Pflege ${stamp}`;
  await page.goto("/cases/records");
  await page.getByRole("link", { name: "Qualifizierungsmaßnahme anlegen" }).click();
  let form = formTitled(page, "Angaben");
  await form.getByLabel("Titel").fill(schemeTitle);
  await form.getByLabel("Format").selectOption("course");
  await form.getByLabel("Art der Maßnahme").selectOption("bridge_training");
  await form.getByLabel("Zielberuf reglementiert").check();
  await saveAndOpen(page, form);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Qualifizierungsmaßnahme, /);
  await expect(page.locator("dl.facts")).toContainText(schemeTitle);

  // The client's enrolment in it, from the client page.
  await page.goto(clientUrl);
  await page.getByText("In Qualifizierungsmaßnahme aufnehmen", { exact: true }).first().click();
  const enrol = formTitled(page, "In Qualifizierungsmaßnahme aufnehmen");
  const scheme = enrol.getByLabel("Maßnahme");
  await scheme.selectOption(await scheme.locator("option", { hasText: schemeTitle }).getAttribute("value"));
  await enrol.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(enrol.getByText("Gespeichert. Das Formular ist bereit für den nächsten Eintrag.")).toBeVisible();

  // A Fair Integration group event.
  const eventTitle = `Infoabend Arbeitsrecht ${stamp}`;
  await page.goto("/cases/records/fair-integration-events/new");
  form = formTitled(page, "Angaben");
  await form.getByLabel("Titel").fill(eventTitle);
  await form.getByLabel("Teilnehmende").fill("12");
  await form.getByLabel("Arbeitszeit").check();
  const eventUrl = await saveAndOpen(page, form);

  // An intercultural-opening activity.
  await page.goto("/cases/records/intercultural-activities/new");
  form = formTitled(page, "Angaben");
  await form.getByLabel("Zielgruppe").selectOption("business");
  await form.getByLabel("Art der Aktivität").selectOption("training");
  await form.getByLabel("Teilnehmende").fill("15");
  await form.getByLabel("Antidiskriminierung").check();
  await saveAndOpen(page, form);

  // A skilled-worker-network activity, then edited.
  await page.goto("/cases/records/skilled-worker-activities/new");
  form = formTitled(page, "Angaben");
  await form.getByLabel("Art der Aktivität").selectOption("event");
  await form.getByLabel("Erreichte Personen").fill("1200");
  const swnUrl = await saveAndOpen(page, form);
  await expect(page.locator("dl.facts")).toContainText("1.200");
  const edit = formTitled(page, "Bearbeiten");
  await edit.getByLabel("Erreichte Personen").fill("1450");
  await edit.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(edit.getByText("Gespeichert.")).toBeVisible();
  await expect(page.locator("table.history")).toContainText("Erreichte Personen: 1.200 → 1.450");
  await expect(page.locator("dl.facts")).toContainText("1.450");

  // The group event, deleted (after a confirmation); the list says so, and the event leaves it.
  await page.goto(eventUrl);
  await page.getByRole("button", { name: "Eintrag löschen" }).click();
  await page.getByRole("button", { name: "Ja, löschen" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/fair-integration-events\?deleted=\d{4}-\d\d-\d\d$/);
  await expect(page.locator(".notice-box")).toContainText("Gelöscht: Faire-Integration-Gruppenveranstaltung vom");
  await expect(page.getByText(eventTitle)).toHaveCount(0);
  expect((await page.goto(eventUrl))?.status()).toBe(404);

  // The client's timeline holds the client-based records.
  await page.goto(clientUrl);
  const timeline = page.locator("table.timeline");
  await expect(timeline).toContainText("Beratungsgespräch");
  await expect(timeline).toContainText("Faire-Integration-Beratung");
  await expect(timeline).toContainText("Lohn");
  await expect(timeline).toContainText(schemeTitle);
  await expect(timeline).toContainText("laufend");
  await expect(timeline.locator("tbody tr")).toHaveCount(3);

  // A client-based record opens from the timeline, naming its client.
  await timeline.getByRole("link", { name: "Beratungsgespräch" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/advice-sessions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Beratungsgespräch, /);
  await expect(page.locator("dl.facts")).toContainText(name);
  await expect(page.locator("dl.facts")).toContainText("an die zuständige Anerkennungsstelle verwiesen");
  const adviceUrl = page.url();
  await page.goto(clientUrl);
  await timeline.getByRole("link", { name: "Teilnahme an einer Maßnahme" }).click();
  await expect(page).toHaveURL(/\/cases\/records\/enrolments\/[0-9a-f-]{36}$/);
  await expect(page.locator("dl.facts")).toContainText(schemeTitle);

  // Another adviser, of a Hamburg contact point: neither the case nor a record exists for her.
  const other = await (await browser.newContext()).newPage();
  await loginAndWait(other, HAMBURG, /\/cases$/);
  expect((await other.goto(clientUrl))?.status()).toBe(404);
  expect((await other.goto(swnUrl))?.status()).toBe(404);
  expect((await other.goto(adviceUrl))?.status()).toBe(404);
  await expect(other.getByText(name)).toHaveCount(0);
});

test("a failed submit keeps what was typed, a retry saves once, and a draft survives a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const clientUrl = await createClient(page, `Draft Testfall ${Date.now()}`);
  const advice = formTitled(page, "Beratungsgespräch erfassen");
  await advice.getByLabel("Art der Beratung").selectOption("job_training");
  await advice.getByLabel("Kontaktweg").selectOption("phone");

  // The draft is kept across a reload.
  await page.reload();
  await expect(advice.getByText("Ein nicht gespeicherter Entwurf wurde wiederhergestellt.")).toBeVisible();
  await expect(advice.getByLabel("Art der Beratung")).toHaveValue("job_training");
  await expect(advice.getByLabel("Kontaktweg")).toHaveValue("phone");
  await advice.getByLabel("Ergebnis / nächster Schritt").selectOption("referred_job_training");

  // The server is unreachable: the form says so and keeps every value.
  await page.route(clientUrl, (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
  await advice.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(advice.locator(".form-error")).toHaveText("Der Server ist nicht erreichbar. Ihre Eingaben bleiben erhalten; bitte erneut versuchen.");
  await expect(advice.getByLabel("Art der Beratung")).toHaveValue("job_training");
  await expect(advice.getByLabel("Ergebnis / nächster Schritt")).toHaveValue("referred_job_training");

  // Back online: the retry saves, exactly one session.
  await page.unroute(clientUrl);
  await advice.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(advice.getByText("Gespeichert. Das Formular ist bereit für den nächsten Eintrag.")).toBeVisible();
  await expect(page.locator("table.timeline tbody tr")).toHaveCount(1);
  await page.reload();
  await expect(advice.getByText("Ein nicht gespeicherter Entwurf wurde wiederhergestellt.")).toHaveCount(0);
});

test("the adviser pages speak English too", async ({ page }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "New client" })).toBeVisible();
  await page.goto("/cases/records/advice-sessions/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log advice session");
  await expect(page.getByLabel("Channel")).toHaveValue("in_person");
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beratungsgespräch erfassen");
});

test("a stale edit shows what is stored now, and the user may apply theirs over it", async ({ page, context }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await page.goto("/cases/records/skilled-worker-activities/new");
  const form = formTitled(page, "Angaben");
  await form.getByLabel("Art der Aktivität").selectOption("training");
  await form.getByLabel("Erreichte Personen").fill("30");
  const url = await saveAndOpen(page, form);

  // A second tab opened on the same version, then the first one saves.
  const second = await context.newPage();
  await second.goto(url);
  const first = formTitled(page, "Bearbeiten");
  await first.getByLabel("Erreichte Personen").fill("35");
  await first.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(first.getByText("Gespeichert.")).toBeVisible();

  const stale = formTitled(second, "Bearbeiten");
  await stale.getByLabel("Erreichte Personen").fill("50");
  await stale.getByRole("button", { name: "Änderungen speichern" }).click();
  const conflict = stale.locator(".conflict");
  await expect(conflict).toContainText("Inzwischen hat jemand anderes gespeichert.");
  await expect(conflict.getByRole("row", { name: /Erreichte Personen/ })).toContainText("35");
  await expect(stale.getByLabel("Erreichte Personen")).toHaveValue("50");
  await conflict.getByRole("button", { name: "Meine Eingaben trotzdem speichern" }).click();
  await expect(stale.getByText("Gespeichert.")).toBeVisible();
  await second.reload();
  await expect(second.locator("table.history")).toContainText("Erreichte Personen: 35 → 50");
});

test("on the client page: edit the details, a reminder set and done, the consent withdrawn with the personal data", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Erika Widerruf ${Date.now()}`;
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const clientUrl = await createClient(page, name);
  const ref = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Fall ", "");

  await page.getByRole("link", { name: "Angaben bearbeiten" }).click();
  await page.getByLabel("Geburtsjahr").fill("1990");
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page).toHaveURL(clientUrl);
  await expect(page.locator("dl.facts").first()).toContainText("1990");

  const note = `Bescheid der Anerkennungsstelle nachfragen ${Date.now()}`;
  const reminder = formTitled(page, "Wiedervorlage anlegen");
  await reminder.getByLabel("Notiz").fill(note);
  await reminder.getByRole("button", { name: "Wiedervorlage speichern" }).click();
  await expect(page.getByText(note)).toBeVisible();
  await page.goto("/cases");
  await expect(page.getByRole("region", { name: "Wiedervorlagen" })).toContainText(`${ref}: ${note}`);
  await page.goto("/cases?q=" + encodeURIComponent(name));
  const results = page.getByRole("region", { name: "Meine Fälle" });
  await expect(results.getByRole("status")).toHaveText("1 Fall");
  await results.getByRole("link", { name: ref }).click();
  await page.getByRole("button", { name: `Erledigt: ${note}` }).click();
  await expect(page.getByText(note)).toHaveCount(0);

  // A reminder with a note needs the consent: set one to see it erased with the name.
  const pending = `${name} zurückrufen`;
  await reminder.getByLabel("Notiz").fill(pending);
  await reminder.getByRole("button", { name: "Wiedervorlage speichern" }).click();
  await expect(page.getByText(pending)).toBeVisible();
  // The first answer's inline flight data holds the name: what the page holds before the withdrawal.
  const inlineScripts = () => page.locator("script:not([src])").evaluateAll((scripts) => scripts.map((s) => s.textContent ?? "").join("\n"));
  expect(await inlineScripts()).toContain(name);

  await page.getByRole("button", { name: "Einwilligung widerrufen" }).click();
  await page.getByRole("button", { name: "Ja", exact: true }).click();
  await expect(page.getByText(/widerrufen am/)).toBeVisible();
  // Why, when and by whom: the withdrawal, recorded by the adviser.
  await expect(page.getByRole("heading", { name: "Löschungen" })).toBeVisible();
  await expect(page.getByText(/^Personenbezogene Daten am .+ gelöscht: Einwilligung widerrufen, erfasst von .+\.$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Personenbezogene Daten" })).toHaveCount(0);
  await expect(page.locator("dl.facts").getByText(name)).toHaveCount(0);
  // Right after the withdrawal, not only after a reload: nothing in the open page holds the name or
  // the note, neither the document (inline scripts included) nor the router's flight data.
  await expect.poll(inlineScripts).not.toContain(name);
  expect(await page.content()).not.toContain(name);
  expect(await page.evaluate(() => JSON.stringify((self as unknown as { __next_f?: unknown[] }).__next_f ?? []))).not.toContain(name);
  expect(await page.content()).not.toContain(pending);

  // Without a consent a reminder note is refused at the note, and the form says why beforehand.
  await expect(reminder.getByText("Notizen zur Person nur mit Einwilligung")).toBeVisible();
  await reminder.getByLabel("Notiz").fill("Frau anrufen 0170 333333");
  await reminder.getByRole("button", { name: "Wiedervorlage speichern" }).click();
  await expect(page.locator("#reminder-note-error")).toHaveText("Eine Notiz zur Person nur mit dokumentierter Einwilligung. Bitte zuerst eine Einwilligung erfassen.");
  await expect(page.getByText("Wiedervorlage gespeichert.")).toHaveCount(0);
});
