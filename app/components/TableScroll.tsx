import type { ReactNode } from "react";

/**
 * A table that may be wider than a phone: it scrolls sideways in its own box, never the page,
 * with its first column kept in view (globals.css). The box takes the focus, so that a keyboard
 * can scroll it too.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      {children}
    </div>
  );
}
