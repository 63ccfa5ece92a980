import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "lotse-demo-2019";
export const DEMO = {
  admin: "admin@lotse.example",
  network: "netzwerk@lotse.example",
  regional: "bayern@lotse.example",
  adviser: "beratung@lotse.example",
} as const;

/** Logs in through the form of `loginPath` (the login page, possibly with a callbackUrl). */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, loginPath = "/login") {
  await page.goto(loginPath);
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

export async function loginAndWait(page: Page, email: string, path: RegExp) {
  await login(page, email);
  await expect(page).toHaveURL(path);
}
