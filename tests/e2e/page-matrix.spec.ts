import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { DEMO, login } from "./fixtures";

/*
 * The authorization matrix of the pages: every page of app/, who may open it, walked as
 * anonymous, advisers of the own and another contact point, regional coordinators of the
 * own and another region, a network coordinator and an admin. (Operations and API routes
 * have theirs in tests/integration/authorization.test.ts.) No page a coordinator or admin
 * may open shows a client's personal data.
 */

type Who = "anonymous" | "adviserOwn" | "adviserOther" | "regionalOwn" | "regionalOther" | "network" | "admin";
const OTHER_REGIONAL = { email: `matrix-hamburg-${Date.now()}@lotse.example`, password: "ein langes Testpasswort" };
const ACCOUNTS: Record<Exclude<Who, "anonymous">, string> = {
  adviserOwn: DEMO.adviser,
  adviserOther: "hamburg@lotse.example",
  regionalOwn: DEMO.regional,
  regionalOther: OTHER_REGIONAL.email,
  network: DEMO.network,
  admin: DEMO.admin,
};

/** The demo has one regional coordinator (Bayern): the admin adds one for Hamburg. */
async function addHamburgCoordinator(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  await login(page, DEMO.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/users/new");
  await page.getByLabel("E-Mail").fill(OTHER_REGIONAL.email);
  await page.getByLabel("Name").fill("Koordination Hamburg");
  await page.getByLabel("Anfangspasswort").fill(OTHER_REGIONAL.password);
  await page.getByLabel("Rolle").selectOption("regional_coordinator");
  await page.getByLabel("Landesnetzwerk").selectOption({ label: "IQ Netzwerk Hamburg" });
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Koordination Hamburg");
  await page.context().close();
}
const ADVISERS: Who[] = ["adviserOwn", "adviserOther"];
const COORDINATORS_AND_ADMIN: Who[] = ["regionalOwn", "regionalOther", "network", "admin"];
const SIGNED_IN: Who[] = [...ADVISERS, ...COORDINATORS_AND_ADMIN];

interface Ids {
  client: string;
  record: string;
  region: string;
  user: string;
  occupation: string;
}

/** Each page file's route, how to fill its parameters, and who may open it (everyone else: 403, 404 or to the login page). */
const PAGES: Record<string, { path: (ids: Ids) => string; allowed: Who[] }> = {
  "/": { path: () => "/", allowed: [] },
  // Signed in, the login page sends one home.
  "/login": { path: () => "/login", allowed: ["anonymous"] },
  "/api-docs": { path: () => "/api-docs", allowed: SIGNED_IN },
  "/cases": { path: () => "/cases", allowed: ADVISERS },
  "/cases/clients/new": { path: () => "/cases/clients/new", allowed: ADVISERS },
  "/cases/clients/[id]": { path: (ids) => `/cases/clients/${ids.client}`, allowed: ["adviserOwn"] },
  "/cases/clients/[id]/edit": { path: (ids) => `/cases/clients/${ids.client}/edit`, allowed: ["adviserOwn"] },
  "/cases/records": { path: () => "/cases/records", allowed: ADVISERS },
  "/cases/records/[kind]": { path: () => "/cases/records/advice-sessions", allowed: ADVISERS },
  "/cases/records/[kind]/new": { path: () => "/cases/records/advice-sessions/new", allowed: ADVISERS },
  "/cases/records/[kind]/[id]": { path: (ids) => `/cases/records/advice-sessions/${ids.record}`, allowed: ["adviserOwn"] },
  "/reports": { path: () => "/reports", allowed: COORDINATORS_AND_ADMIN },
  "/reports/figures": { path: () => "/reports/figures?year=2019", allowed: COORDINATORS_AND_ADMIN },
  "/reports/figures/breakdown": { path: () => "/reports/figures/breakdown?year=2019&by=gender", allowed: COORDINATORS_AND_ADMIN },
  "/admin": { path: () => "/admin", allowed: ["admin"] },
  "/admin/org": { path: () => "/admin/org", allowed: COORDINATORS_AND_ADMIN },
  "/admin/org/contact-points": { path: () => "/admin/org/contact-points", allowed: COORDINATORS_AND_ADMIN },
  "/admin/org/[id]": { path: (ids) => `/admin/org/${ids.region}`, allowed: ["regionalOwn", "network", "admin"] },
  "/admin/users": { path: () => "/admin/users", allowed: ["admin"] },
  "/admin/users/new": { path: () => "/admin/users/new", allowed: ["admin"] },
  "/admin/users/[id]": { path: (ids) => `/admin/users/${ids.user}`, allowed: ["admin"] },
  "/admin/occupations": { path: () => "/admin/occupations", allowed: ["admin"] },
  "/admin/occupations/[id]": { path: (ids) => `/admin/occupations/${ids.occupation}`, allowed: ["admin"] },
  "/admin/tokens": { path: () => "/admin/tokens", allowed: ["admin"] },
  "/admin/targets": { path: () => "/admin/targets", allowed: ["admin"] },
  "/admin/audit": { path: () => "/admin/audit", allowed: ["admin"] },
};

function pageRoutes(dir = "app"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return pageRoutes(path);
    if (e.name !== "page.tsx") return [];
    const segments = relative("app", dir).split(sep).filter((s) => s && !s.startsWith("("));
    return [`/${segments.join("/")}`];
  });
}

