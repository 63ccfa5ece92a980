// Over 300 lines: one table, one row per page, action, operation and endpoint, read by both walks; split, a row could be missed.
/*
 * The authorization matrix: every page, server action, operation and API endpoint of the app,
 * with the kinds of user allowed. It is the one table both walks read:
 * - tests/integration/authorization.test.ts runs every operation against the database as each
 *   kind of user, checks that each server action runs exactly the operations of its row, and
 *   fails when a page file, a route handler's method, a server action or an operation has no row;
 * - tests/e2e/access-matrix.spec.ts opens every page, calls every API endpoint and posts every
 *   server action over HTTP against the built server, checks that no response a coordinator or
 *   admin gets holds a client's personal data, and that every action of the build has a row.
 * Who is not allowed must be refused: as anonymous with 401 (API) or a redirect to the login page,
 * otherwise as the row's operation says (see refusalOf).
 *
 * This module holds data only (no database, no server), so both test runners can load it.
 */
import { KINDS } from "@/lib/records/kinds";

export type Who = "anonymous" | "adviserOwn" | "adviserOther" | "regionalOwn" | "regionalOther" | "network" | "admin";
export type Role = "adviser" | "regional_coordinator" | "network_coordinator" | "admin";

/** Own / other: the unit or region the test data belongs to, and one the user does not work in. */
export const EVERYONE: Who[] = ["anonymous", "adviserOwn", "adviserOther", "regionalOwn", "regionalOther", "network", "admin"];
export const ROLE_OF: Record<Who, Role | null> = {
  anonymous: null,
  adviserOwn: "adviser",
  adviserOther: "adviser",
  regionalOwn: "regional_coordinator",
  regionalOther: "regional_coordinator",
  network: "network_coordinator",
  admin: "admin",
};
export const ADVISERS: Who[] = ["adviserOwn", "adviserOther"];
export const COORDINATORS_AND_ADMIN: Who[] = ["regionalOwn", "regionalOther", "network", "admin"];
export const SIGNED_IN: Who[] = [...ADVISERS, ...COORDINATORS_AND_ADMIN];
/** Whose responses must never hold a client's personal data (quality target S2, docs/quality.md). */
export const NO_PERSONAL_DATA: Who[] = COORDINATORS_AND_ADMIN;

// ---------------------------------------------------------------------------------------------
// Operations (lib/operation-catalogue.ts OPERATIONS), by name.

/**
 * How a refused cell is refused when the role may do this kind of thing but not here: "not found"
 * for anything of another unit (the default), "forbidden" for a report of another region, or a
 * field error naming the unit / client / scheme a create pointed at.
 */
export type Refusal = { kind: "not_found" } | { kind: "forbidden" } | { kind: "validation"; field: string };
export type ExpectedRefusal = Refusal | { kind: "unauthenticated" };

export interface OperationRow {
  allowed: Who[];
  outOfScope?: Refusal;
}

const onlyOwnAdviser: OperationRow = { allowed: ["adviserOwn"] };
const adminOnly: OperationRow = { allowed: ["admin"] };

/** The operations of one record kind: everything an adviser does, only in their own units. */
function recordOperationRows(): Record<string, OperationRow> {
  const rows: Record<string, OperationRow> = {};
  for (const spec of KINDS) {
    const name = (verb: string) => `records.${spec.kind}.${verb}`;
    rows[name("create")] = { allowed: ["adviserOwn"], outOfScope: { kind: "validation", field: spec.unitLevel === "scheme" ? "schemeId" : "unitId" } };
    rows[name("update")] = onlyOwnAdviser;
    rows[name("patch")] = onlyOwnAdviser;
    rows[name("delete")] = onlyOwnAdviser;
    rows[name("get")] = onlyOwnAdviser;
    rows[name("history")] = onlyOwnAdviser;
    // Both advisers may list; each sees only their own units (checked in the integration test).
    rows[name("list")] = { allowed: ADVISERS };
  }
  return rows;
}

