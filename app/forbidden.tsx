import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";

export default async function Forbidden() {
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("status.forbiddenTitle")}</h1>
      <p>{t("status.forbiddenText")}</p>
      <Link href="/">{t("status.back")}</Link>
    </section>
  );
}
