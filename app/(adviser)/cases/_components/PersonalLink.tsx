import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to a page that shows a client's personal data (a case, a record, a record form with
 * its client picker), never prefetched: a prefetch would run the page's reads ahead, and every
 * case merely listed on screen would count as read in the audit trail. A page is read when a
 * person opens it. (A prefetch that still arrives is refused in lib/server.ts.)
 */
export function PersonalLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
