import type { ReactNode } from "react";
import { PersonalLink } from "./PersonalLink";

/** A link to a client's case page (never prefetched: see PersonalLink). */
export function CaseLink({ id, children }: { id: string; children: ReactNode }) {
  return <PersonalLink href={`/cases/clients/${id}`}>{children}</PersonalLink>;
}
