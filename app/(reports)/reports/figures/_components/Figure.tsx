import styles from "../figures.module.css";

/** One figure as in the leaflet: a big number, what it counts, and where it comes from. */
export function Figure({ value, label, explanation, provenance, lead = false }: { value: string; label: string; explanation?: string; provenance: string; lead?: boolean }) {
  return (
    <div className={`${styles.figure} ${lead ? styles.lead : ""}`}>
      <p className={styles.number}>{value}</p>
      <p className={styles.label}>{label}</p>
      {explanation && <p className={styles.explain}>{explanation}</p>}
      <p className={styles.source}>{provenance}</p>
    </div>
  );
}
