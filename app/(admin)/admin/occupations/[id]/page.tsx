import Link from "next/link";
import { notFound } from "next/navigation";
import { serverI18n } from "@/lib/i18n/server";
import { listOccupations } from "@/lib/occupations";
import { load } from "@/lib/server";
import { requireCatalogueManager } from "../access";
import { EditOccupationForm } from "../OccupationForms";

// The catalogue is small and has no single-entry read; the list is that read.
async function occupation(id: string) {
  await requireCatalogueManager();
  const found = (await load(listOccupations)).find((o) => o.id === id);
  if (!found) notFound();
  return found;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await occupation((await params).id)).nameDe };
}

export default async function OccupationPage({ params }: { params: Promise<{ id: string }> }) {
  const o = await occupation((await params).id);
  const { t } = await serverI18n();
  return (
    <section>
      <p>
        <Link href="/admin/occupations">{t("occupations.back")}</Link>
      </p>
      <h1>{o.nameDe}</h1>
      <p>
        <span lang="en">{o.nameEn}</span> · {t("occupations.kldb")}: {o.kldbCode ?? t("occupations.none")} ·{" "}
        {o.active ? t("occupations.active") : t("occupations.inactive")}
      </p>
      <EditOccupationForm key={o.id} occupation={{ id: o.id, nameDe: o.nameDe, nameEn: o.nameEn, kldbCode: o.kldbCode, active: o.active }} />
    </section>
  );
}
