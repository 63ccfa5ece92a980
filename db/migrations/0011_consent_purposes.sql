CREATE TABLE "consent_purposes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"text_version" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "consent_purposes_name_de_version_idx" ON "consent_purposes" USING btree ("name_de","text_version");--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "purpose_id" uuid;--> statement-breakpoint
-- The purposes of the consents in force become the list's first entries (for an admin to review and name);
-- the free-text purposes of withdrawn consents are erased: they point to one entry that says so.
INSERT INTO "consent_purposes" ("name_de", "name_en", "text_version")
  SELECT DISTINCT "purpose", "purpose", "text_version" FROM "consents" WHERE "withdrawn_at" IS NULL;--> statement-breakpoint
INSERT INTO "consent_purposes" ("name_de", "name_en", "text_version", "active")
  SELECT 'Zweck gelöscht (vor der Auswahlliste als Freitext erfasst)', 'Purpose erased (recorded as free text before the list)', '–', false
  WHERE EXISTS (SELECT 1 FROM "consents" WHERE "withdrawn_at" IS NOT NULL)
  ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "consents" c SET "purpose_id" = p."id" FROM "consent_purposes" p
  WHERE c."withdrawn_at" IS NULL AND p."name_de" = c."purpose" AND p."text_version" = c."text_version";--> statement-breakpoint
UPDATE "consents" SET "purpose_id" = (SELECT "id" FROM "consent_purposes" WHERE "text_version" = '–' AND NOT "active" ORDER BY "created_at" LIMIT 1)
  WHERE "purpose_id" IS NULL;--> statement-breakpoint
ALTER TABLE "consents" ALTER COLUMN "purpose_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_purpose_id_consent_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."consent_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" DROP COLUMN "purpose";
