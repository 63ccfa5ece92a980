import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "lotse-demo-2019";
export const DEMO = {
  admin: "admin@lotse.example",
  network: "netzwerk@lotse.example",
  regional: "bayern@lotse.example",
  adviser: "beratung@lotse.example",
} as const;

/** Where tests/e2e/sessions.setup.ts keeps each demo account's signed-in state, per server (port). */
export function sessionFile(email: string): string {
  return join(tmpdir(), `lotse-e2e-sessions-${process.env.E2E_PORT ?? 3100}`, `${email}.json`);
}

/** Logs in through the form of `loginPath` (the login page, possibly with a callbackUrl). */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, loginPath = "/login") {
  await page.goto(loginPath);
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

/**
 * Signed in as `email`, on the home page the app sends them to (`path`). A demo account takes the
 * session its form login made once for this run (each login is a deliberately slow password
 * check); any other account logs in through the form. Tests of the login itself use `login`.
 */
export async function loginAndWait(page: Page, email: string, path: RegExp) {
  if ((Object.values(DEMO) as string[]).includes(email)) {
    await page.context().addCookies(JSON.parse(readFileSync(sessionFile(email), "utf8")).cookies);
    await page.goto("/");
  } else {
    await login(page, email);
  }
  await expect(page).toHaveURL(path);
}

/** The id of a consent purpose the new-client form offers (the demo seeds a few), as an adviser signed in on `request` sees it. */
export async function consentPurposeOf(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/cases/clients/new")).text();
  const found = /id="client-consentPurposeId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(html);
  if (!found) throw new Error("the new-client form offers no consent purpose");
  return found[1];
}
