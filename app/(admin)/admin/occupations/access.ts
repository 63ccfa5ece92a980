import "server-only";
import { forbidden, redirect } from "next/navigation";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";

/**
 * Advisers may read the catalogue (their client forms offer it), but only those
 * who may change it see this page. The commands check again on every change.
 */
export async function requireCatalogueManager(): Promise<void> {
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=/admin/occupations");
  if (!hasPermission(actor, "catalogue.manage")) forbidden();
}