export const OPERATION_ROWS: Record<string, OperationRow> = {
  "org.listRegions": { allowed: COORDINATORS_AND_ADMIN },
  "org.getNetwork": { allowed: COORDINATORS_AND_ADMIN },
  "org.getUnit": { allowed: ["regionalOwn", "network", "admin"] },
  "org.listContactPoints": { allowed: COORDINATORS_AND_ADMIN },
  "org.listSubprojects": { allowed: COORDINATORS_AND_ADMIN },
  "org.listAssignableUnits": adminOnly,
  "org.listMyUnits": { allowed: ADVISERS },
  // Each sees what they may see (an adviser their units, a regional coordinator their region; checked in api-directory.test.ts).
  "org.listVisibleUnits": { allowed: SIGNED_IN },
  "me.get": { allowed: SIGNED_IN },
  "countries.list": { allowed: SIGNED_IN },
  "org.createUnit": adminOnly,
  "org.renameUnit": adminOnly,
  "org.closeUnit": adminOnly,

  "users.list": adminOnly,
  "users.get": adminOnly,
  "users.create": adminOnly,
  "users.update": adminOnly,
  "users.setActive": adminOnly,
  "users.setPassword": adminOnly,
  "preferences.setLocale": { allowed: EVERYONE },

  "clients.create": { allowed: ["adviserOwn"], outOfScope: { kind: "validation", field: "contactPointId" } },
  "clients.update": onlyOwnAdviser,
  "clients.patch": onlyOwnAdviser,
  "clients.withdrawConsent": onlyOwnAdviser,
  "clients.get": onlyOwnAdviser,
  "clients.export": onlyOwnAdviser,
  "clients.search": { allowed: ADVISERS },
  "clients.linkPerson": onlyOwnAdviser,
  "clients.unlinkPerson": onlyOwnAdviser,
  // Counts per region only; a regional coordinator gets their own region's.
  "clients.duplicateCounts": { allowed: COORDINATORS_AND_ADMIN },
  "reminders.create": onlyOwnAdviser,
  "reminders.complete": onlyOwnAdviser,
  "reminders.due": { allowed: ADVISERS },
  // Each adviser gets the colleagues of their own units only (checked in tests/integration/lists.test.ts).
  "records.advisers": { allowed: ADVISERS },

  "occupations.list": { allowed: ["adviserOwn", "adviserOther", "admin"] },
  "occupations.search": { allowed: ["adviserOwn", "adviserOther", "admin"] },
  "occupations.create": adminOnly,
  "occupations.update": adminOnly,
  "consentPurposes.list": { allowed: ["adviserOwn", "adviserOther", "admin"] },
  "consentPurposes.create": adminOnly,
  "consentPurposes.update": adminOnly,

  "tokens.create": adminOnly,
  "tokens.list": adminOnly,
  "tokens.revoke": adminOnly,

  // Figures: coordinators and admins; a regional coordinator only within their own region.
  "figures.report": { allowed: ["regionalOwn", "network", "admin"], outOfScope: { kind: "forbidden" } },
  "figures.breakdown": { allowed: ["regionalOwn", "network", "admin"], outOfScope: { kind: "forbidden" } },
  "figures.drilldown": { allowed: ["regionalOwn", "network", "admin"], outOfScope: { kind: "forbidden" } },
  "figures.latestYear": { allowed: COORDINATORS_AND_ADMIN },
  // Editions: published by the network coordinator; read under the figures' rule (the walks read an edition of regionalOwn's region).
  "editions.publish": { allowed: ["network"] },
  "editions.list": { allowed: COORDINATORS_AND_ADMIN },
  "editions.get": { allowed: ["regionalOwn", "network", "admin"], outOfScope: { kind: "forbidden" } },
  "editions.files": { allowed: ["regionalOwn", "network", "admin"], outOfScope: { kind: "forbidden" } },

  // Import: an adviser into their own contact points, an admin into any (a migration); export: an adviser's own.
  "imports.check": { allowed: ["adviserOwn", "admin"], outOfScope: { kind: "validation", field: "contactPointId" } },
  "imports.run": { allowed: ["adviserOwn", "admin"], outOfScope: { kind: "validation", field: "contactPointId" } },
  "imports.checkOutcomes": { allowed: ["adviserOwn", "admin"], outOfScope: { kind: "validation", field: "contactPointId" } },
  "imports.runOutcomes": { allowed: ["adviserOwn", "admin"], outOfScope: { kind: "validation", field: "contactPointId" } },
  "imports.list": { allowed: ["adviserOwn", "adviserOther", "admin"] },
  "imports.template": { allowed: ["adviserOwn", "adviserOther", "admin"] },
  "imports.export": { allowed: ["adviserOwn"], outOfScope: { kind: "validation", field: "contactPointId" } },

  "targets.list": adminOnly,
  "targets.save": adminOnly,
  "audit.search": adminOnly,
  "audit.refusals": adminOnly,

  ...recordOperationRows(),
};

