import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A link to a client's case page, never prefetched: Next.js renders a prefetched page's
 * metadata ahead, and the case page's reads the case, so every case merely listed on
 * screen would count as read in the audit trail. A case is read when it is opened.
 */
export function CaseLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Link href={`/cases/clients/${id}`} prefetch={false}>
      {children}
    </Link>
  );
}
