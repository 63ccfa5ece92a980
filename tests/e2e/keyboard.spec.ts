// @driver-independent, second run: a browser walk of one form; what it saves goes through the same create as every other test.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

/*
 * Quality bar U2: an advice session is logged with the keyboard alone, as a person who uses no
 * mouse would: Tab and Shift+Tab to move, typing to choose in a list (a native select takes the
 * typed start of an option), the arrow keys and Enter in the client picker, Enter to save. No
 * click, no fill(), no selectOption().
 */

const MAX_STEPS = 60;

/** Moves the focus with Tab (or Shift+Tab) until it is on `target`. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab") {
  const handle = await target.elementHandle();
  for (let step = 0; step < MAX_STEPS; step++) {
    if (await page.evaluate((element) => document.activeElement === element, handle)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

test("an advice session is logged with the keyboard only", async ({ page }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await page.goto("/cases/records/advice-sessions/new");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Angaben", exact: true }) });
  const before = ((await (await page.request.get("/api/v1/advice-sessions?pageSize=1")).json()) as { total: number }).total;

  // The client: the arrow key opens the most recent cases, another highlights the first, Enter takes it.
  const picker = form.getByRole("combobox", { name: "Person" });
  await tabTo(page, picker);
  await page.keyboard.press("ArrowDown");
  const first = page.getByRole("listbox", { name: "Person" }).getByRole("option").first();
  await expect(first).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(first).toHaveAttribute("aria-selected", "true");
  const chosen = await first.textContent();
  await page.keyboard.press("Enter");
  await expect(picker).toHaveValue(chosen!);

  // Each list: Tab to it, type the start of the choice.
  const stage = form.getByLabel("Beratungsphase");
  await tabTo(page, stage);
  await page.keyboard.type("Erst");
  await expect(stage).toHaveValue("initial");
  const type = form.getByLabel("Art der Beratung");
  await tabTo(page, type);
  await page.keyboard.type("Qual");
  await expect(type).toHaveValue("job_training");
  const next = form.getByLabel("Ergebnis / nächster Schritt");
  await tabTo(page, next);
  await page.keyboard.type("kein");
  await expect(next).toHaveValue("no_further_action");

  // Back with Shift+Tab to change the way of contact, then forward to the button.
  const channel = form.getByLabel("Kontaktweg");
  await tabTo(page, channel, "Shift+Tab");
  await page.keyboard.type("tele");
  await expect(channel).toHaveValue("phone");
  await tabTo(page, form.getByRole("button", { name: "Speichern", exact: true }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/cases\/records\/advice-sessions\/[0-9a-f-]{36}$/);
  const facts = page.locator("dl.facts");
  await expect(facts).toContainText("Erstberatung");
  await expect(facts).toContainText("Qualifizierung");
  await expect(facts).toContainText("telefonisch");
  await expect(facts).toContainText("keine weiteren Schritte");
  expect(((await (await page.request.get("/api/v1/advice-sessions?pageSize=1")).json()) as { total: number }).total).toBe(before + 1);
});
