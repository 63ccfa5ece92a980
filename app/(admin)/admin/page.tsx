import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { getNetwork, listRegions } from "@/lib/org/queries";
import { listUsers } from "@/lib/users/queries";
import { load } from "@/lib/server";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("home.adminTitle") };
}

export default async function AdminHome() {
  const [regions, users, { national }] = [await load(listRegions), await load(listUsers), await load(getNetwork)];
  const { t, format } = await serverI18n();
  const contactPoints = regions.reduce((s, r) => s + r.contactPointsPermanent + r.contactPointsMobile, national.contactPointsPermanent + national.contactPointsMobile);
  const cards = [
    { href: "/admin/org", label: t("home.regionalNetworks"), value: regions.length },
    { href: "/admin/org/subprojects", label: t("home.subprojects"), value: regions.reduce((s, r) => s + r.subprojects, national.subprojects) },
    { href: "/admin/org/contact-points", label: t("home.contactPoints"), value: contactPoints },
    { href: "/admin/users", label: t("home.users"), value: users.length },
  ];
  return (
    <section>
      <h1>{t("home.adminTitle")}</h1>
      <p>{t("home.adminIntro")}</p>
      <div className="cards">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="card">
            <span className="big">{format.number(c.value)}</span>
            {c.label}
          </Link>
        ))}
      </div>
      <p>
        <Link href="/cases/import">{t("import.title")}</Link>
      </p>
    </section>
  );
}
