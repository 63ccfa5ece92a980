// @driver-independent, second run: response headers and the script policy, the same whatever the database (README, Tests: run once).
import { expect, test, type Page } from "@playwright/test";
import { DEMO, login, loginAndWait } from "./fixtures";

type WithHeaders = { headers(): Record<string, string> } | null;

function expectSecurityHeaders(response: WithHeaders, where: string) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).toContain("base-uri 'self'");
  expect(csp, where).toContain("form-action 'self'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["referrer-policy"], where).toBe("same-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"], where).toBe("same-origin");
  // The tests run the production server (scripts/server.mjs).
  expect(headers["strict-transport-security"], where).toContain("max-age=");
}

/** The script part of the policy: this response's nonce, and nothing that lets other scripts in. */
function scriptNonce(response: WithHeaders, where: string): string {
  const csp = response!.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc, where).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
  expect(scriptSrc, where).not.toContain("unsafe-inline");
  expect(scriptSrc, where).not.toContain("unsafe-eval");
  return scriptSrc.match(/'nonce-([^']+)'/)![1];
}

/** Every message the browser logs about a refused script, style or other resource. */
function policyViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && seen.push(m.text()));
  return seen;
}

/** Signing out is a client-side click handler: it only works once the page has hydrated. */
async function signOutByClick(page: Page) {
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("security headers on a logged-in page with personal data, on the API and on the login page", async ({ page }) => {
  expectSecurityHeaders(await page.goto("/login"), "/login");
  await loginAndWait(page, DEMO.adviser, /\/cases/);
  const cases = await page.goto("/cases");
  expectSecurityHeaders(cases, "/cases");
  expect(cases!.headers()["cache-control"]).toContain("no-store");

  const api = await page.request.get("/api/v1/clients");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "/api/v1/clients");
  scriptNonce(api, "/api/v1/clients");
  expect(api.headers()["cache-control"]).toBe("no-store");
});

test("scripts run only with this response's nonce, a new one on every load; Next.js's own scripts carry it", async ({ page }) => {
  const first = await page.request.get("/login");
  const second = await page.request.get("/login");
  const [a, b] = [scriptNonce(first, "first /login"), scriptNonce(second, "second /login")];
  expect(a).not.toBe(b);

  const html = await second.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag of the page").toContain(`nonce="${b}"`);

  // The build's static files are outside the proxy and still get the fixed headers.
  const chunk = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)![1];
  const asset = await page.request.get(chunk);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("no page breaks the policy and each one hydrates: login, an adviser's case, the figures, an admin page", async ({ page }) => {
  test.slow();
  const violations = policyViolations(page);

  // The watcher does see a refusal: markup injected as in an XSS, with an inline handler.
  await page.goto("/login");
  await page.evaluate(() => {
    const injected = document.createElement("div");
    injected.innerHTML = `<img src="/no-such-image" alt="" onerror="window.__injected = true">`;
    document.body.append(injected);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  violations.length = 0;

  // Login page: the form signs in through a client-side handler (hydration ran).
  const loginPage = await page.goto("/login");
  scriptNonce(loginPage, "/login");
  await login(page, DEMO.adviser);
  await expect(page).toHaveURL(/\/cases$/);
  expect(violations, "/login").toEqual([]);

  // An adviser's case page.
  await page.getByRole("link", { name: /^K-/ }).first().click();
  await expect(page).toHaveURL(/\/cases\/clients\/[0-9a-f-]{36}$/);
  const casePage = await page.reload();
  scriptNonce(casePage, "case page");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("K-");
  await signOutByClick(page);
  expect(violations, "case page").toEqual([]);

  // The coordinator's figures page.
  // Signed in through the form each time: the sign-out ends the session, so it must be this test's own.
  await login(page, DEMO.network);
  await expect(page).toHaveURL(/\/reports$/);
  const figures = await page.goto("/reports/figures?year=2019");
  scriptNonce(figures, "/reports/figures");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signOutByClick(page);
  expect(violations, "/reports/figures").toEqual([]);

  // An admin page.
  await login(page, DEMO.admin);
  await expect(page).toHaveURL(/\/admin$/);
  const org = await page.goto("/admin/org");
  scriptNonce(org, "/admin/org");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signOutByClick(page);
  expect(violations, "/admin/org").toEqual([]);
});
