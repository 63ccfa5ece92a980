import Link from "next/link";
import { notFound } from "next/navigation";
import { listConsentPurposes } from "@/lib/consent-purposes";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { requireCatalogueManager } from "../access";
import { EditConsentPurposeForm } from "../ConsentPurposeForms";

// The list is small and has no single-entry read; the list is that read.
async function purpose(id: string) {
  await requireCatalogueManager();
  const found = (await load(listConsentPurposes)).find((p) => p.id === id);
  if (!found) notFound();
  return found;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await purpose((await params).id)).nameDe };
}

export default async function ConsentPurposePage({ params }: { params: Promise<{ id: string }> }) {
  const p = await purpose((await params).id);
  const { t } = await serverI18n();
  return (
    <section>
      <p>
        <Link href="/admin/consent-purposes">{t("consentPurposes.back")}</Link>
      </p>
      <h1>{p.nameDe}</h1>
      <p>
        <span lang="en">{p.nameEn}</span> · {t("consentPurposes.textVersion")}: {p.textVersion} · {p.active ? t("consentPurposes.active") : t("consentPurposes.inactive")}
      </p>
      <EditConsentPurposeForm key={p.id} purpose={{ id: p.id, nameDe: p.nameDe, nameEn: p.nameEn, textVersion: p.textVersion, active: p.active }} />
    </section>
  );
}
