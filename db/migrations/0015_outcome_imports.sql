CREATE TABLE "outcome_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid NOT NULL,
	"contact_point_id" uuid NOT NULL,
	"subproject_id" uuid NOT NULL,
	"region_id" uuid,
	"source" text NOT NULL,
	"source_on" date NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"rows" integer NOT NULL,
	"changed" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outcome_imports" ADD CONSTRAINT "outcome_imports_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_imports" ADD CONSTRAINT "outcome_imports_contact_point_id_org_units_id_fk" FOREIGN KEY ("contact_point_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_imports" ADD CONSTRAINT "outcome_imports_subproject_id_org_units_id_fk" FOREIGN KEY ("subproject_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_imports" ADD CONSTRAINT "outcome_imports_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_imports_source_on_idx" ON "outcome_imports" USING btree ("source_on");