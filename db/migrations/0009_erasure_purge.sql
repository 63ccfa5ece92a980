CREATE TABLE "erasures_to_purge" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_in" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL
);
--> statement-breakpoint
-- Every erasure adds a row and housekeeping empties the table (0005's default privileges grant
-- this too; said here so it holds whoever runs the migrations).
GRANT SELECT, INSERT, DELETE ON erasures_to_purge TO lotse_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE erasures_to_purge_id_seq TO lotse_app;
--> statement-breakpoint
-- ANALYZE copies sample values of a column (its most common values and its histogram) into
-- the catalog pg_statistic, where no erasure reaches them and only a superuser could vacuum
-- them away. The planner needs no sample of personal data: these columns are never analysed
-- (statistics target 0), and the samples taken so far are dropped (changing a column's type,
-- here to the type it has, drops them; a statistics target of 0 alone would keep them).
ALTER TABLE clients
  ALTER COLUMN full_name SET STATISTICS 0, ALTER COLUMN full_name TYPE text,
  ALTER COLUMN phone SET STATISTICS 0, ALTER COLUMN phone TYPE text,
  ALTER COLUMN email SET STATISTICS 0, ALTER COLUMN email TYPE text,
  ALTER COLUMN notes SET STATISTICS 0, ALTER COLUMN notes TYPE text;
--> statement-breakpoint
ALTER TABLE consents ALTER COLUMN purpose SET STATISTICS 0, ALTER COLUMN purpose TYPE text;
--> statement-breakpoint
ALTER TABLE reminders ALTER COLUMN note SET STATISTICS 0, ALTER COLUMN note TYPE text;
--> statement-breakpoint
-- Erasures made before this version left their old row versions on disk too: if there were
-- any (a withdrawn consent), the first housekeeping run purges them with the rest.
INSERT INTO erasures_to_purge (erased_at) SELECT now() WHERE EXISTS (SELECT 1 FROM consents WHERE withdrawn_at IS NOT NULL);
