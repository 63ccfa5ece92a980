CREATE TABLE "client_pseudonyms" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"pseudonym" text NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_links" (
	"client_id" uuid NOT NULL,
	"other_client_id" uuid NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_links_client_id_other_client_id_pk" PRIMARY KEY("client_id","other_client_id"),
	CONSTRAINT "person_links_two_clients" CHECK ("person_links"."client_id" <> "person_links"."other_client_id")
);
--> statement-breakpoint
ALTER TABLE "client_pseudonyms" ADD CONSTRAINT "client_pseudonyms_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_other_client_id_clients_id_fk" FOREIGN KEY ("other_client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_pseudonyms_pseudonym_idx" ON "client_pseudonyms" USING btree ("pseudonym");--> statement-breakpoint
CREATE INDEX "person_links_other_client_idx" ON "person_links" USING btree ("other_client_id");--> statement-breakpoint
-- Duplicate hints (lib/clients/duplicates.ts). The tables hold personal data and follow the
-- clients' row security: a transaction sees the pseudonyms and links of the clients it sees.
-- What it may learn of a client it does not see passes only through the functions below,
-- which answer with contact points and counts, never with another client's id or data.
-- As the name itself (0009): ANALYZE keeps no sample of a pseudonym in pg_statistic, where
-- no purge of the table would reach it.
ALTER TABLE client_pseudonyms ALTER COLUMN pseudonym SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE client_pseudonyms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY client_pseudonyms_of_visible_clients ON client_pseudonyms
  USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = client_pseudonyms.client_id));
--> statement-breakpoint
ALTER TABLE person_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_links_of_visible_clients ON person_links
  USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = person_links.client_id));
--> statement-breakpoint
-- A link joins two clients whatever contact points the adviser sees: it is written by
-- lotse_link_person and removed by lotse_unlink_person only, never by the app's own statements.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON person_links FROM lotse_app;
--> statement-breakpoint
-- For a client the transaction sees: each other contact point where a client with the same
-- pseudonym, or one linked to it, is registered; how many such clients, and how many of them
-- are linked to this one. Nothing for a client it does not see.
CREATE FUNCTION lotse_known_elsewhere(asking_client uuid)
  RETURNS TABLE (contact_point_id uuid, matches integer, linked integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH me AS (
      SELECT c.id, c.contact_point_id FROM clients c
      WHERE c.id = asking_client AND lotse_sees_contact_point(c.contact_point_id)),
    others AS (
      SELECT o.id, o.contact_point_id FROM me
        JOIN client_pseudonyms mp ON mp.client_id = me.id
        JOIN client_pseudonyms op ON op.pseudonym = mp.pseudonym AND op.client_id <> me.id
        JOIN clients o ON o.id = op.client_id
      WHERE o.contact_point_id <> me.contact_point_id
      UNION
      SELECT o.id, o.contact_point_id FROM me
        JOIN person_links l ON l.client_id = me.id
        JOIN clients o ON o.id = l.other_client_id)
    SELECT o.contact_point_id, count(*)::int, count(l.client_id)::int
    FROM others o LEFT JOIN person_links l ON l.client_id = asking_client AND l.other_client_id = o.id
    GROUP BY o.contact_point_id
  $$;
--> statement-breakpoint
-- Links a client the transaction sees with every client of the other contact point that has
-- the same pseudonym (both directions). Returns how many clients are linked now: 0 when there
-- is no such client there, or the asking client is not seen.
CREATE FUNCTION lotse_link_person(asking_client uuid, at_contact_point uuid, linked_by_user uuid)
  RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH targets AS (
      SELECT op.client_id AS id FROM clients me
        JOIN client_pseudonyms mp ON mp.client_id = me.id
        JOIN client_pseudonyms op ON op.pseudonym = mp.pseudonym AND op.client_id <> me.id
        JOIN clients o ON o.id = op.client_id
      WHERE me.id = asking_client AND lotse_sees_contact_point(me.contact_point_id)
        AND o.contact_point_id = at_contact_point AND o.contact_point_id <> me.contact_point_id),
    added AS (
      INSERT INTO person_links (client_id, other_client_id, linked_by)
        SELECT asking_client, t.id, linked_by_user FROM targets t
        UNION ALL SELECT t.id, asking_client, linked_by_user FROM targets t
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT count(*)::int FROM targets
  $$;
--> statement-breakpoint
-- Removes the links between a client the transaction sees and the clients of one contact point
-- (every link of the client when at_contact_point is null: its erasure). Returns how many
-- clients were unlinked.
CREATE FUNCTION lotse_unlink_person(asking_client uuid, at_contact_point uuid)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  removed integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = asking_client AND lotse_sees_contact_point(c.contact_point_id)) THEN
    RETURN 0;
  END IF;
  DELETE FROM person_links l USING clients o
  WHERE ((l.client_id = asking_client AND o.id = l.other_client_id) OR (l.other_client_id = asking_client AND o.id = l.client_id))
    AND (at_contact_point IS NULL OR o.contact_point_id = at_contact_point);
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed / 2;
END;
$$;
--> statement-breakpoint
-- Per regional network (null: the national subprojects' contact points): how many clients are
-- linked with a client elsewhere, and how many have a match at another contact point not
-- linked with them. Counts only, for the coordinators.
CREATE FUNCTION lotse_duplicate_counts()
  RETURNS TABLE (region_id uuid, linked integer, suspected integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH linked AS (SELECT DISTINCT l.client_id AS id FROM person_links l),
    suspected AS (
      SELECT DISTINCT a.client_id AS id FROM client_pseudonyms a
        JOIN client_pseudonyms b ON b.pseudonym = a.pseudonym AND b.client_id <> a.client_id
        JOIN clients ca ON ca.id = a.client_id
        JOIN clients cb ON cb.id = b.client_id
      WHERE ca.contact_point_id <> cb.contact_point_id
        AND NOT EXISTS (SELECT 1 FROM person_links l WHERE l.client_id = a.client_id AND l.other_client_id = b.client_id))
    SELECT u.region_id, count(l.id)::int, count(s.id)::int
    FROM clients c
      JOIN org_units u ON u.id = c.contact_point_id
      LEFT JOIN linked l ON l.id = c.id
      LEFT JOIN suspected s ON s.id = c.id
    WHERE l.id IS NOT NULL OR s.id IS NOT NULL
    GROUP BY u.region_id
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lotse_known_elsewhere(uuid), lotse_link_person(uuid, uuid, uuid), lotse_unlink_person(uuid, uuid), lotse_duplicate_counts() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lotse_known_elsewhere(uuid), lotse_link_person(uuid, uuid, uuid), lotse_unlink_person(uuid, uuid), lotse_duplicate_counts() TO lotse_app;
