import { createClient, patchClient, updateClient } from "@/lib/clients/commands";
import { duplicateCounts } from "@/lib/clients/duplicates";
import { exportClient, getClient, searchClients } from "@/lib/clients/queries";
import { figuresDrilldown } from "@/lib/figures/drilldown";
import { getEdition, listEditions, publishEdition } from "@/lib/editions/operations";
import { figuresBreakdown, figuresReport } from "@/lib/figures/report";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { listCountries } from "@/lib/countries";
import { isReplay } from "@/lib/idempotency";
import { searchOccupations } from "@/lib/occupations";
import { listVisibleUnits } from "@/lib/org/queries";
import { getMe } from "@/lib/users/me";
import { kindBySlug } from "@/lib/records/kinds";
import { apiCall, notFound, readBody } from "./api-call";

type Params<P> = { params: Promise<P> };

// The route files take these objects apart (`export const { GET, POST } = clientsRoute`), so the
// handlers are arrow functions: nothing in them may depend on `this`.

function query(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** The idempotency key may come as a header (Idempotency-Key) or in the body. */
function withIdempotencyKey(request: Request, body: Record<string, unknown>) {
  const header = request.headers.get("idempotency-key");
  return header && body.idempotencyKey === undefined ? { ...body, idempotencyKey: header } : body;
}

/**
 * A create answers 201 with what it made, and a repeat of it (the same Idempotency-Key and body)
 * the same status and body again, saying so in `Idempotent-Replayed`.
 */
const CREATED = 201;
const replayed = (value: unknown): Record<string, string> => (isReplay(value) ? { "Idempotent-Replayed": "true" } : {});

export const clientsRoute = {
  GET: async (request: Request) => {
    return apiCall(request, searchClients, query(request));
  },
  POST: async (request: Request) => {
    const read = await readBody(request);
    return read.ok ? apiCall(request, createClient, withIdempotencyKey(request, read.body), CREATED, replayed) : read.response;
  },
};

export const clientRoute = {
  GET: async (request: Request, { params }: Params<{ id: string }>) => {
    // `?deleted=true` adds the deleted records to the timeline; other query parameters are ignored, as before.
    const deleted = new URL(request.url).searchParams.get("deleted");
    return apiCall(request, getClient, { id: (await params).id, ...(deleted === null ? {} : { deleted }) });
  },
  PUT: async (request: Request, { params }: Params<{ id: string }>) => {
    const read = await readBody(request);
    return read.ok ? apiCall(request, updateClient, { ...read.body, id: (await params).id }) : read.response;
  },
  PATCH: async (request: Request, { params }: Params<{ id: string }>) => {
    const read = await readBody(request);
    return read.ok ? apiCall(request, patchClient, { ...read.body, id: (await params).id }) : read.response;
  },
};

/** A download named after the client's pseudonymous reference, never their name. */
export const clientExportRoute = {
  GET: async (request: Request, { params }: Params<{ id: string }>) => {
    return apiCall(request, exportClient, { id: (await params).id }, 200, ({ client }) => ({
      "Content-Disposition": `attachment; filename="lotse-client-${client.ref.replace(/[^A-Za-z0-9-]/g, "_")}.json"`,
    }));
  },
};

export const recordsRoute = {
  GET: async (request: Request, { params }: Params<{ kind: string }>) => {
    const spec = kindBySlug((await params).kind);
    return spec ? apiCall(request, RECORD_OPERATIONS[spec.kind].list, query(request)) : notFound();
  },
  POST: async (request: Request, { params }: Params<{ kind: string }>) => {
    const spec = kindBySlug((await params).kind);
    if (!spec) return notFound();
    const read = await readBody(request);
    return read.ok ? apiCall(request, RECORD_OPERATIONS[spec.kind].create, withIdempotencyKey(request, read.body), CREATED, replayed) : read.response;
  },
};

export const recordRoute = {
  GET: async (request: Request, { params }: Params<{ kind: string; id: string }>) => {
    const { kind, id } = await params;
    const spec = kindBySlug(kind);
    return spec ? apiCall(request, RECORD_OPERATIONS[spec.kind].get, { id }) : notFound();
  },
  PUT: async (request: Request, { params }: Params<{ kind: string; id: string }>) => {
    const { kind, id } = await params;
    const spec = kindBySlug(kind);
    if (!spec) return notFound();
    const read = await readBody(request);
    return read.ok ? apiCall(request, RECORD_OPERATIONS[spec.kind].update, { ...read.body, id }) : read.response;
  },
  PATCH: async (request: Request, { params }: Params<{ kind: string; id: string }>) => {
    const { kind, id } = await params;
    const spec = kindBySlug(kind);
    if (!spec) return notFound();
    const read = await readBody(request);
    return read.ok ? apiCall(request, RECORD_OPERATIONS[spec.kind].patch, { ...read.body, id }) : read.response;
  },
  DELETE: async (request: Request, { params }: Params<{ kind: string; id: string }>) => {
    const { kind, id } = await params;
    const spec = kindBySlug(kind);
    return spec ? apiCall(request, RECORD_OPERATIONS[spec.kind].remove, { id, version: query(request).version }) : notFound();
  },
};

export const figuresRoute = {
  GET: async (request: Request) => {
    return apiCall(request, figuresReport, query(request));
  },
};

/** Linked and suspected duplicates per regional network (coordinators, admins), small counts withheld. */
export const duplicateCountsRoute = {
  GET: async (request: Request) => {
    return apiCall(request, duplicateCounts, {});
  },
};

export const figuresDrilldownRoute = {
  GET: async (request: Request) => {
    return apiCall(request, figuresDrilldown, query(request));
  },
};

export const figuresBreakdownRoute = {
  GET: async (request: Request) => {
    return apiCall(request, figuresBreakdown, query(request));
  },
};

export const editionsRoute = {
  GET: async (request: Request) => {
    return apiCall(request, listEditions, query(request));
  },
  POST: async (request: Request) => {
    const read = await readBody(request);
    return read.ok ? apiCall(request, publishEdition, read.body, 201) : read.response;
  },
};

export const editionRoute = {
  GET: async (request: Request, { params }: Params<{ id: string }>) => {
    return apiCall(request, getEdition, { id: (await params).id });
  },
};

/** Who the caller is: user, role, units. */
export const meRoute = {
  GET: async (request: Request) => {
    return apiCall(request, getMe, query(request));
  },
};

export const orgUnitsRoute = {
  GET: async (request: Request) => {
    return apiCall(request, listVisibleUnits, query(request));
  },
};

export const occupationsRoute = {
  GET: async (request: Request) => {
    return apiCall(request, searchOccupations, query(request));
  },
};

export const countriesRoute = {
  GET: async (request: Request) => {
    return apiCall(request, listCountries, query(request));
  },
};
