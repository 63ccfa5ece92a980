import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, login, loginAndWait } from "./fixtures";

test("the health check names the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(["pglite", "postgres"]).toContain(body.database);
  expect(body.database).toBe(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
});

const HOMES = [
  { who: "admin", email: DEMO.admin, url: /\/admin$/, heading: "Verwaltung" },
  { who: "network coordinator", email: DEMO.network, url: /\/reports$/, heading: "Das Netzwerk im Überblick" },
  { who: "regional coordinator", email: DEMO.regional, url: /\/reports$/, heading: "Ihr Landesnetzwerk" },
  { who: "adviser", email: DEMO.adviser, url: /\/cases$/, heading: "Meine Beratungsstellen" },
];

for (const home of HOMES) {
  test(`the ${home.who} logs in and sees their home page`, async ({ page }) => {
    await login(page, home.email);
    await expect(page).toHaveURL(home.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
  });
}

test("the regional coordinator sees only their own region", async ({ page }) => {
  await loginAndWait(page, DEMO.regional, /\/reports$/);
  // Two tables, the region's and its duplicate counts: one row each, both of Bavaria.
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText("DE-BY");
});

test("a wrong password gets the same generic error as an unknown account", async ({ page }) => {
  await login(page, DEMO.network, "wrong password entirely");
  const error = page.locator(".form-error");
  await expect(error).toHaveText("Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail und Passwort.");
  await login(page, "nobody@lotse.example", "wrong password entirely");
  await expect(error).toHaveText("Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail und Passwort.");
  await expect(page).toHaveURL(/\/login/);
});

test("an adviser is denied the admin pages by the server, not only by hidden links", async ({ page }) => {
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  await expect(page.getByRole("link", { name: "Benutzer" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/org", "/admin/org/contact-points"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kein Zugriff");
  }
});

/** callbackUrl values, as the server reads them, that each lead a browser to another site. */
const FOREIGN_CALLBACKS = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "//evil.example",
  "/.//evil.example",
  "/%2F/evil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%252F%252Fevil.example",
  "https://evil.example",
  "javascript:alert(1)",
];

test("a signed-in visitor's callbackUrl never leads off this origin, however it is encoded", async ({ page, baseURL }) => {
  const home = new URL("/cases", baseURL).href;
  await loginAndWait(page, DEMO.adviser, /\/cases$/);
  // The exact request of the report, and every form above sent encoded once.
  const queries = ["callbackUrl=/%09/evil.example", ...FOREIGN_CALLBACKS.map((value) => `callbackUrl=${encodeURIComponent(value)}`)];
  for (const query of queries) {
    const response = await page.request.get(`/login?${query}`, { maxRedirects: 0 });
    const location = response.headers().location;
    expect(response.status(), query).toBe(307);
    // Resolved as a browser resolves it (tabs and newlines dropped, a backslash read as "/").
    expect(new URL(location, response.url()).href, query).toBe(home);
  }
  expect((await page.request.get("/login?callbackUrl=%2Freports%3Fx%3D1", { maxRedirects: 0 })).headers().location).toBe("/reports?x=1");
});

for (const callback of ["/\t/evil.example", "/%2F/evil.example", "/.//evil.example", "/%5Cevil.example", "https://evil.example"]) {
  test(`signing in with callbackUrl ${JSON.stringify(callback)} lands on the home page of this origin`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const visited: string[] = [];
    page.on("request", (request) => {
      if (request.isNavigationRequest()) visited.push(request.url());
    });
    await login(page, DEMO.adviser, DEMO_PASSWORD, `/login?callbackUrl=${encodeURIComponent(callback)}`);
    await expect(page).toHaveURL(`${origin}/cases`);
    expect(visited.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });
}

test("anonymous visitors are sent to the login page", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers/);
});

test("the language switch turns every string to English and back", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("E-mail").fill(DEMO.admin);
  await page.getByLabel("Password").fill("lotse-demo-2019");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Verwaltung");
});
