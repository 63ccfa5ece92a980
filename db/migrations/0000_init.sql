CREATE TYPE "public"."contact_point_kind" AS ENUM('permanent', 'mobile');--> statement-breakpoint
CREATE TYPE "public"."org_level" AS ENUM('network', 'region', 'subproject', 'contact_point');--> statement-breakpoint
CREATE TYPE "public"."priority_area" AS ENUM('advice', 'job_training', 'fair_integration', 'intercultural_opening', 'skilled_worker_networks', 'competence_centre', 'coordination');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('adviser', 'regional_coordinator', 'network_coordinator', 'admin');--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"level" "org_level" NOT NULL,
	"parent_id" uuid,
	"region_id" uuid,
	"name" text NOT NULL,
	"name_en" text,
	"code" text,
	"provider" text,
	"town" text,
	"priority_area" "priority_area",
	"contact_point_kind" "contact_point_kind",
	"active_from" date NOT NULL,
	"active_until" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_parent_by_level" CHECK (("org_units"."level" = 'network') = ("org_units"."parent_id" is null)),
	CONSTRAINT "org_units_subproject_area" CHECK (("org_units"."level" = 'subproject') = ("org_units"."priority_area" is not null)),
	CONSTRAINT "org_units_contact_point_kind" CHECK (("org_units"."level" = 'contact_point') = ("org_units"."contact_point_kind" is not null)),
	CONSTRAINT "org_units_active_range" CHECK ("org_units"."active_until" is null or "org_units"."active_until" >= "org_units"."active_from")
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_units" (
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "user_units_user_id_unit_id_pk" PRIMARY KEY("user_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"region_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_region_for_regional_coordinator" CHECK (("users"."role" = 'regional_coordinator') = ("users"."region_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_units" ADD CONSTRAINT "user_units_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_units" ADD CONSTRAINT "user_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_units_region_idx" ON "org_units" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "org_units_level_idx" ON "org_units" USING btree ("level");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_one_network" ON "org_units" USING btree ("level") WHERE "org_units"."level" = 'network';--> statement-breakpoint
CREATE INDEX "login_failures_key_at_idx" ON "login_failures" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "user_units_unit_idx" ON "user_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");