import "server-only";
import { forbidden, redirect } from "next/navigation";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";

/** Advisers read the list (their consent field offers it); only those who may change it see this page. */
export async function requireCatalogueManager(): Promise<void> {
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=/admin/consent-purposes");
  if (!hasPermission(actor, "catalogue.manage")) forbidden();
}