async function signedIn(browser: Browser, who: Who): Promise<APIRequestContext> {
  const context = await browser.newContext();
  if (who !== "anonymous") {
    const page = await context.newPage();
    await login(page, ACCOUNTS[who], who === "regionalOther" ? OTHER_REGIONAL.password : undefined);
    await expect(page).not.toHaveURL(/\/login/);
    await page.close();
  }
  return context.request;
}

test("every page has a row in the page matrix", () => {
  expect(pageRoutes().sort()).toEqual(Object.keys(PAGES).sort());
});

test("each page opens for exactly the roles in its row; no coordinator or admin page shows personal data", async ({ browser }) => {
  test.setTimeout(300_000);
  await addHamburgCoordinator(browser);
  const contexts = Object.fromEntries(await Promise.all((["anonymous", ...SIGNED_IN] as Who[]).map(async (who) => [who, await signedIn(browser, who)]))) as Record<
    Who,
    APIRequestContext
  >;
  const origin = { origin: new URL(test.info().project.use.baseURL!).origin };

  // A client of the own contact point with personal data, and one advice session of theirs.
  const adviser = contexts.adviserOwn;
  const name = `Samira Matrix ${Date.now()}`;
  const me = await (await adviser.get("/api/v1/advice-sessions?pageSize=1")).json();
  const unitId: string = me.items[0].unitId;
  const created = await adviser.post("/api/v1/clients", {
    headers: origin,
    data: {
      idempotencyKey: `matrix-${Date.now()}`,
      contactPointId: unitId,
      gender: "female",
      residenceStatus: "third_country_permit",
      fullName: name,
      phone: "+49 30 5550100",
      consentGivenOn: "2026-01-15",
      consentPurpose: "Beratung",
      consentTextVersion: "EW-1",
    },
  });
  expect(created.status()).toBe(201);
  const client = (await created.json()).id as string;
  const session = await adviser.post("/api/v1/advice-sessions", {
    headers: origin,
    data: { idempotencyKey: `matrix-s-${Date.now()}`, unitId, clientId: client, occurredOn: "2026-02-02", channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" },
  });
  expect(session.status()).toBe(201);
  const regions = await (await contexts.network.get("/api/v1/figures/breakdown?from=2019-01-01&to=2019-12-31&by=region")).json();
  const bayern = regions.rows.find((r: { label: string }) => /Bayern/.test(r.label)).group as string;
  const adminUsers = await contexts.admin.get("/admin/users");
  const user = /\/admin\/users\/([0-9a-f-]{36})/.exec(await adminUsers.text())![1];
  const occupation = /\/admin\/occupations\/([0-9a-f-]{36})/.exec(await (await contexts.admin.get("/admin/occupations")).text())![1];
  const ids: Ids = { client, record: (await session.json()).id, region: bayern, user, occupation };

  const failures: string[] = [];
  for (const [route, row] of Object.entries(PAGES)) {
    const path = row.path(ids);
    for (const who of ["anonymous", ...SIGNED_IN] as Who[]) {
      const response = await contexts[who].get(path, { maxRedirects: 0 });
      const status = response.status();
      const allowed = row.allowed.includes(who);
      const ok = allowed ? status === 200 : who === "anonymous" ? [302, 303, 307, 308].includes(status) : [307, 403, 404].includes(status);
      if (!ok) failures.push(`${route} as ${who}: ${status} (${allowed ? "should open" : "should be refused"})`);
      if (status === 200 && COORDINATORS_AND_ADMIN.includes(who) && (await response.text()).includes(name)) failures.push(`${route} as ${who} shows personal data`);
    }
  }
  expect(failures).toEqual([]);
});
