import type { ReactNode } from "react";
import { SectionNav } from "@/app/components/SectionNav";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { serverI18n } from "@/lib/i18n/server";

/** The administration's pages, listed under the header for whoever may open them (coordinators: the org tree). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const { t } = await serverI18n();
  const links: { href: string; label: string }[] = [];
  if (actor && hasPermission(actor, "org.view")) {
    if (actor.role === "admin") links.push({ href: "/admin", label: t("nav.overview") });
    links.push({ href: "/admin/org", label: t("nav.org") }, { href: "/admin/org/contact-points", label: t("nav.contactPoints") }, { href: "/admin/org/subprojects", label: t("nav.subprojects") });
  }
  if (actor?.role === "admin") {
    links.push({ href: "/admin/users", label: t("nav.users") }, { href: "/admin/occupations", label: t("nav.occupations") }, { href: "/admin/consent-purposes", label: t("nav.consentPurposes") }, { href: "/admin/tokens", label: t("nav.tokens") });
    links.push({ href: "/admin/targets", label: t("nav.targets") }, { href: "/admin/audit", label: t("nav.audit") });
  }
  return (
    <>
      {links.length > 0 && <SectionNav label={t("nav.adminSections")} links={links} />}
      {children}
    </>
  );
}
