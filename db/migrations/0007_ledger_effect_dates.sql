-- The totals gain the date their deltas took effect (lib/figures/counters.ts reads them for any
-- reference date). The old rows lack it: they are emptied and the compaction starts over, so
-- the next report (or the ledger rebuild at start-up) sums the ledger again.
TRUNCATE "figure_totals";--> statement-breakpoint
UPDATE "figure_compaction" SET "until" = '-infinity';--> statement-breakpoint
ALTER TABLE "figure_totals" DROP CONSTRAINT "figure_totals_scope_id_dim_grain_occurred_on_counter_dim_value_pk";--> statement-breakpoint
ALTER TABLE "figure_totals" ADD COLUMN "effect_grain" text NOT NULL;--> statement-breakpoint
ALTER TABLE "figure_totals" ADD COLUMN "effect_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "figure_totals" ADD CONSTRAINT "figure_totals_scope_id_dim_grain_effect_grain_occurred_on_effect_on_counter_dim_value_pk" PRIMARY KEY("scope_id","dim","grain","effect_grain","occurred_on","effect_on","counter","dim_value");
