-- The app runs its queries as lotse_app: no superuser, owner of nothing, so row-level
-- security applies to it and it cannot change the audit trail. Roles are per cluster:
-- a second database on the same server finds the role already there.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lotse_app') THEN
    CREATE ROLE lotse_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END $$;
--> statement-breakpoint
-- The connecting (owner) role may switch to lotse_app: needed where it is not a superuser.
GRANT lotse_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO lotse_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lotse_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lotse_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lotse_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lotse_app;
--> statement-breakpoint
-- Append-only: besides the trigger of 0003, the app's role lacks the privilege.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM lotse_app;
--> statement-breakpoint
-- A ledger rebuild (lib/figures/rebuild.ts) empties the derived figure tables.
GRANT TRUNCATE ON figure_deltas, figure_totals TO lotse_app;
--> statement-breakpoint
-- What a transaction may see of clients: those of the contact points it declared
-- (lib/operation.ts, from the acting adviser), or all for the jobs that act for
-- nobody in particular (lotse.access = 'all': the retention job). Nothing
-- declared, nothing seen. Written inline-able so the planner can still use the
-- contact-point index.
CREATE FUNCTION lotse_sees_contact_point(contact_point uuid) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT current_setting('lotse.access', true) = 'all'
        OR contact_point = ANY (string_to_array(nullif(current_setting('lotse.contact_points', true), ''), ',')::uuid[])
  $$;
--> statement-breakpoint
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clients_of_declared_contact_points ON clients
  USING (lotse_sees_contact_point(contact_point_id))
  WITH CHECK (lotse_sees_contact_point(contact_point_id));
--> statement-breakpoint
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY consents_of_visible_clients ON consents
  USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = consents.client_id));
--> statement-breakpoint
ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reminders_of_visible_clients ON reminders
  USING (EXISTS (SELECT 1 FROM clients c WHERE c.id = reminders.client_id));
--> statement-breakpoint
-- The figures ledger needs the statistical attributes of a record's client even where the
-- acting adviser may not see the client: an enrolment of their subproject whose client is
-- registered at a sibling contact point. This gives those four columns and nothing else,
-- and locks the row as the ledger needs (lib/figures/ledger.ts).
CREATE FUNCTION lotse_client_dims(client uuid)
  RETURNS TABLE (gender gender, residence_status residence_status, qualification_country text, occupation_id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT c.gender, c.residence_status, c.qualification_country, c.occupation_id
    FROM clients c WHERE c.id = client
    FOR NO KEY UPDATE
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lotse_client_dims(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lotse_client_dims(uuid) TO lotse_app;
