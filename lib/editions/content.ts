/**
 * What an edition stores, per language: the report and every breakdown as the figures engine gave
 * them (values, suppression, reference dates, scope), where each figure comes from, and the tables
 * its files are written from. The files are written from these tables, never from labels read
 * again, so that a later change of a name or a translation cannot change a published file.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { editions, users, type EditionRow } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import type { ExportTable } from "@/lib/figures/export";
import { provenanceOf, type Provenance } from "@/lib/figures/presentation";
import type { FiguresBreakdown } from "@/lib/figures/breakdown";
import type { FiguresReport } from "@/lib/figures/report";
import { resolveScope } from "@/lib/figures/scope";
import type { Locale } from "@/lib/i18n/config";

export interface PublishedLanguage {
  report: FiguresReport;
  provenance: Record<string, Provenance>;
  breakdowns: FiguresBreakdown[];
  tables: { report: ExportTable; breakdowns: ExportTable[] };
}

export type EditionContent = Record<Locale, PublishedLanguage>;

/** An edition without its figures: what lists show and every answer starts with. */
export interface EditionSummary {
  id: string;
  title: string;
  period: { from: string; to: string };
  asOf: string;
  completersAsOf: string;
  scope: { level: string; id: string | null; name: string };
  definitionsVersion: string;
  publishedAt: string;
  publishedBy: { id: string; name: string };
}

export function provenanceOfReport(report: FiguresReport): Record<string, Provenance> {
  return Object.fromEntries(Object.keys(report.figures).map((key) => [key, provenanceOf(key, report)]));
}

const summaryColumns = {
  id: editions.id,
  title: editions.title,
  periodFrom: editions.periodFrom,
  periodTo: editions.periodTo,
  asOf: editions.asOf,
  completersAsOf: editions.completersAsOf,
  scopeLevel: editions.scopeLevel,
  scopeId: editions.scopeId,
  definitionsVersion: editions.definitionsVersion,
  publishedAt: editions.publishedAt,
  publishedById: editions.publishedBy,
  // Users are deactivated, never deleted; the name is read as it is now.
  publishedByName: sql<string>`coalesce(${users.name}, '')`,
};

type SummaryRow = Pick<EditionRow, "id" | "title" | "periodFrom" | "periodTo" | "asOf" | "completersAsOf" | "scopeLevel" | "scopeId" | "definitionsVersion" | "publishedAt"> & {
  publishedById: string;
  publishedByName: string;
};

function summaryOf(row: SummaryRow, scopeName: string): EditionSummary {
  return {
    id: row.id,
    title: row.title,
    period: { from: row.periodFrom, to: row.periodTo },
    asOf: row.asOf,
    completersAsOf: row.completersAsOf,
    scope: { level: row.scopeLevel, id: row.scopeId, name: scopeName },
    definitionsVersion: row.definitionsVersion,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: { id: row.publishedById, name: row.publishedByName },
  };
}

/** Editions the actor may see, latest first: the same rule as for figures (a regional coordinator: their own region's only). */
export async function visibleEditions(tx: Tx, actor: Actor, locale: Locale): Promise<EditionSummary[]> {
  const within = actor.role === "regional_coordinator" ? and(eq(editions.scopeLevel, "region"), eq(editions.scopeId, actor.regionId!)) : undefined;
  const rows = await tx
    .select({ ...summaryColumns, content: sql<null>`null` })
    .from(editions)
    .leftJoin(users, eq(users.id, editions.publishedBy))
    .where(within)
    .orderBy(sql`${editions.publishedAt} desc`, editions.id);
  const names = new Map<string, string>();
  const out: EditionSummary[] = [];
  for (const row of rows) {
    const key = row.scopeId ?? "network";
    if (!names.has(key)) names.set(key, (await resolveScope(tx, actor, key, locale)).name);
    out.push(summaryOf(row, names.get(key)!));
  }
  return out;
}

/** One edition, if the actor may see its scope (ForbiddenError otherwise, as for figures); its content in the actor's language. */
export async function readEdition(tx: Tx, actor: Actor, id: string, locale: Locale): Promise<{ summary: EditionSummary; published: PublishedLanguage }> {
  const [row] = await tx.select({ ...summaryColumns, content: editions.content }).from(editions).leftJoin(users, eq(users.id, editions.publishedBy)).where(eq(editions.id, id));
  if (!row) throw new NotFoundError("edition");
  const scope = await resolveScope(tx, actor, row.scopeId ?? "network", locale);
  const content = row.content as unknown as EditionContent;
  return { summary: summaryOf(row, scope.name), published: content[locale] };
}
