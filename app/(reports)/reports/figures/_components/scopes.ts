import type { RegionSummary } from "@/lib/org/queries";
import type { Actor } from "@/lib/auth/actor";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import type { ScopeOption } from "./FiguresForm";

/** The scopes worth offering: the network and every region, or a regional coordinator's own region. */
export function scopeOptions(actor: Actor | null, regions: RegionSummary[], t: Translate, locale: Locale): ScopeOption[] {
  const named = regions.map((r) => ({ value: r.id, label: locale === "en" && r.nameEn ? r.nameEn : r.name }));
  return actor?.role === "regional_coordinator" ? named : [{ value: "network", label: t("figures.scope.network") }, ...named];
}

/** The scope's name in the reader's language, where the region list has it. */
export function scopeName(scope: { level: string; id: string | null; name: string }, options: ScopeOption[], t: Translate): string {
  if (scope.level === "network") return t("figures.scope.network");
  return options.find((o) => o.value === scope.id)?.label ?? scope.name;
}
