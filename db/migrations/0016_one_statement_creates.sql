-- A record's create in one statement (lib/records/create-alone.ts) reads its client's contact
-- point and dims before it writes, outside the transaction that declares the adviser's contact
-- points for row security, and reads them again, locked as lotse_client_dims locks them, in the
-- statement that writes. This gives the contact point besides lotse_client_dims' four columns,
-- and nothing else; the app compares the contact point with the adviser's own.
CREATE FUNCTION lotse_client_facts(client uuid, locked boolean)
  RETURNS TABLE (contact_point_id uuid, gender gender, residence_status residence_status, qualification_country text, occupation_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF locked THEN
      RETURN QUERY SELECT c.contact_point_id, c.gender, c.residence_status, c.qualification_country, c.occupation_id
        FROM clients c WHERE c.id = client FOR NO KEY UPDATE;
    ELSE
      RETURN QUERY SELECT c.contact_point_id, c.gender, c.residence_status, c.qualification_country, c.occupation_id
        FROM clients c WHERE c.id = client;
    END IF;
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lotse_client_facts(uuid, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lotse_client_facts(uuid, boolean) TO lotse_app;
--> statement-breakpoint
-- Undoes a statement whose writes rested on what it found untrue: raised from its last select,
-- it rolls back everything the statement wrote (lib/records/create-alone.ts). SQLSTATE LO409.
CREATE FUNCTION lotse_expect(holds boolean) RETURNS boolean
  LANGUAGE plpgsql VOLATILE
  AS $$
  BEGIN
    IF holds IS NOT TRUE THEN
      RAISE EXCEPTION 'lotse: what the statement was written for no longer holds' USING ERRCODE = 'LO409';
    END IF;
    RETURN true;
  END
  $$;