/**
 * The refusal a kind of user gets from an operation they are not allowed: no session; no permission
 * at all when no user of the same role is allowed anywhere ("forbidden"); otherwise the row's
 * out-of-scope refusal. (The integration test checks this agrees with lib/auth/permissions.ts.)
 */
export function refusalOf(operation: string, who: Who): ExpectedRefusal {
  const role = ROLE_OF[who];
  if (!role) return { kind: "unauthenticated" };
  return roleMayAtAll(operation, role) ? (OPERATION_ROWS[operation].outOfScope ?? { kind: "not_found" }) : { kind: "forbidden" };
}

/** Whether some user of this role is allowed the operation somewhere: the role holds its permission. */
export function roleMayAtAll(operation: string, role: Role): boolean {
  return OPERATION_ROWS[operation].allowed.some((w) => ROLE_OF[w] === role);
}

export const HTTP_STATUS: Record<ExpectedRefusal["kind"], number> = { unauthenticated: 401, forbidden: 403, not_found: 404, validation: 422 };

// ---------------------------------------------------------------------------------------------
// Pages (page.tsx files in app/), by route.

/** What the HTTP walk has made or found before it starts: a client and a record of adviserOwn's contact point, and so on. */
export interface Ids {
  /** A contact point of adviserOwn (in regionalOwn's region). */
  unit: string;
  /** regionalOwn's region. */
  region: string;
  /** A contact point of adviserOther (another region). */
  otherUnit: string;
  client: string;
  record: string;
  user: string;
  occupation: string;
  /** An active entry of the consent purposes list. */
  consentPurpose: string;
  /** An edition of regionalOwn's region, published by the network coordinator. */
  edition: string;
}

export interface PageRow {
  path: (ids: Ids) => string;
  /** Everyone else: anonymous to the login page, a signed-in user 403 or 404 (or sent to their home page). */
  allowed: Who[];
}

export const PAGE_ROWS: Record<string, PageRow> = {
  // The start page sends everyone on: to the login page or their home page.
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
  "/cases/import": { path: () => "/cases/import", allowed: ["adviserOwn", "adviserOther", "admin"] },
  "/reports": { path: () => "/reports", allowed: COORDINATORS_AND_ADMIN },
  "/reports/figures": { path: () => "/reports/figures?year=2019", allowed: COORDINATORS_AND_ADMIN },
  "/reports/figures/breakdown": { path: () => "/reports/figures/breakdown?year=2019&by=gender", allowed: COORDINATORS_AND_ADMIN },
  // What each figure means is no secret: anyone signed in may read it.
  "/reports/figures/definitions": { path: () => "/reports/figures/definitions", allowed: SIGNED_IN },
  "/reports/figures/drilldown": { path: (ids) => `/reports/figures/drilldown?year=2019&figure=advice.initialSessions&scope=${ids.region}`, allowed: ["regionalOwn", "network", "admin"] },
  "/reports/editions": { path: () => "/reports/editions", allowed: COORDINATORS_AND_ADMIN },
  "/reports/editions/[id]": { path: (ids) => `/reports/editions/${ids.edition}`, allowed: ["regionalOwn", "network", "admin"] },
  "/admin": { path: () => "/admin", allowed: ["admin"] },
  "/admin/org": { path: () => "/admin/org", allowed: COORDINATORS_AND_ADMIN },
  "/admin/org/contact-points": { path: () => "/admin/org/contact-points", allowed: COORDINATORS_AND_ADMIN },
  "/admin/org/subprojects": { path: () => "/admin/org/subprojects", allowed: COORDINATORS_AND_ADMIN },
  "/admin/org/[id]": { path: (ids) => `/admin/org/${ids.region}`, allowed: ["regionalOwn", "network", "admin"] },
  "/admin/users": { path: () => "/admin/users", allowed: ["admin"] },
  "/admin/users/new": { path: () => "/admin/users/new", allowed: ["admin"] },
  "/admin/users/[id]": { path: (ids) => `/admin/users/${ids.user}`, allowed: ["admin"] },
  "/admin/occupations": { path: () => "/admin/occupations", allowed: ["admin"] },
  "/admin/occupations/[id]": { path: (ids) => `/admin/occupations/${ids.occupation}`, allowed: ["admin"] },
  "/admin/consent-purposes": { path: () => "/admin/consent-purposes", allowed: ["admin"] },
  "/admin/consent-purposes/[id]": { path: (ids) => `/admin/consent-purposes/${ids.consentPurpose}`, allowed: ["admin"] },
  "/admin/tokens": { path: () => "/admin/tokens", allowed: ["admin"] },
  "/admin/targets": { path: () => "/admin/targets", allowed: ["admin"] },
  "/admin/audit": { path: () => "/admin/audit", allowed: ["admin"] },
};

