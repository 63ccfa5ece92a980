import { getEdition } from "@/lib/editions/operations";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { dayText } from "../../figures/_components/view";
import { CorrectionsTable } from "../_components/CorrectionsTable";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("editions.title") };
}

/** An edition's permalink: the figures as published, and beside each what is counted today. */
export default async function EditionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const edition = await load(getEdition, { id });
  const { t, format } = await serverI18n();
  const scope = edition.scope.level === "network" ? t("figures.scope.network") : edition.scope.name;
  return (
    <article>
      <header>
        <h1>{edition.title}</h1>
        <p>{t("editions.page.subtitle", { scope, from: dayText(format, edition.period.from), to: dayText(format, edition.period.to) })}</p>
        <p>{t("editions.page.referenceDates", { asOf: dayText(format, edition.asOf), completersAsOf: dayText(format, edition.completersAsOf) })}</p>
        <p>{t("editions.page.published", { date: dayText(format, edition.publishedAt), name: edition.publishedBy.name, version: edition.definitionsVersion })}</p>
        <p>
          {t("editions.page.permalink")}: <a href={`/reports/editions/${edition.id}`}>{`/reports/editions/${edition.id}`}</a>
        </p>
      </header>
      <div className="actions" role="group" aria-label={t("editions.actions.label")}>
        <a className="button secondary" href={`/reports/editions/${edition.id}/export?format=csv`} download>
          {t("editions.actions.csv")}
        </a>
        <a className="button secondary" href={`/reports/editions/${edition.id}/export?format=xlsx`} download>
          {t("editions.actions.xlsx")}
        </a>
        <a className="button secondary" href={`/reports/editions/${edition.id}/volume.xlsx`} download>
          {t("editions.actions.volume")}
        </a>
      </div>
      <section aria-labelledby="edition-figures">
        <h2 id="edition-figures">{t("editions.page.figures")}</h2>
        <p>{t("editions.page.correctionsIntro", { asOf: dayText(format, edition.corrections.asOf) })}</p>
        <CorrectionsTable edition={edition} t={t} format={format} />
      </section>
    </article>
  );
}
