import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { users } from "./users";

/**
 * The keyed pseudonym of a client's name and birth year (lib/clients/pseudonym.ts), kept only
 * while a consent in force covers the name: it is personal data, erased with the name. Row
 * security shows a transaction the rows of the clients it sees; a match at another contact
 * point is found only through the functions of migration 0013, which answer with contact points.
 */
export const clientPseudonyms = pgTable(
  "client_pseudonyms",
  {
    clientId: uuid("client_id")
      .primaryKey()
      .references(() => clients.id),
    pseudonym: text("pseudonym").notNull(),
    storedAt: timestamp("stored_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("client_pseudonyms_pseudonym_idx").on(t.pseudonym)],
);

/**
 * Two clients of different contact points an adviser confirmed as one person, kept in both
 * directions (each client's side is seen with that client). Written only by the functions of
 * migration 0013; an erasure of either client removes the link.
 */
export const personLinks = pgTable(
  "person_links",
  {
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    otherClientId: uuid("other_client_id")
      .notNull()
      .references(() => clients.id),
    linkedBy: uuid("linked_by")
      .notNull()
      .references(() => users.id),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.otherClientId] }),
    index("person_links_other_client_idx").on(t.otherClientId),
    check("person_links_two_clients", sql`${t.clientId} <> ${t.otherClientId}`),
  ],
);
