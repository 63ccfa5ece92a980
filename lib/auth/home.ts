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

/** Only paths on this app's own origin are followed after login (no open redirects). */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}
