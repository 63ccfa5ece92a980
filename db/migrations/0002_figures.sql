CREATE TABLE "figure_compaction" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figure_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"counter" text NOT NULL,
	"occurred_on" date NOT NULL,
	"level" text NOT NULL,
	"unit_id" uuid,
	"subproject_id" uuid,
	"region_id" uuid,
	"record_id" uuid,
	"client_id" uuid,
	"gender" text,
	"residence_status" text,
	"qualification_country" text,
	"occupation_id" uuid,
	"n" integer NOT NULL,
	"amount" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figure_totals" (
	"scope_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"grain" text NOT NULL,
	"occurred_on" date NOT NULL,
	"counter" text NOT NULL,
	"dim_value" text NOT NULL,
	"n" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "figure_totals_scope_id_dim_grain_occurred_on_counter_dim_value_pk" PRIMARY KEY("scope_id","dim","grain","occurred_on","counter","dim_value")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"key" text PRIMARY KEY NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"value" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "figure_deltas_occurred_at_idx" ON "figure_deltas" USING btree ("occurred_on","at");--> statement-breakpoint
CREATE INDEX "figure_deltas_at_idx" ON "figure_deltas" USING btree ("at");--> statement-breakpoint
CREATE INDEX "figure_deltas_subproject_idx" ON "figure_deltas" USING btree ("subproject_id","occurred_on");--> statement-breakpoint
CREATE INDEX "figure_deltas_unit_idx" ON "figure_deltas" USING btree ("unit_id","occurred_on");--> statement-breakpoint
INSERT INTO "figure_compaction" ("id", "until") VALUES (1, '-infinity');
