/**
 * The checks that need the database, still without writing: references to clients and schemes
 * (in the file, made by an earlier import, or already in Lotse), rows an earlier import of the
 * same content added (they are skipped), and the placement rules of the enrolment command.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clients, importKeys, occupations, records, type RecordKind } from "@/db/schema";
import type { Translate } from "@/lib/i18n/translate";
import { kindSpec } from "@/lib/records/kinds";
import type { ImportKeys } from "./keys";
import type { Checked, PlannedRow } from "./check";
import { IMPORT_KINDS, type ImportKind } from "./columns";

export interface Target {
  contactPointId: string;
  subprojectId: string;
}

export interface ResolvedRow extends PlannedRow {
  /** The row's own id: an existing client or scheme it names, or the new row's (made up front). */
  id: string;
  isNew: boolean;
  clientId: string | null;
  schemeId: string | null;
}

export type Resolved = Map<ImportKind, ResolvedRow[]>;

const CHUNK = 20_000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function unitOf(kind: ImportKind, target: Target): string {
  if (kind === "client") return target.contactPointId;
  return kindSpec(kind).unitLevel === "contact_point" ? target.contactPointId : target.subprojectId;
}

/** Keys of this unit and kind that an earlier import made, with what they made (one array parameter per chunk). */
async function madeBefore(tx: Tx, unitId: string, kind: string, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await tx
      .select({ key: importKeys.key, subjectId: importKeys.subjectId })
      .from(importKeys)
      .where(and(eq(importKeys.unitId, unitId), eq(importKeys.kind, kind), sql`${importKeys.key} = any(${sql.param(part)}::text[])`));
    for (const r of rows) found.set(r.key, r.subjectId);
  }
  return found;
}

/** What earlier imports made for these references of a file (keyed as in ./keys), by reference. */
export async function refsMadeBefore(tx: Tx, keys: ImportKeys, unitId: string, kind: string, refs: string[]): Promise<Map<string, string>> {
  const refOfKey = new Map(refs.map((r) => [keys.ref(r), r]));
  const found = new Map<string, string>();
  for (const [key, id] of await madeBefore(tx, unitId, kind, [...refOfKey.keys()])) found.set(refOfKey.get(key)!, id);
  return found;
}