// ---------------------------------------------------------------------------------------------
// API endpoints (route.ts files in app/), by `METHOD /route`.

export interface HttpRequest {
  path: string;
  /** A JSON body. */
  data?: unknown;
  /** A form-encoded body. */
  form?: Record<string, string>;
}

/** What a row may ask the walk for when it builds its request: fresh objects, so that each allowed cell succeeds on its own. */
export interface HttpSetup {
  ids: Ids;
  /** A new client of adviserOwn's contact point, with personal data. */
  freshClient(): Promise<{ id: string; version: number }>;
  /** A new advice session of adviserOwn's, as the API presents it. */
  freshRecord(): Promise<Record<string, unknown> & { id: string; version: number }>;
  /** next-auth's CSRF token for the user this request is sent as. */
  csrfToken(): Promise<string>;
  /** A new idempotency key (or any unique text). */
  key(): string;
  /** Calls a server action over HTTP as that user and gives its result's value (the call must succeed). */
  act(as: Who, action: string, args: unknown[]): Promise<unknown>;
  /** The current version of one of the network's targets (0 if never set). */
  targetVersion(key: string): Promise<number>;
}

export type EndpointRow = {
  request: (s: HttpSetup) => HttpRequest | Promise<HttpRequest>;
  /** The status of an allowed call; 200 unless said. */
  status?: number;
} & (
  | { /** The operation the handler runs: its row says who may, and how the others are refused. */ operation: string }
  | { /** An endpoint that runs no operation and holds no client data. */ allowed: Who[] }
);

/** The personal data every client the walk creates holds; no coordinator or admin may ever see it. */
export const PERSONAL = {
  fullName: "Samira Matrixtest",
  phone: "+49 30 5550199",
  email: "samira.matrixtest@example.org",
  notes: "Matrixtest: Termin beim Anerkennungsamt",
} as const;

/** An edition of 2019 as the brochure published it. */
export const EDITION = { title: "IQ in Zahlen 2019", from: "2019-01-01", to: "2019-12-31", asOf: "2020-01-07", completersAsOf: "2020-02-20" } as const;

/** A new client with personal data and consent, at adviserOwn's contact point. */
const clientBody = (s: HttpSetup) => ({
  idempotencyKey: s.key(),
  contactPointId: s.ids.unit,
  gender: "female",
  residenceStatus: "third_country_permit",
  ...PERSONAL,
  consentGivenOn: "2026-01-15",
  consentPurposeId: s.ids.consentPurpose,
});
/**
 * A client of adviserOwn's and one of adviserOther's with the same new name and birth year:
 * the hint of the first names the second's contact point.
 */
async function duplicatePair(s: HttpSetup) {
  const same = { fullName: `Dana Doppelt ${s.key()}`, birthYear: 1985 };
  const mine = (await s.act("adviserOwn", "app/actions/cases.ts#createClientAction", [{ ...clientBody(s), ...same }])) as { id: string };
  await s.act("adviserOther", "app/actions/cases.ts#createClientAction", [{ ...clientBody(s), contactPointId: s.ids.otherUnit, ...same }]);
  return { clientId: mine.id, contactPointId: s.ids.otherUnit };
}
const newSession = (s: HttpSetup) => ({
  idempotencyKey: s.key(),
  unitId: s.ids.unit,
  clientId: s.ids.client,
  occurredOn: "2026-02-02",
  channel: "phone",
  stage: "initial",
  adviceType: "recognition",
  nextStep: "no_further_action",
});

