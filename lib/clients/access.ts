import { eq } from "drizzle-orm";
import { clients, type Client } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";

/** A client of another contact point answers "not found", as if it did not exist. */
export async function clientInScope(tx: Tx, actor: Actor, clientId: string, lock = false): Promise<Client> {
  const query = tx.select().from(clients).where(eq(clients.id, clientId));
  const [client] = lock ? await query.for("update") : await query;
  if (!client || !actor.contactPointIds.includes(client.contactPointId)) throw new NotFoundError("client");
  return client;
}

/** The statistical part of a client, the only part that goes into the history. */
export function statisticalSnapshot(client: Client): Record<string, unknown> {
  return {
    contactPointId: client.contactPointId,
    gender: client.gender,
    birthYear: client.birthYear,
    qualificationCountry: client.qualificationCountry,
    citizenship: client.citizenship,
    residenceStatus: client.residenceStatus,
    inGermanySince: client.inGermanySince,
    germanLevel: client.germanLevel,
    qualificationLevel: client.qualificationLevel,
    occupationId: client.occupationId,
    regulatedProfession: client.regulatedProfession,
  };
}
