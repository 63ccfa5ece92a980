import type { Role } from "@/db/schema";

/** Where each role starts after login. */
export function homePath(role: Role): string {
  switch (role) {
    case "adviser":
      return "/cases";
    case "regional_coordinator":
    case "network_coordinator":
      return "/reports";
    case "admin":
      return "/admin";
  }
}
