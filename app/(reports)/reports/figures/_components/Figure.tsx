import Link from "next/link";
import styles from "../figures.module.css";

export interface FigureLinks {
  definition: { href: string; label: string };
  drilldown?: { href: string; label: string } | null;
}

/** One figure as in the leaflet: a big number, what it counts, where it comes from, and where to read more. */
export function Figure({ value, label, explanation, provenance, links, lead = false }: { value: string; label: string; explanation?: string; provenance: string; links?: FigureLinks; lead?: boolean }) {
  return (
    <div className={`${styles.figure} ${lead ? styles.lead : ""}`}>
      <p className={styles.number}>{value}</p>
      <p className={styles.label}>{label}</p>
      {explanation && <p className={styles.explain}>{explanation}</p>}
      <p className={styles.source}>{provenance}</p>
      {links && <FigureLinkList links={links} />}
    </div>
  );
}

export function FigureLinkList({ links }: { links: FigureLinks }) {
  return (
    <p className={`${styles.figureLinks} ${styles.noPrint}`}>
      <Link href={links.definition.href}>{links.definition.label}</Link>
      {links.drilldown && <Link href={links.drilldown.href}>{links.drilldown.label}</Link>}
    </p>
  );
}
