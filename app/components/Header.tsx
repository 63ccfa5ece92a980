import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { serverI18n } from "@/lib/i18n/server";
import { HeaderMenu } from "./HeaderMenu";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignOutButton } from "./SignOutButton";

export async function Header({ actor }: { actor: Actor | null }) {
  const { t } = await serverI18n();
  const links: { href: string; label: string }[] = [];
  if (actor?.role === "adviser") links.push({ href: "/cases", label: t("nav.cases") }, { href: "/cases/records", label: t("nav.records") });
  if (actor?.role === "regional_coordinator" || actor?.role === "network_coordinator") {
    links.push({ href: "/reports", label: t("nav.reports") }, { href: "/reports/figures", label: t("figures.nav") });
    links.push({ href: "/reports/editions", label: t("editions.nav") });
  }
  // The administration's own pages are listed under the header on its pages (app/(admin)/admin/layout.tsx):
  // with all of them here, the header took two rows at 1280 px.
  if (actor?.role === "admin") {
    links.push({ href: "/admin", label: t("nav.admin") });
    links.push({ href: "/reports/figures", label: t("figures.nav") }, { href: "/reports/editions", label: t("editions.nav") });
  }
  if (actor) links.push({ href: "/api-docs", label: t("nav.apiDocs") });
  const navigation = links.length > 0 && (
    <nav aria-label={t("nav.main")}>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
  const tools = (
    <div className="header-tools">
      {actor && <span className="who">{t("nav.signedInAs", { name: actor.name, role: t(`roles.${actor.role}`) })}</span>}
      <LanguageSwitch />
      {actor && <SignOutButton userId={actor.userId} />}
    </div>
  );
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <Link href="/" className="brand">
        {t("app.name")}
      </Link>
      {actor ? (
        <HeaderMenu label={t("nav.menu")}>
          {navigation}
          {tools}
        </HeaderMenu>
      ) : (
        tools
      )}
    </header>
  );
}
