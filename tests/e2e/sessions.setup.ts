import { expect, test as setup } from "@playwright/test";
import { DEMO, login, sessionFile } from "./fixtures";

// One form login per demo account for the whole run; `loginAndWait` reuses the sessions.
const HOMES: Record<keyof typeof DEMO, RegExp> = { admin: /\/admin$/, network: /\/reports$/, regional: /\/reports$/, adviser: /\/cases$/ };

for (const [who, email] of Object.entries(DEMO) as [keyof typeof DEMO, string][]) {
  setup(`the ${who} signs in once for the run`, async ({ page }) => {
    await login(page, email);
    // Every spec after this depends on it: a slow password check on a loaded machine must not fail the run.
    await expect(page).toHaveURL(HOMES[who], { timeout: 30_000 });
    await page.context().storageState({ path: sessionFile(email) });
  });
}
