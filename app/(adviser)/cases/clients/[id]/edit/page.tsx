import { getClient } from "@/lib/clients/queries";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { CaseLink } from "../../../_components/CaseLink";
import { day } from "../../../_components/display";
import { EditClientForm } from "../../ClientForm";
import { clientFormOptions } from "../../options";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("clients.edit") };
}

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { client, activeConsent } = await load(getClient, { id: (await params).id });
  const { t, locale, format } = await serverI18n();
  const options = await clientFormOptions(t, locale);
  const consentOnRecord = activeConsent ? t("clients.consentOnRecord", { date: day(format, activeConsent.givenOn), purpose: locale === "de" ? activeConsent.purposeDe : activeConsent.purposeEn }) : null;
  return (
    <section>
      <p>
        <CaseLink id={client.id}>{client.ref}</CaseLink>
      </p>
      <h1>{t("clients.editTitle", { ref: client.ref })}</h1>
      <EditClientForm key={client.version} client={client} options={options} consentOnRecord={consentOnRecord} />
    </section>
  );
}