/** A full update of a client made by clientBody: every statistical and personal field named. */
const clientUpdate = (version: number) => ({
  version,
  gender: "male",
  birthYear: 1990,
  qualificationCountry: null,
  citizenship: null,
  residenceStatus: "third_country_permit",
  inGermanySince: null,
  germanLevel: null,
  qualificationLevel: null,
  occupationId: null,
  regulatedProfession: null,
  ...PERSONAL,
});

async function sessionUpdate(s: HttpSetup) {
  const { id, version, unitId, clientId, channel, stage, adviceType, nextStep } = await s.freshRecord();
  return { id, version, unitId, clientId, channel, stage, adviceType, nextStep, occurredOn: "2026-02-03" };
}

export const ENDPOINT_ROWS: Record<string, EndpointRow> = {
  // next-auth's own endpoints: the session (empty when signed out), sign-in and sign-out.
  "GET /api/auth/[...nextauth]": { allowed: EVERYONE, request: () => ({ path: "/api/auth/session" }) },
  "POST /api/auth/[...nextauth]": { allowed: EVERYONE, request: async (s) => ({ path: "/api/auth/session", form: { csrfToken: await s.csrfToken() } }) },
  // Liveness and the database check; the OpenAPI document. No data.
  "GET /api/health": { allowed: EVERYONE, request: () => ({ path: "/api/health" }) },
  "GET /api/v1/openapi.json": { allowed: EVERYONE, request: () => ({ path: "/api/v1/openapi.json" }) },
  // The service worker (built from app/sw.ts): code only, no data.
  "GET /serwist/[path]": { allowed: EVERYONE, request: () => ({ path: "/serwist/sw.js" }) },

  "GET /api/v1/clients": { operation: "clients.search", request: () => ({ path: "/api/v1/clients" }) },
  "POST /api/v1/clients": {
    operation: "clients.create",
    status: 201,
    request: (s) => ({ path: "/api/v1/clients", data: clientBody(s) }),
  },
  "GET /api/v1/clients/[id]": { operation: "clients.get", request: (s) => ({ path: `/api/v1/clients/${s.ids.client}` }) },
  "PUT /api/v1/clients/[id]": {
    operation: "clients.update",
    request: async (s) => {
      const client = await s.freshClient();
      return { path: `/api/v1/clients/${client.id}`, data: clientUpdate(client.version) };
    },
  },
  "PATCH /api/v1/clients/[id]": {
    operation: "clients.patch",
    request: async (s) => {
      const client = await s.freshClient();
      return { path: `/api/v1/clients/${client.id}`, data: { version: client.version, birthYear: 1990 } };
    },
  },
  "GET /api/v1/clients/[id]/export": { operation: "clients.export", request: (s) => ({ path: `/api/v1/clients/${s.ids.client}/export` }) },

  "GET /api/v1/[kind]": { operation: "records.advice_session.list", request: () => ({ path: "/api/v1/advice-sessions" }) },
  "POST /api/v1/[kind]": { operation: "records.advice_session.create", status: 201, request: (s) => ({ path: "/api/v1/advice-sessions", data: newSession(s) }) },
  "GET /api/v1/[kind]/[id]": { operation: "records.advice_session.get", request: (s) => ({ path: `/api/v1/advice-sessions/${s.ids.record}` }) },
  "PUT /api/v1/[kind]/[id]": {
    operation: "records.advice_session.update",
    request: async (s) => {
      const { id, ...data } = await sessionUpdate(s);
      return { path: `/api/v1/advice-sessions/${id}`, data };
    },
  },
  "PATCH /api/v1/[kind]/[id]": {
    operation: "records.advice_session.patch",
    request: async (s) => {
      const record = await s.freshRecord();
      return { path: `/api/v1/advice-sessions/${record.id}`, data: { version: record.version, nextStep: "referred_elsewhere" } };
    },
  },
  "DELETE /api/v1/[kind]/[id]": {
    operation: "records.advice_session.delete",
    request: async (s) => {
      const record = await s.freshRecord();
      return { path: `/api/v1/advice-sessions/${record.id}?version=${record.version}` };
    },
  },

  "GET /api/v1/me": { operation: "me.get", request: () => ({ path: "/api/v1/me" }) },
  "GET /api/v1/org-units": { operation: "org.listVisibleUnits", request: () => ({ path: "/api/v1/org-units?level=contact_point" }) },
  "GET /api/v1/occupations": { operation: "occupations.search", request: () => ({ path: "/api/v1/occupations?pageSize=10" }) },
  "GET /api/v1/countries": { operation: "countries.list", request: () => ({ path: "/api/v1/countries" }) },

  "GET /api/v1/figures": { operation: "figures.report", request: (s) => ({ path: `/api/v1/figures?from=2019-01-01&to=2019-12-31&scope=${s.ids.region}` }) },
  "GET /api/v1/figures/breakdown": {
    operation: "figures.breakdown",
    request: (s) => ({ path: `/api/v1/figures/breakdown?from=2019-01-01&to=2019-12-31&scope=${s.ids.region}&by=gender` }),
  },
  "GET /api/v1/figures/duplicates": { operation: "clients.duplicateCounts", request: () => ({ path: "/api/v1/figures/duplicates" }) },
  "GET /api/v1/figures/drilldown": {
    operation: "figures.drilldown",
    request: (s) => ({ path: `/api/v1/figures/drilldown?from=2019-01-01&to=2019-12-31&scope=${s.ids.region}&figure=advice.initialSessions` }),
  },
  // The CSV / XLSX download of the figures pages (figures.breakdown when asked `by`).
  // Import uploads as a form (the page sends multipart; a form-encoded CSV text does too) and the files of the import's format.
  "POST /cases/import/check": { operation: "imports.check", request: (s) => ({ path: "/cases/import/check", form: { contactPointId: s.ids.unit, file: `Client reference,Gender\r\nM-${s.key()},female\r\n` } }) },
  "POST /cases/import/run": { operation: "imports.run", request: (s) => ({ path: "/cases/import/run", form: { contactPointId: s.ids.unit, file: `Client reference,Gender\r\nM-${s.key()},female\r\n` } }) },
  "POST /cases/import/outcomes/check": { operation: "imports.checkOutcomes", request: (s) => ({ path: "/cases/import/outcomes/check", form: { contactPointId: s.ids.unit, source: "ESF", sourceOn: "2020-01-31", file: "Scheme reference,Client reference,Outcome\r\n" } }) },
  "POST /cases/import/outcomes/run": { operation: "imports.runOutcomes", request: (s) => ({ path: "/cases/import/outcomes/run", form: { contactPointId: s.ids.unit, source: "ESF", sourceOn: "2020-01-31", file: "Scheme reference,Client reference,Outcome\r\n" } }) },
  "GET /cases/import/template": { operation: "imports.template", request: () => ({ path: "/cases/import/template?format=csv&kind=client" }) },
  "GET /cases/import/export": { operation: "imports.export", request: (s) => ({ path: `/cases/import/export?format=xlsx&contactPointId=${s.ids.unit}` }) },
  "GET /reports/figures/export": { operation: "figures.report", request: (s) => ({ path: `/reports/figures/export?year=2019&scope=${s.ids.region}&format=csv` }) },

  "GET /api/v1/editions": { operation: "editions.list", request: () => ({ path: "/api/v1/editions" }) },
  "POST /api/v1/editions": { operation: "editions.publish", status: 201, request: () => ({ path: "/api/v1/editions", data: EDITION }) },
  "GET /api/v1/editions/[id]": { operation: "editions.get", request: (s) => ({ path: `/api/v1/editions/${s.ids.edition}` }) },
  "GET /reports/editions/[id]/export": { operation: "editions.files", request: (s) => ({ path: `/reports/editions/${s.ids.edition}/export?format=csv` }) },
  "GET /reports/editions/[id]/volume.xlsx": { operation: "editions.files", request: (s) => ({ path: `/reports/editions/${s.ids.edition}/volume.xlsx` }) },
};

