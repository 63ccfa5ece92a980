import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb } from "@/db/client";
import { authOptions } from "./options";
import { loadActor, type Actor } from "./actor";

/**
 * The acting user of this request, resolved from the session and re-read from
 * the database (the jwt callback has already checked active / role / session version).
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions()).catch(() => null);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadActor(await getDb(), userId);
});
