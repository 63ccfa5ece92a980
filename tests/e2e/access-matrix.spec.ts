// @driver-independent: which pages and actions each role may reach, the same on either driver; the operations' checks run on both in vitest (README, Tests: run once).
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import {
  ACTION_ROWS,
  allowedAt,
  EDITION,
  ENDPOINT_ROWS,
  EVERYONE,
  HTTP_STATUS,
  NO_PERSONAL_DATA,
  OPERATION_ROWS,
  PAGE_ROWS,
  PERSONAL,
  refusalOf,
  type HttpRequest,
  type HttpSetup,
  type Ids,
  type Who,
} from "../access-matrix";
import { consentPurposeOf, DEMO, login } from "./fixtures";

/*
 * The HTTP walk of the authorization matrix (tests/access-matrix.ts): every page, every API
 * endpoint and every server action of the built server, as anonymous, advisers of the own and
 * another contact point, regional coordinators of the own and another region, a network
 * coordinator and an admin. Exactly the allowed cells succeed; the others are refused as the
 * matrix says. No response a coordinator or admin gets, allowed or refused, holds a client's
 * personal data. Server actions are posted as the browser posts them: to a page that carries
 * them, with their id from the build's manifest in the Next-Action header. (Every operation of
 * every record kind is walked on the database in tests/integration/authorization.test.ts.)
 */

const OTHER_REGIONAL = { email: `matrix-hamburg-${Date.now()}@lotse.example`, password: "ein langes Testpasswort" };
const ACCOUNTS: Record<Exclude<Who, "anonymous">, string> = {
  adviserOwn: DEMO.adviser,
  adviserOther: "hamburg@lotse.example",
  regionalOwn: DEMO.regional,
  regionalOther: OTHER_REGIONAL.email,
  network: DEMO.network,
  admin: DEMO.admin,
};
const REDIRECT = [302, 303, 307, 308];
/** Paths the proxy sends a visitor without a session cookie to the login page from (proxy.ts). */
const BEHIND_LOGIN = /^\/(cases|reports|admin)(\/|$)/;

/** Next's list of the server actions it compiled: each one's id, file, export and the pages that carry it. */
function builtActions(): Record<string, { id: string; routes: string[] }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.fromEntries(
    Object.entries(manifest.node).map(([id, action]) => {
      // "app/(admin)/admin/users/[id]/page" is the page /admin/users/[id].
      const routes = Object.keys(action.workers)
        .map((worker) => `/${worker.split("/").slice(1, -1).filter((s) => !s.startsWith("(")).join("/")}`)
        .filter((route) => route in PAGE_ROWS);
      return [`${action.filename}#${action.exportedName}`, { id, routes }];
    }),
  );
}

/** The value an action returned, from its RSC answer: line 0 points at the line holding it. */
function actionResult(body: string): { ok: boolean; value?: unknown; error?: { kind: string; fieldErrors?: Record<string, string[]>; current?: { version: number } | null } } | undefined {
  const lines = body.split("\n");
  const head = lines.find((line) => line.startsWith("0:"));
  const ref = head ? (JSON.parse(head.slice(2)) as { a?: string }).a?.replace(/^\$@/, "") : undefined;
  const line = ref ? lines.find((l) => l.startsWith(`${ref}:`)) : undefined;
  return line ? JSON.parse(line.slice(ref!.length + 1)) : undefined;
}

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

async function signedIn(browser: Browser, who: Who): Promise<APIRequestContext> {
  const context = await browser.newContext();
  if (who !== "anonymous") {
    const page = await context.newPage();
    await login(page, ACCOUNTS[who], who === "regionalOther" ? OTHER_REGIONAL.password : undefined);
    // Signing in hashes a password (argon2id): on a busy machine that may take a while.
    await page.waitForURL((url) => url.pathname !== "/login", { timeout: 0 });
    await page.close();
  }
  return context.request;
}

