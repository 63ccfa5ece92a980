import { expect, test } from "@playwright/test";
import { DEMO, loginAndWait } from "./fixtures";

function expectSecurityHeaders(response: { headers(): Record<string, string> } | null, where: string) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["referrer-policy"], where).toBe("same-origin");
  // The tests run the production server (next start).
  expect(headers["strict-transport-security"], where).toContain("max-age=");
}

test("security headers on a logged-in page with personal data, on the API and on the login page", async ({ page }) => {
  expectSecurityHeaders(await page.goto("/login"), "/login");
  await loginAndWait(page, DEMO.adviser, /\/cases/);
  const cases = await page.goto("/cases");
  expectSecurityHeaders(cases, "/cases");
  expect(cases!.headers()["cache-control"]).toContain("no-store");
  // The page works under the policy: the client search form is there and no script was blocked.
  const blocked: string[] = [];
  page.on("console", (m) => m.type() === "error" && /Content Security Policy/.test(m.text()) && blocked.push(m.text()));
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(blocked).toEqual([]);

  const api = await page.request.get("/api/v1/clients");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "/api/v1/clients");
  expect(api.headers()["cache-control"]).toBe("no-store");
});