/** Who may call an endpoint: its operation's row, or its own. */
export function allowedAt(row: EndpointRow): Who[] {
  return "operation" in row ? OPERATION_ROWS[row.operation].allowed : row.allowed;
}

// ---------------------------------------------------------------------------------------------
// Server actions ("use server" files), by `file#export`: the operations each may run. Who may
// call an action is who may run its operations. The integration test checks that each action
// calls perform() with exactly these and walks the operations; the HTTP walk posts each action
// as the browser does (with its Next-Action id) and expects what its first operation allows.

export interface ActionRow {
  operations: string[];
  /** The arguments of an HTTP call that runs the first operation. */
  args: (s: HttpSetup) => unknown[] | Promise<unknown[]>;
}

const eachKind = (verb: string) => KINDS.map((spec) => `records.${spec.kind}.${verb}`);
/**
 * A subproject the matrix makes: it starts in 2099, so that the demo network as of today keeps
 * the brochure's counts (tests/e2e/admin.spec.ts checks them on the same server).
 */
const matrixUnit = (s: HttpSetup) => ({
  level: "subproject",
  parentId: s.ids.region,
  name: `Matrix ${s.key()}`,
  provider: "Träger",
  priorityArea: "advice",
  activeFrom: "2099-01-01",
});
/** A new subproject of regionalOwn's region, made by the admin. */
const freshUnit = (s: HttpSetup) => s.act("admin", "app/actions/org.ts#createUnitAction", [matrixUnit(s)]) as Promise<{ id: string; version: number }>;
/** A new user, made by the admin. */
const freshUser = (s: HttpSetup) =>
  s.act("admin", "app/actions/users.ts#createUserAction", [
    { email: `${s.key()}@matrix.example`, name: "Matrix", password: "ein langes Testpasswort", role: "network_coordinator", unitIds: [] },
  ]) as Promise<{ id: string; version: number }>;