test("every page, API endpoint and server action answers exactly the kinds of user in its row; no coordinator or admin response holds personal data", async ({ browser }) => {
  test.setTimeout(300_000);
  await addHamburgCoordinator(browser);
  const contexts = {} as Record<Who, APIRequestContext>;
  for (const who of EVERYONE) contexts[who] = await signedIn(browser, who);
  const headers = { origin: new URL(test.info().project.use.baseURL!).origin };
  let keys = 0;
  const key = () => `matrix-${Date.now()}-${++keys}`;

  // Made by adviserOwn at one of their contact points (in Bayern, regionalOwn's region).
  const adviser = contexts.adviserOwn;
  const unit: string = (await (await adviser.get("/api/v1/advice-sessions?pageSize=1")).json()).items[0].unitId;
  const consentPurpose = await consentPurposeOf(adviser);
  const created = async (response: APIResponse) => {
    expect(response.status(), await response.text()).toBe(201);
    return response.json();
  };
  const freshClient = async () =>
    created(
      await adviser.post("/api/v1/clients", {
        headers,
        data: { idempotencyKey: key(), contactPointId: unit, gender: "female", residenceStatus: "third_country_permit", ...PERSONAL, consentGivenOn: "2026-01-15", consentPurposeId: consentPurpose },
      }),
    );
  const client = (await freshClient()).id as string;
  const freshRecord = async () =>
    created(
      await adviser.post("/api/v1/advice-sessions", {
        headers,
        data: { idempotencyKey: key(), unitId: unit, clientId: client, occurredOn: "2026-02-02", channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" },
      }),
    );
  const regions = await (await contexts.network.get("/api/v1/figures/breakdown?from=2019-01-01&to=2019-12-31&by=region")).json();
  const region = regions.rows.find((r: { label: string }) => /Bayern/.test(r.label)).group as string;
  const user = /\/admin\/users\/([0-9a-f-]{36})/.exec(await (await contexts.admin.get("/admin/users")).text())![1];
  const occupation = /\/admin\/occupations\/([0-9a-f-]{36})/.exec(await (await contexts.admin.get("/admin/occupations")).text())![1];
  const edition: string = (await created(await contexts.network.post("/api/v1/editions", { headers, data: { ...EDITION, scope: region } }))).id;
  // adviserOther's contact point (Hamburg), for the duplicate hints' pair of clients.
  const otherUnits: { id: string; level: string }[] = (await (await contexts.adviserOther.get("/api/v1/me")).json()).units;
  const otherUnit = otherUnits.find((u) => u.level === "contact_point")!.id;
  const ids: Ids = { unit, region, otherUnit, client, record: (await freshRecord()).id, user, occupation, consentPurpose, edition };
  const actions = builtActions();
  /** Posts a server action as the browser does, to a page that carries it (for anonymous, one outside the login wall if any). */
  const callAction = async (who: Who, action: string, args: unknown[]) => {
    const { id, routes } = actions[action];
    const outside = routes.filter((route) => !BEHIND_LOGIN.test(route));
    const route = (who === "anonymous" && outside.length ? outside : routes).sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")))[0];
    const response = await contexts[who].post(PAGE_ROWS[route].path(ids), {
      headers: { ...headers, "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify(args),
      maxRedirects: 0,
    });
    return { response, result: actionResult(await response.text()) };
  };
  const act = async (who: Who, action: string, args: unknown[]) => {
    const { result } = await callAction(who, action, args);
    expect(result, `${action} as ${who}`).toMatchObject({ ok: true });
    return result!.value;
  };
  const targetVersion = async (target: string) => {
    // Saving from a version that cannot be current answers the current one.
    const { result } = await callAction("admin", "app/actions/targets.ts#saveTargetAction", [{ key: target, fromOn: "2019-01-01", toOn: "2022-12-31", value: 1, version: 999_999 }]);
    expect(result?.error?.kind).toBe("conflict");
    return result?.error?.current?.version ?? 0;
  };
  const setupFor = (who: Who): HttpSetup => ({
    ids,
    freshClient,
    freshRecord,
    key,
    act,
    targetVersion,
    csrfToken: async () => (await (await contexts[who].get("/api/auth/csrf")).json()).csrfToken,
  });

  const failures: string[] = [];
  const seenByOwnAdviser = new Set<string>();
  const inspect = async (cell: string, who: Who, response: APIResponse) => {
    const body = await response.text();
    const leaked = Object.values(PERSONAL).filter((value) => body.includes(value));
    if (who === "adviserOwn") leaked.forEach((value) => seenByOwnAdviser.add(value));
    if (NO_PERSONAL_DATA.includes(who) && leaked.length) failures.push(`${cell}: shows personal data (${leaked.join(", ")})`);
    return body;
  };

  for (const [route, row] of Object.entries(PAGE_ROWS)) {
    const path = row.path(ids);
    for (const who of EVERYONE) {
      const cell = `${route} as ${who}`;
      const response = await contexts[who].get(path, { maxRedirects: 0 });
      const status = response.status();
      await inspect(cell, who, response);
      const allowed = row.allowed.includes(who);
      const ok = allowed ? status === 200 : who === "anonymous" ? REDIRECT.includes(status) : [307, 403, 404].includes(status);
      if (!ok) failures.push(`${cell}: ${status} (${allowed ? "should open" : "should be refused"})`);
    }
  }

  for (const [endpoint, row] of Object.entries(ENDPOINT_ROWS)) {
    const method = endpoint.split(" ")[0];
    for (const who of EVERYONE) {
      const cell = `${endpoint} as ${who}`;
      const request: HttpRequest = await row.request(setupFor(who));
      const response = await contexts[who].fetch(request.path, { method, headers, data: request.data, form: request.form, maxRedirects: 0 });
      const status = response.status();
      const body = await inspect(cell, who, response);
      if (allowedAt(row).includes(who)) {
        const expected = row.status ?? 200;
        if (status !== expected) failures.push(`${cell}: ${status}, expected ${expected} (allowed): ${body.slice(0, 200)}`);
        continue;
      }
      if (!("operation" in row)) {
        // An endpoint without an operation has no refusal of its own to check against.
        if (status < 400) failures.push(`${cell}: ${status}, expected a refusal`);
        continue;
      }
      const refusal = refusalOf(row.operation, who);
      if (refusal.kind === "unauthenticated" && !request.path.startsWith("/api/")) {
        // Outside /api, the proxy sends a visitor without a session to the login page.
        if (!REDIRECT.includes(status)) failures.push(`${cell}: ${status}, expected a redirect to the login page`);
        continue;
      }
      if (status !== HTTP_STATUS[refusal.kind]) {
        failures.push(`${cell}: ${status}, expected ${HTTP_STATUS[refusal.kind]} (${refusal.kind}): ${body.slice(0, 200)}`);
      } else if (refusal.kind === "validation") {
        const fields = Object.keys(JSON.parse(body).error?.fieldErrors ?? {});
        if (fields.join() !== refusal.field) failures.push(`${cell}: refused naming ${fields.join(", ")}, expected ${refusal.field}`);
      }
    }
  }

  for (const [action, row] of Object.entries(ACTION_ROWS)) {
    const operation = row.operations[0];
    for (const who of EVERYONE) {
      const cell = `${action} as ${who}`;
      const { response, result } = await callAction(who, action, await row.args(setupFor(who)));
      const status = response.status();
      await inspect(cell, who, response);
      if (OPERATION_ROWS[operation].allowed.includes(who)) {
        if (!result?.ok) failures.push(`${cell}: ${status} ${JSON.stringify(result)} (should succeed)`);
        continue;
      }
      const refusal = refusalOf(operation, who);
      // Outside the login wall's pages, the action itself answers a visitor without a session.
      if (refusal.kind === "unauthenticated" && REDIRECT.includes(status)) continue;
      if (result?.ok !== false || result.error?.kind !== refusal.kind) {
        failures.push(`${cell}: ${status} ${JSON.stringify(result)}, expected ${refusal.kind}`);
      } else if (refusal.kind === "validation") {
        const fields = Object.keys(result.error.fieldErrors ?? {});
        if (fields.join() !== refusal.field) failures.push(`${cell}: refused naming ${fields.join(", ")}, expected ${refusal.field}`);
      }
    }
  }

  expect(failures).toEqual([]);
  // The check above looks for the right thing: the adviser who may see the client sees all of it.
  expect([...seenByOwnAdviser].sort()).toEqual(Object.values(PERSONAL).sort());
});

test("every server action of the build has a row in the matrix", () => {
  // Next lists each server action it compiled, wherever it is defined, with its file and export.
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const built = Object.values(manifest.node).map((action) => `${action.filename}#${action.exportedName}`);
  expect(built.length).toBeGreaterThan(0);
  expect(built.sort()).toEqual(Object.keys(ACTION_ROWS).sort());
});
