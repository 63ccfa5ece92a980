// @driver-independent, second run: the hint on the case page and the counts on the reports page; their data paths run on both drivers in duplicates.test.ts (README, Tests: run once).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, consentPurposeOf, login, loginAndWait } from "./fixtures";

/**
 * Duplicate hints in the browser: the same person registered by the Bavarian demo adviser and by
 * the Hamburg one shows on the first's case page as known at the Hamburg contact point (its name,
 * nothing of the client there), and linking it says so; the coordinators' start page has the counts.
 */

async function contactPointOf(request: APIRequestContext): Promise<{ id: string; name: string }> {
  const me = await (await request.get("/api/v1/me")).json();
  return me.units.find((u: { level: string }) => u.level === "contact_point");
}

async function createClient(page: Page, fullName: string, email: string) {
  const unit = await contactPointOf(page.request);
  const created = await page.request.post("/api/v1/clients", {
    headers: { origin: new URL(page.url()).origin },
    data: {
      idempotencyKey: `dupes-${Date.now()}-${Math.random()}`,
      contactPointId: unit.id,
      gender: "female",
      birthYear: 1985,
      residenceStatus: "third_country_permit",
      fullName,
      email,
      consentGivenOn: "2026-01-15",
      consentPurposeId: await consentPurposeOf(page.request),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { client: (await created.json()) as { id: string; ref: string }, unit };
}

test("the case page names the other contact point where the person is known, and links the two", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const hamburg = await (await browser.newContext()).newPage();
  await login(hamburg, "hamburg@lotse.example");
  await expect(hamburg).toHaveURL(/\/cases$/);
  const theirs = await createClient(hamburg, `Dana Doppelt${stamp}`, `dana.${stamp}@hamburg.example`);
  await hamburg.context().close();

  const page = await (await browser.newContext()).newPage();
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  // The same person, the name written the other way round.
  const mine = await createClient(page, `DOPPELT${stamp.toUpperCase()}, dana`, `dana.${stamp}@bayern.example`);
  await page.goto(`/cases/clients/${mine.client.id}`);
  const hint = page.getByRole("region", { name: "Auch anderswo bekannt" });
  await expect(hint).toContainText(`Möglicherweise dieselbe Person bei ${theirs.unit.name}`);
  const shown = await hint.textContent();
  for (const value of [theirs.client.ref, theirs.client.id, `dana.${stamp}@hamburg.example`]) expect(shown).not.toContain(value);

  await hint.getByRole("button", { name: `Als dieselbe Person verknüpfen: ${theirs.unit.name}` }).click();
  await hint.getByRole("button", { name: "Ja" }).click();
  await expect(hint).toContainText(`Dieselbe Person bei ${theirs.unit.name}`);
  await expect(hint.getByRole("button", { name: `Verknüpfung lösen: ${theirs.unit.name}` })).toBeVisible();
  await page.context().close();

  const coordinator = await (await browser.newContext()).newPage();
  await loginAndWait(coordinator, DEMO.network, /\/reports$/);
  const table = coordinator.getByRole("region", { name: "Klienten an mehr als einer Anlaufstelle" }).getByRole("table");
  await expect(table.getByRole("row", { name: /Bayern/ })).toBeVisible();
  await expect(table).not.toContainText("Doppelt");
});
