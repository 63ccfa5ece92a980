import type { Role } from "@/db/schema";
import type { Actor } from "./actor";

export const ROLES: readonly Role[] = ["adviser", "regional_coordinator", "network_coordinator", "admin"];

/**
 * What each role may do at all. Checks that depend on the unit concerned
 * (own region, own contact point) are made by the command, with the helpers below.
 */
export const PERMISSIONS = {
  "org.view": ["admin", "network_coordinator", "regional_coordinator"],
  // Everyone signed in: who they are, the units they may see, the list of countries.
  "directory.view": ["adviser", "regional_coordinator", "network_coordinator", "admin"],
  "cases.work": ["adviser"],
  // Advisers into their own contact points; admins into any (a migration from another system).
  "records.import": ["adviser", "admin"],
  "catalogue.view": ["adviser", "admin"],
  "catalogue.manage": ["admin"],
  "tokens.manage": ["admin"],
  "org.manage": ["admin"],
  "users.manage": ["admin"],
  "figures.view": ["admin", "network_coordinator", "regional_coordinator"],
  // Publishing an edition speaks for the whole network: its coordinator only (lib/editions).
  "editions.publish": ["network_coordinator"],
  "targets.manage": ["admin"],
  "audit.view": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}
