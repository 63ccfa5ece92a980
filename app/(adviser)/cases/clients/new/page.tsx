import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { NewClientForm } from "../ClientForm";
import { clientFormOptions } from "../options";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("clients.new") };
}

export default async function NewClientPage() {
  const { t, locale } = await serverI18n();
  const options = await clientFormOptions(t, locale);
  return (
    <section>
      <p>
        <Link href="/cases">{t("home.adviserTitle")}</Link>
      </p>
      <h1>{t("clients.new")}</h1>
      <p className="hint">{t("clients.newIntro")}</p>
      {options.contactPoints.length === 0 ? <p>{t("home.noUnits")}</p> : <NewClientForm options={options} />}
    </section>
  );
}