/** Occupations by name in either language (the catalogue is small): a lookup for the checker. */
export async function occupationLookup(tx: Tx): Promise<(name: string) => { id: string } | { error: string }> {
  const all = await tx.select({ id: occupations.id, nameDe: occupations.nameDe, nameEn: occupations.nameEn }).from(occupations);
  const byName = new Map<string, Set<string>>();
  const norm = (s: string) => s.trim().toLowerCase();
  for (const o of all) for (const n of [o.id, o.nameEn, o.nameDe]) byName.set(norm(n), (byName.get(norm(n)) ?? new Set()).add(o.id));
  return (name) => {
    const ids = byName.get(norm(name));
    if (!ids) return { error: "unknownOccupation" };
    if (ids.size > 1) return { error: "ambiguousOccupation" };
    return { id: [...ids][0] };
  };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function resolve(
  tx: Tx,
  checked: Checked,
  target: Target,
  keys: ImportKeys,
  t: Translate,
  fail: (row: PlannedRow, field: string, message: string) => void,
): Promise<Resolved> {
  const rowsOf = (kind: ImportKind) => checked.tables.get(kind) ?? [];
  const resolved: Resolved = new Map();
  const existing = new Map<ImportKind, Map<string, string>>();
  for (const kind of IMPORT_KINDS) {
    const rows = rowsOf(kind);
    existing.set(kind, rows.length ? await madeBefore(tx, unitOf(kind, target), kind, rows.map((r) => r.key)) : new Map());
  }

  // Clients: the file's own, an earlier import's reference, or a client of the contact point by its Lotse reference.
  const clientIds = new Map<string, string>();
  const clientRefs = [...new Set(IMPORT_KINDS.flatMap((k) => rowsOf(k).map((r) => r.clientRef).filter((r): r is string => !!r)))];
  for (const [ref, id] of await refsMadeBefore(tx, keys, target.contactPointId, "client", clientRefs)) clientIds.set(ref, id);
  for (const part of chunks(clientRefs.filter((r) => !clientIds.has(r)))) {
    const rows = await tx.select({ id: clients.id, ref: clients.ref }).from(clients).where(and(eq(clients.contactPointId, target.contactPointId), inArray(clients.ref, part)));
    for (const r of rows) clientIds.set(r.ref, r.id);
  }
  resolved.set(
    "client",
    rowsOf("client").map((row) => {
      const id = clientIds.get(row.clientRef!);
      const made = Object.assign(row, { id: id ?? randomUUID(), isNew: !id, clientId: null, schemeId: null });
      clientIds.set(row.clientRef!, made.id);
      return made;
    }),
  );

  // Schemes: the file's own, an earlier import's reference, or a scheme of the subproject by its id.
  const schemes = new Map<string, { id: string; format: string; enrolments: number }>();
  const schemeRefs = [...new Set(rowsOf("enrolment").map((r) => r.schemeRef!))];
  const byKey = await madeBefore(tx, target.subprojectId, "job_training_scheme", schemeRefs.map((r) => keys.ref(r)));
  const candidates = new Map(schemeRefs.map((ref) => [byKey.get(keys.ref(ref)) ?? (isUuid(ref) ? ref : null), ref] as const).filter(([id]) => id !== null)) as Map<string, string>;
  for (const part of chunks([...candidates.keys()])) {
    const rows = await tx
      .select({ id: records.id, format: sql<string>`${records.data}->>'format'`, enrolments: sql<number>`(select count(*)::int from records e where e.parent_id = ${records.id} and e.deleted_at is null)` })
      .from(records)
      .where(and(inArray(records.id, part), eq(records.kind, "job_training_scheme"), eq(records.unitId, target.subprojectId), isNull(records.deletedAt)));
    for (const r of rows) schemes.set(candidates.get(r.id)!, { id: r.id, format: r.format, enrolments: Number(r.enrolments) });
  }
  resolved.set(
    "job_training_scheme",
    rowsOf("job_training_scheme").map((row) => {
      const id = existing.get("job_training_scheme")!.get(row.key);
      const made = Object.assign(row, { id: id ?? randomUUID(), isNew: !id, clientId: null, schemeId: null });
      const known = schemes.get(row.schemeRef!);
      schemes.set(row.schemeRef!, { id: made.id, format: String(row.values.format), enrolments: known?.enrolments ?? 0 });
      return made;
    }),
  );

  for (const kind of IMPORT_KINDS.filter((k): k is RecordKind => k !== "client" && k !== "job_training_scheme")) {
    const spec = kindSpec(kind);
    const out: ResolvedRow[] = [];
    for (const row of rowsOf(kind)) {
      const clientId = spec.clientBased ? (clientIds.get(row.clientRef!) ?? null) : null;
      if (spec.clientBased && !clientId) fail(row, "clientRef", t("import.errors.unknownClientRef"));
      const scheme = spec.unitLevel === "scheme" ? schemes.get(row.schemeRef!) : undefined;
      if (spec.unitLevel === "scheme" && !scheme) fail(row, "schemeRef", t("import.errors.unknownSchemeRef"));
      const id = existing.get(kind)!.get(row.key);
      // The enrolment command's rule: an individual scheme takes one person.
      if (!id && scheme && scheme.format === "individual" && ++scheme.enrolments > 1) fail(row, "schemeRef", t("errors.individualSchemeTaken"));
      // The planned row becomes the resolved one (no copy: a large file's rows are held once).
      out.push(Object.assign(row, { id: id ?? randomUUID(), isNew: !id, clientId, schemeId: scheme?.id ?? null }));
    }
    resolved.set(kind, out);
  }
  return resolved;
}
