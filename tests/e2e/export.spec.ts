// @driver-independent, second run: the export's file as the browser receives it; the figures it holds are checked on both drivers in vitest (README, Tests: run once).
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { consentPurposeOf, DEMO, loginAndWait } from "./fixtures";

test("an adviser downloads everything held about a client from the case page (subject access)", async ({ page }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  const stamp = Date.now();
  const name = `Leyla Auskunft ${stamp}`;
  const origin = { origin: new URL(page.url()).origin };

  // A client of the adviser's own contact point, with personal data and one advice session.
  const mine = await (await page.request.get("/api/v1/advice-sessions?pageSize=1")).json();
  const unitId: string = mine.items[0].unitId;
  const consentPurposeId = await consentPurposeOf(page.request);
  const created = await page.request.post("/api/v1/clients", {
    headers: origin,
    data: {
      idempotencyKey: `export-${stamp}`,
      contactPointId: unitId,
      gender: "female",
      residenceStatus: "third_country_permit",
      fullName: name,
      email: "leyla@example.org",
      consentGivenOn: "2026-01-15",
      consentPurposeId,
    },
  });
  expect(created.status()).toBe(201);
  const clientId: string = (await created.json()).id;
  const session = await page.request.post("/api/v1/advice-sessions", {
    headers: origin,
    data: { idempotencyKey: `export-s-${stamp}`, unitId, clientId, occurredOn: "2026-02-02", channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" },
  });
  expect(session.status()).toBe(201);
  const sessionId: string = (await session.json()).id;

  await page.goto(`/cases/clients/${clientId}`);
  const ref = (await page.getByRole("heading", { level: 1 }).textContent())!.replace(/^Fall /, "");
  expect(ref).toMatch(/^K-/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Alle Daten herunterladen (JSON)" }).click()]);
  expect(download.suggestedFilename()).toBe(`lotse-client-${ref}.json`);
  const data = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(data.client).toMatchObject({ id: clientId, ref, fullName: name, email: "leyla@example.org", contactPointId: unitId });
  expect(data.consents).toHaveLength(1);
  expect(data.consents[0]).toMatchObject({ purposeId: consentPurposeId, purposeDe: "Anerkennungs- und Qualifizierungsberatung", textVersion: "EW-2019-1" });
  expect(data.records.map((r: { id: string }) => r.id)).toEqual([sessionId]);
  expect(data.history.map((h: { subjectId: string; op: string }) => [h.subjectId, h.op])).toEqual(
    expect.arrayContaining([
      [clientId, "create"],
      [sessionId, "create"],
    ]),
  );
});
