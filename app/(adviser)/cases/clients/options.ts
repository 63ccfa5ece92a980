import "server-only";
import { GENDERS, GERMAN_LEVELS, QUALIFICATION_LEVELS, RESIDENCE_STATUSES } from "@/lib/clients/schemas";
import { countryOptions } from "@/lib/countries";
import type { Locale } from "@/lib/i18n/config";
import { listConsentPurposes } from "@/lib/consent-purposes";
import { listOccupations } from "@/lib/occupations";
import { load } from "@/lib/server";
import type { T } from "../_components/display";
import { myUnits } from "../_components/context";
import type { ClientFormOptions } from "./ClientFields";

export async function clientFormOptions(t: T, locale: Locale): Promise<ClientFormOptions> {
  const [units, occupations, purposes] = await Promise.all([myUnits(t), load(listOccupations), load(listConsentPurposes)]);
  const collator = new Intl.Collator(locale);
  return {
    enums: { gender: GENDERS, residenceStatus: RESIDENCE_STATUSES, germanLevel: GERMAN_LEVELS, qualificationLevel: QUALIFICATION_LEVELS },
    contactPoints: units.contactPoints,
    countries: countryOptions(locale).map((c) => ({ value: c.code, label: c.name })),
    occupations: occupations
      .filter((o) => o.active)
      .map((o) => {
        const name = locale === "de" ? o.nameDe : o.nameEn;
        return { value: o.id, label: o.kldbCode ? `${name} (KldB ${o.kldbCode})` : name };
      })
      .sort((a, b) => collator.compare(a.label, b.label)),
    consentPurposes: purposes
      .filter((p) => p.active)
      .map((p) => ({ value: p.id, label: t("clients.consentPurposeOption", { purpose: locale === "de" ? p.nameDe : p.nameEn, version: p.textVersion }) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  };
}
