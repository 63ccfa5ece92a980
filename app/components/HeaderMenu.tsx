"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * The header's links and tools. On a phone they sit behind a disclosure: a <details>, so that
 * the menu opens without JavaScript too; on a wide screen they are always in view (globals.css).
 * Following a link closes it: the header stays on screen across client-side navigations.
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <details className="site-menu" ref={menu}>
      <summary>{label}</summary>
      <div className="site-menu-body">{children}</div>
    </details>
  );
}
