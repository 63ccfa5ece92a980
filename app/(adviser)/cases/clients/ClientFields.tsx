"use client";
import type { UseFormReturn } from "react-hook-form";
import { useTranslations } from "use-intl";
import { currentYearInBerlin } from "@/lib/calendar";
import { todayInBerlin } from "@/lib/validation";
import { SelectInput, TextArea, TextInput, type Option } from "../_components/widgets";

export interface ClientFormOptions {
  contactPoints: Option[];
  /** ISO code and name in the reader's language, sorted by name. */
  countries: Option[];
  occupations: Option[];
  /** The active purposes of the admin's list, each with its consent text version. */
  consentPurposes: Option[];
  /** The enum values of the statistical attributes (from lib/clients/schemas, passed so zod stays off the page). */
  enums: { gender: readonly string[]; residenceStatus: readonly string[]; germanLevel: readonly string[]; qualificationLevel: readonly string[] };
}

export function ClientFields({ form, options, mode, consentOnRecord }: { form: UseFormReturn<any, any, any>; options: ClientFormOptions; mode: "create" | "edit"; consentOnRecord: string | null }) {
  const t = useTranslations();
  const values = (field: string, list: readonly string[]) => list.map((v) => ({ value: v, label: t(`values.${field}.${v}`) }));
  const notStated = t("clients.notStated");
  return (
    <>
      <fieldset className="group">
        <legend>{t("clients.statistics")}</legend>
        {mode === "create" && <SelectInput form={form} id="client-contactPointId" name="contactPointId" label={t("clients.contactPoint")} options={options.contactPoints} />}
        <SelectInput form={form} id="client-gender" name="gender" label={t("clients.gender")} options={values("gender", options.enums.gender)} />
        <TextInput form={form} id="client-birthYear" name="birthYear" label={t("clients.birthYear")} type="number" inputMode="numeric" min={1900} max={currentYearInBerlin()} />
        <SelectInput form={form} id="client-qualificationCountry" name="qualificationCountry" label={t("clients.qualificationCountry")} placeholder={notStated} options={options.countries} />
        <SelectInput form={form} id="client-citizenship" name="citizenship" label={t("clients.citizenship")} placeholder={notStated} options={options.countries} />
        <SelectInput form={form} id="client-residenceStatus" name="residenceStatus" label={t("clients.residenceStatus")} options={values("residenceStatus", options.enums.residenceStatus)} />
        <TextInput
          form={form}
          id="client-inGermanySince"
          name="inGermanySince"
          label={t("clients.inGermanySince")}
          hint={t("clients.inGermanySinceHint")}
          type="number"
          inputMode="numeric"
          min={1950}
          max={currentYearInBerlin()}
        />
        <SelectInput form={form} id="client-germanLevel" name="germanLevel" label={t("clients.germanLevel")} placeholder={notStated} options={values("germanLevel", options.enums.germanLevel)} />
        <SelectInput
          form={form}
          id="client-qualificationLevel"
          name="qualificationLevel"
          label={t("clients.qualificationLevel")}
          placeholder={notStated}
          options={values("qualificationLevel", options.enums.qualificationLevel)}
        />
        <SelectInput
          form={form}
          id="client-occupationId"
          name="occupationId"
          label={t("clients.occupation")}
          placeholder={notStated}
          options={options.occupations}
          hint={options.occupations.length ? undefined : t("clients.noOccupations")}
        />
        <SelectInput
          form={form}
          id="client-regulatedProfession"
          name="regulatedProfession"
          label={t("clients.regulatedProfession")}
          placeholder={notStated}
          options={[
            { value: "true", label: t("values.yes") },
            { value: "false", label: t("values.no") },
          ]}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t("clients.personal")}</legend>
        <p className="hint">{t("clients.personalHint")}</p>
        <TextInput form={form} id="client-fullName" name="fullName" label={t("clients.fullName")} autoComplete="off" />
        <TextInput form={form} id="client-phone" name="phone" label={t("clients.phone")} type="tel" autoComplete="off" />
        <TextInput form={form} id="client-email" name="email" label={t("clients.email")} type="email" autoComplete="off" />
        <TextArea form={form} id="client-notes" name="notes" label={t("clients.notes")} />
      </fieldset>

      <fieldset className="group">
        <legend>{t("clients.consent")}</legend>
        <p className="hint">{consentOnRecord ?? t("clients.consentHint")}</p>
        <TextInput form={form} id="client-consentGivenOn" name="consentGivenOn" label={t("clients.consentGivenOn")} type="date" max={todayInBerlin()} />
        <SelectInput
          form={form}
          id="client-consentPurposeId"
          name="consentPurposeId"
          label={t("clients.consentPurpose")}
          placeholder="–"
          options={options.consentPurposes}
          hint={options.consentPurposes.length ? t("clients.consentPurposeHint") : t("clients.noConsentPurposes")}
        />
      </fieldset>
    </>
  );
}
