"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * The pages of one area (administration) as a bar under the header: the header keeps one row at
 * 1280 px with the areas only, and the bar wraps on narrow screens instead of the page scrolling.
 * The link of the page shown (or of the section it belongs to) is marked as current.
 */
export function SectionNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The longest link that the path starts with is the current section ("/admin/org/…" is Organisation, "/admin/org/contact-points" itself).
  const current = links
    .filter((l) => pathname === l.href || pathname.startsWith(`${l.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label} className="section-nav">
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={l.href === current ? "page" : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
