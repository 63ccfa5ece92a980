CREATE TYPE "public"."erasure_reason" AS ENUM('withdrawal', 'retention');--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" "erasure_reason" NOT NULL,
	"actor_id" uuid,
	"retention_years" integer,
	"last_contact_on" date,
	CONSTRAINT "erasures_reason_fields" CHECK (("erasures"."reason" = 'withdrawal' and "erasures"."actor_id" is not null) or ("erasures"."reason" = 'retention' and "erasures"."retention_years" is not null and "erasures"."last_contact_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasures_client_idx" ON "erasures" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "reminders_client_idx" ON "reminders" USING btree ("client_id");--> statement-breakpoint
-- Like consents and reminders (migration 0005): a transaction sees the erasures of the clients it may see.
ALTER TABLE erasures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY erasures_of_visible_clients ON erasures
  USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = erasures.client_id));
--> statement-breakpoint
-- An erasure on record is never changed: the app's role keeps SELECT and INSERT only.
REVOKE UPDATE, DELETE, TRUNCATE ON erasures FROM lotse_app;
--> statement-breakpoint
-- The withdrawals before this table: one per withdrawal (it ended every open consent of the client at once).
-- Earlier retention runs left no reason to copy; their consents show it (ended by nobody).
INSERT INTO erasures (client_id, at, reason, actor_id)
  SELECT DISTINCT client_id, withdrawn_at, 'withdrawal'::erasure_reason, withdrawn_by
  FROM consents WHERE withdrawn_at IS NOT NULL AND withdrawn_by IS NOT NULL;