export const ACTION_ROWS: Record<string, ActionRow> = {
  "app/actions/cases.ts#createClientAction": { operations: ["clients.create"], args: (s) => [clientBody(s)] },
  "app/actions/cases.ts#updateClientAction": {
    operations: ["clients.update"],
    args: async (s) => {
      const client = await s.freshClient();
      return [{ id: client.id, ...clientUpdate(client.version) }];
    },
  },
  "app/actions/cases.ts#withdrawConsentAction": { operations: ["clients.withdrawConsent"], args: async (s) => [{ clientId: (await s.freshClient()).id }] },
  "app/actions/cases.ts#createReminderAction": { operations: ["reminders.create"], args: (s) => [{ clientId: s.ids.client, dueOn: "2026-07-01", note: "Bescheid nachfragen" }] },
  "app/actions/cases.ts#completeReminderAction": {
    operations: ["reminders.complete"],
    args: async (s) => {
      const reminder = (await s.act("adviserOwn", "app/actions/cases.ts#createReminderAction", [{ clientId: s.ids.client, dueOn: "2026-07-01", note: "Anrufen" }])) as { id: string };
      return [{ id: reminder.id }];
    },
  },
  "app/actions/cases.ts#searchClientsAction": { operations: ["clients.search"], args: () => [{}] },
  "app/actions/cases.ts#linkPersonAction": { operations: ["clients.linkPerson"], args: async (s) => [await duplicatePair(s)] },
  "app/actions/cases.ts#unlinkPersonAction": {
    operations: ["clients.unlinkPerson"],
    args: async (s) => {
      const pair = await duplicatePair(s);
      await s.act("adviserOwn", "app/actions/cases.ts#linkPersonAction", [pair]);
      return [pair];
    },
  },
  // The kind comes from the browser: one action per verb, for whichever kind it names.
  "app/actions/cases.ts#createRecordAction": { operations: eachKind("create"), args: (s) => ["advice_session", newSession(s)] },
  "app/actions/cases.ts#updateRecordAction": { operations: eachKind("update"), args: async (s) => ["advice_session", await sessionUpdate(s)] },
  "app/actions/cases.ts#deleteRecordAction": {
    operations: eachKind("delete"),
    args: async (s) => {
      const { id, version } = await s.freshRecord();
      return ["advice_session", { id, version }];
    },
  },
  "app/actions/catalogue.ts#createOccupationAction": { operations: ["occupations.create"], args: (s) => [{ nameDe: `Beruf ${s.key()}`, nameEn: `Occupation ${s.key()}`, kldbCode: "" }] },
  "app/actions/catalogue.ts#updateOccupationAction": {
    operations: ["occupations.update"],
    args: async (s) => {
      const made = (await s.act("admin", "app/actions/catalogue.ts#createOccupationAction", [{ nameDe: `Beruf ${s.key()}`, nameEn: `Occupation ${s.key()}`, kldbCode: "" }])) as { id: string };
      return [{ id: made.id, nameDe: `Geändert ${s.key()}`, nameEn: `Changed ${s.key()}`, kldbCode: "84114", active: false }];
    },
  },
  "app/actions/catalogue.ts#createConsentPurposeAction": {
    operations: ["consentPurposes.create"],
    args: (s) => [{ nameDe: `Zweck ${s.key()}`, nameEn: `Purpose ${s.key()}`, textVersion: "EW-1" }],
  },
  "app/actions/catalogue.ts#updateConsentPurposeAction": {
    operations: ["consentPurposes.update"],
    args: async (s) => {
      const made = (await s.act("admin", "app/actions/catalogue.ts#createConsentPurposeAction", [{ nameDe: `Zweck ${s.key()}`, nameEn: `Purpose ${s.key()}`, textVersion: "EW-1" }])) as { id: string };
      return [{ id: made.id, nameDe: `Geändert ${s.key()}`, nameEn: `Changed ${s.key()}`, textVersion: "EW-2", active: false }];
    },
  },
  "app/actions/org.ts#createUnitAction": {
    operations: ["org.createUnit"],
    args: (s) => [matrixUnit(s)],
  },
  "app/actions/org.ts#renameUnitAction": {
    operations: ["org.renameUnit"],
    args: async (s) => {
      const unit = await freshUnit(s);
      return [{ id: unit.id, name: `Umbenannt ${s.key()}`, version: unit.version }];
    },
  },
  "app/actions/org.ts#closeUnitAction": {
    operations: ["org.closeUnit"],
    args: async (s) => {
      const unit = await freshUnit(s);
      return [{ id: unit.id, activeUntil: "2099-06-30", version: unit.version }];
    },
  },
  "app/actions/editions.ts#publishEditionAction": { operations: ["editions.publish"], args: () => [EDITION] },
  "app/actions/session.ts#setLocaleAction": { operations: ["preferences.setLocale"], args: () => [{ locale: "de" }] },
  "app/actions/targets.ts#saveTargetAction": {
    operations: ["targets.save"],
    args: async (s) => [{ key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: 200_000, version: await s.targetVersion("initialSessions") }],
  },
  "app/actions/tokens.ts#createTokenAction": { operations: ["tokens.create"], args: (s) => [{ userId: s.ids.user, name: `Import ${s.key()}` }] },
  "app/actions/tokens.ts#revokeTokenAction": {
    operations: ["tokens.revoke"],
    args: async (s) => {
      const token = (await s.act("admin", "app/actions/tokens.ts#createTokenAction", [{ userId: s.ids.user, name: `Kurz ${s.key()}` }])) as { id: string };
      return [{ id: token.id }];
    },
  },
  "app/actions/users.ts#createUserAction": {
    operations: ["users.create"],
    args: (s) => [{ email: `${s.key()}@matrix.example`, name: "Neu", password: "ein langes Testpasswort", role: "adviser", unitIds: [s.ids.unit] }],
  },
  "app/actions/users.ts#updateUserAction": {
    operations: ["users.update"],
    args: async (s) => {
      const user = await freshUser(s);
      return [{ id: user.id, name: "Geändert", role: "network_coordinator", unitIds: [], version: user.version }];
    },
  },
  "app/actions/users.ts#setUserActiveAction": {
    operations: ["users.setActive"],
    args: async (s) => {
      const user = await freshUser(s);
      return [{ id: user.id, active: false, version: user.version }];
    },
  },
  "app/actions/users.ts#setPasswordAction": { operations: ["users.setPassword"], args: async (s) => [{ id: (await freshUser(s)).id, password: "ein anderes langes Passwort" }] },
};
