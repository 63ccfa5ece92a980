CREATE TABLE "refusal_counts" (
	"day" date NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "refusal_counts_day_action_reason_pk" PRIMARY KEY("day","action","reason")
);
--> statement-breakpoint
-- Counted on every anonymous refusal and emptied by housekeeping (0005's default privileges
-- grant this too; said here so it holds whoever runs the migrations).
GRANT SELECT, INSERT, UPDATE, DELETE ON refusal_counts TO lotse_app;
--> statement-breakpoint
-- The audit trail stays append-only, with one way out: entries past the retention period
-- leave through lotse_prune_audit (below), which the daily housekeeping job calls. The
-- trigger lets a DELETE through only while that function has set its transaction-local
-- flag; UPDATE and TRUNCATE stay refused. The app's role still lacks the DELETE privilege
-- (0005), and the flag is no secret from the owner, who could as well drop the trigger:
-- this guards against mistakes, as row security does.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('lotse.prune_audit', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Removes the entries older than `before` and returns how many. Refuses a limit later
-- than a year ago, so that no mistake in the caller can empty the recent trail.
CREATE FUNCTION lotse_prune_audit(before timestamptz) RETURNS bigint
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  removed bigint;
BEGIN
  IF before IS NULL OR before > now() - interval '1 year' THEN
    RAISE EXCEPTION 'lotse_prune_audit: before (%) must lie at least one year in the past', before
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM set_config('lotse.prune_audit', 'on', true);
  DELETE FROM audit_log WHERE at < before;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('lotse.prune_audit', '', true);
  RETURN removed;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lotse_prune_audit(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lotse_prune_audit(timestamptz) TO lotse_app;
