import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("status.notFoundTitle")}</h1>
      <p>{t("status.notFoundText")}</p>
      <Link href="/">{t("status.back")}</Link>
    </section>
  );
}
