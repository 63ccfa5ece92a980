import Link from "next/link";
import { FIGURES, SECTIONS, definitionAnchor } from "@/lib/figures/registry";
import { serverI18n } from "@/lib/i18n/server";
import styles from "../figures.module.css";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: `${t("figures.definitions.title")} · ${t("figures.title")}` };
}

/** Every figure's definition, read from the figures registry: what the figure pages link to. */
export default async function DefinitionsPage() {
  const { t, locale } = await serverI18n();
  return (
    <article className={styles.report}>
      <p className={styles.noPrint}>
        <Link href="/reports/figures">{t("figures.breakdown.back")}</Link>
      </p>
      <h1>{t("figures.definitions.title")}</h1>
      <p className={styles.intro}>{t("figures.definitions.intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`definitions-${section}`} className={styles.section}>
          <h2 id={`definitions-${section}`}>{t(`figures.sections.${section}`)}</h2>
          <dl className={styles.definitions}>
            {FIGURES.filter((f) => f.section === section).map((f) => (
              <div key={f.key} id={definitionAnchor(f.key)}>
                <dt>{f.label[locale]}</dt>
                <dd>{f.definition[locale]}</dd>
                <dd className={styles.source}>
                  {t("figures.definitions.reference", { reference: t(`figures.definitions.references.${f.reference}`) })} ·{" "}
                  {t("figures.definitions.source", { source: t(`figures.sources.${f.source}`) })}
                  {f.counters.length > 0 && (
                    <>
                      {" "}
                      · {t("figures.definitions.counters")} <code>{f.counters.join(", ")}</code>
                    </>
                  )}{" "}
                  · <code>{f.key}</code>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </article>
  );
}
