import Link from "next/link";
import { listConsentPurposes } from "@/lib/consent-purposes";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { TableScroll } from "@/app/components/TableScroll";
import { requireCatalogueManager } from "./access";
import { ActiveToggle, CreateConsentPurposeForm } from "./ConsentPurposeForms";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("consentPurposes.title") };
}

export default async function ConsentPurposesPage() {
  await requireCatalogueManager();
  const purposes = await load(listConsentPurposes);
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("consentPurposes.title")}</h1>
      <p>{t("consentPurposes.intro")}</p>
      {purposes.length === 0 ? (
        <p>{t("consentPurposes.empty")}</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("consentPurposes.nameDe")}</th>
                <th scope="col">{t("consentPurposes.nameEn")}</th>
                <th scope="col">{t("consentPurposes.textVersion")}</th>
                <th scope="col">{t("consentPurposes.status")}</th>
                <th scope="col">{t("consentPurposes.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {purposes.map((p) => (
                <tr key={p.id}>
                  <td lang="de">{p.nameDe}</td>
                  <td lang="en">{p.nameEn}</td>
                  <td>{p.textVersion}</td>
                  <td>{p.active ? t("consentPurposes.active") : t("consentPurposes.inactive")}</td>
                  <td>
                    <Link href={`/admin/consent-purposes/${p.id}`} aria-label={t("consentPurposes.editNamed", { name: `${p.nameDe} (${p.textVersion})` })}>
                      {t("consentPurposes.edit")}
                    </Link>{" "}
                    <ActiveToggle purpose={{ id: p.id, nameDe: p.nameDe, nameEn: p.nameEn, textVersion: p.textVersion, active: p.active }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <CreateConsentPurposeForm />
    </section>
  );
}
