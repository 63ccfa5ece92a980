import { z } from "zod";
import { editions } from "@/db/schema";
import { BREAKDOWNS } from "@/lib/figures/counters";
import { breakdownTable, reportTable } from "@/lib/figures/export";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { FieldError, NotFoundError } from "@/lib/errors";
import { buildBreakdown, type FiguresBreakdown } from "@/lib/figures/breakdown";
import type { FiguresQuery } from "@/lib/figures/query";
import { buildReport } from "@/lib/figures/report";
import { resolveScope, type ResolvedScope } from "@/lib/figures/scope";
import type { Locale } from "@/lib/i18n/config";
import { LOCALES } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { defineOperation } from "@/lib/operation";
import { id } from "@/lib/validation";
import { provenanceOfReport, readEdition, visibleEditions, type EditionContent, type EditionSummary, type PublishedLanguage } from "./content";
import { correctionsOf, type Corrections } from "./corrections";
import { definitionsVersion } from "./definitions-version";
import { publishEditionSchema } from "./schemas";

/**
 * Publishes a report as an edition: counted once, for every language and every breakdown of its
 * table volume, and stored as it is. For the whole network or one regional network (whose
 * coordinator may then read it); below the network the engine withholds small cells as always.
 */
/** An edition's scope: the network, or a regional network (anything else is named at the field). */
async function regionOrNetwork(tx: Tx, actor: Actor, requested: string | undefined, locale: Locale): Promise<ResolvedScope> {
  try {
    const scope = await resolveScope(tx, actor, requested ?? "network", locale);
    if (scope.level === "network" || scope.level === "region") return scope;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  throw new FieldError("scope", "notARegion");
}

export const publishEdition = defineOperation({
  name: "editions.publish",
  access: "editions.publish",
  audit: "change",
  input: publishEditionSchema,
  async run({ actor, tx, locale }, input): Promise<EditionSummary> {
    const query: FiguresQuery = { from: input.from, to: input.to, asOf: input.asOf, completersAsOf: input.completersAsOf ?? input.asOf };
    const content = {} as EditionContent;
    let scope: ResolvedScope | undefined;
    for (const language of LOCALES) {
      scope = await regionOrNetwork(tx, actor, input.scope, language);
      const report = await buildReport(tx, query, scope, language);
      const breakdowns: FiguresBreakdown[] = [];
      for (const by of BREAKDOWNS) breakdowns.push(await buildBreakdown(tx, { ...query, by }, scope, language));
      const t = translator(language);
      content[language] = {
        report,
        provenance: provenanceOfReport(report),
        breakdowns,
        tables: { report: reportTable(report, t), breakdowns: breakdowns.map((b) => breakdownTable(b, t)) },
      } satisfies PublishedLanguage;
    }
    const [row] = await tx
      .insert(editions)
      .values({
        title: input.title,
        periodFrom: input.from,
        periodTo: input.to,
        asOf: query.asOf!,
        completersAsOf: query.completersAsOf!,
        scopeLevel: scope!.level,
        scopeId: scope!.id,
        definitionsVersion: definitionsVersion(),
        publishedBy: actor.userId,
        content: content,
      })
      .returning({ id: editions.id });
    const { summary } = await readEdition(tx, actor, row.id, locale);
    return summary;
  },
});

export const listEditions = defineOperation({
  name: "editions.list",
  access: "figures.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ actor, tx, locale }) {
    return visibleEditions(tx, actor, locale);
  },
});

const byId = z.object({ id }).strict();

export interface Edition extends EditionSummary {
  figures: PublishedLanguage["report"]["figures"];
  suppressed: string[];
  provenance: PublishedLanguage["provenance"];
  breakdowns: PublishedLanguage["breakdowns"];
  corrections: Corrections;
}

/** An edition as published, and beside each figure its value counted now (corrections since publication). */
export const getEdition = defineOperation({
  name: "editions.get",
  access: "figures.view",
  audit: "none",
  input: byId,
  async run({ actor, tx, locale }, { id: editionId }): Promise<Edition> {
    const { summary, published } = await readEdition(tx, actor, editionId, locale);
    const { report } = published;
    const scope = await resolveScope(tx, actor, summary.scope.id ?? "network", locale);
    const current = await buildReport(tx, { from: report.period.from, to: report.period.to }, scope, locale);
    return {
      ...summary,
      figures: report.figures,
      suppressed: report.suppressed,
      provenance: published.provenance,
      breakdowns: published.breakdowns,
      corrections: correctionsOf(report, current),
    };
  },
});

/** The stored content alone, for the downloads: nothing counted again. */
export const editionFiles = defineOperation({
  name: "editions.files",
  access: "figures.view",
  audit: "none",
  input: byId,
  async run({ actor, tx, locale }, { id: editionId }) {
    return readEdition(tx, actor, editionId, locale);
  },
});
