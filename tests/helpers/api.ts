import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { getDb } from "@/db/client";
import { startSession } from "@/lib/auth/activity";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { authSecret } from "@/lib/auth/secret";
import {
  clientExportRoute,
  clientRoute,
  clientsRoute,
  countriesRoute,
  duplicateCountsRoute,
  editionRoute,
  editionsRoute,
  figuresBreakdownRoute,
  figuresDrilldownRoute,
  figuresRoute,
  meRoute,
  occupationsRoute,
  orgUnitsRoute,
  recordRoute,
  recordsRoute,
} from "@/app/api/_http/routes";
import { createToken } from "@/lib/api/tokens";
import { execute } from "@/lib/operation";
import { makeActor } from "./factories";

/** Where the route handlers believe they are served; a matching Origin header is same-origin. */
export const ORIGIN = "http://localhost";

/** The session secret the handlers decode cookies with (loaded by the test setup as start-up does). */
export function sessionSecret(): string {
  return authSecret();
}

export interface Call {
  /** A Bearer token. */
  token?: string;
  /** A Cookie header (e.g. from `sessionCookie`). */
  cookie?: string;
  headers?: Record<string, string>;
  /** A JSON value, or a string sent as it is. */
  body?: unknown;
}

export interface Answer {
  status: number;
  headers: Headers;
  // The parsed JSON body: tests look into it freely.
  body: any;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Calls the route handler of `app/api/v1` that Next would route this path to,
 * with a real Request: the same code path as over HTTP, without a server.
 */
export async function send(method: string, path: string, call: Call = {}): Promise<Answer> {
  const url = new URL(path, ORIGIN);
  const [first, second, ...rest] = url.pathname.replace(/^\/api\/v1\/?/, "").split("/").map(decodeURIComponent);
  if (!first) throw new Error(`no route for ${path}`);
  if (first === "figures") {
    const figureRoutes: Record<string, object> = { "": figuresRoute, breakdown: figuresBreakdownRoute, drilldown: figuresDrilldownRoute, duplicates: duplicateCountsRoute };
    const route = rest.length ? undefined : figureRoutes[second ?? ""];
    if (!route) throw new Error(`no route for ${path}`);
    return handle(route, {}, method, url, call);
  }
  const directory: Record<string, object> = { me: meRoute, "org-units": orgUnitsRoute, occupations: occupationsRoute, countries: countriesRoute };
  if (Object.hasOwn(directory, first)) {
    if (second !== undefined) throw new Error(`no route for ${path}`);
    return handle(directory[first], {}, method, url, call);
  }
  if (first === "editions") {
    if (rest.length) throw new Error(`no route for ${path}`);
    return handle(second === undefined ? editionsRoute : editionRoute, second === undefined ? {} : { id: second }, method, url, call);
  }
  if (first === "clients" && second && rest.length === 1 && rest[0] === "export") return handle(clientExportRoute, { id: second }, method, url, call);
  if (rest.length) throw new Error(`no route for ${path}`);
  const routes = (first === "clients" ? (second === undefined ? clientsRoute : clientRoute) : second === undefined ? recordsRoute : recordRoute) as unknown as Record<string, Handler>;
  const params: Record<string, string> = first === "clients" ? (second === undefined ? {} : { id: second }) : second === undefined ? { kind: first } : { kind: first, id: second };
  return handle(routes, params, method, url, call);
}

async function handle(routes: object, params: Record<string, string>, method: string, url: URL, call: Call): Promise<Answer> {
  const handler = (routes as Record<string, Handler>)[method];
  if (!handler) return { status: 405, headers: new Headers(), body: null };

  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.cookie) headers.cookie = call.cookie;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Left as text: a test will say it is not JSON.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

let admin: Promise<Actor> | undefined;

/** An API token, issued through `tokens.create` by an admin, for the given user. */
export async function tokenFor(userId: string): Promise<{ id: string; token: string }> {
  admin ??= makeActor("admin");
  const result = await execute(createToken, await admin, { userId, name: `Test ${randomUUID().slice(0, 8)}` });
  if (!result.ok) throw new Error(`tokens.create failed: ${JSON.stringify(result.error)}`);
  return { id: result.value.id, token: result.value.token };
}

/** An adviser of the given units, with an API token of their own. */
export async function apiAdviser(unitIds: string[]): Promise<{ actor: Actor; token: string }> {
  const actor = await makeActor("adviser", { unitIds });
  return { actor, token: (await tokenFor(actor.userId)).token };
}

/** A next-auth session cookie for the user, as the login would set it. */
export async function sessionCookie(userId: string): Promise<string> {
  const actor = await loadActor(await getDb(), userId);
  if (!actor) throw new Error("no such active user");
  const sid = await startSession(await getDb(), actor.userId);
  const value = await encode({ token: { sub: actor.userId, role: actor.role, sv: actor.sessionVersion, sid }, secret: sessionSecret() });
  return `next-auth.session-token=${value}`;
}
