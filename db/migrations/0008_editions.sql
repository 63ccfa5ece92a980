CREATE TABLE "editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"as_of" text NOT NULL,
	"completers_as_of" text NOT NULL,
	"scope_level" text NOT NULL,
	"scope_id" uuid,
	"definitions_version" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid NOT NULL,
	"content" json NOT NULL
);
--> statement-breakpoint
CREATE INDEX "editions_published_at_idx" ON "editions" USING btree ("published_at");
--> statement-breakpoint
-- An edition is published once and never changes (lib/editions): refused for everyone, the owner too.
CREATE FUNCTION editions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'editions are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER editions_no_change BEFORE UPDATE OR DELETE ON editions FOR EACH ROW EXECUTE FUNCTION editions_immutable();
--> statement-breakpoint
CREATE TRIGGER editions_no_truncate BEFORE TRUNCATE ON editions FOR EACH STATEMENT EXECUTE FUNCTION editions_immutable();
--> statement-breakpoint
-- The app's role (migration 0005) gets SELECT, INSERT, UPDATE, DELETE on new tables by default: it keeps the first two only.
REVOKE UPDATE, DELETE, TRUNCATE ON editions FROM lotse_app;
