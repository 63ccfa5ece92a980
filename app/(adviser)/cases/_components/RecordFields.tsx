"use client";
import type { UseFormReturn } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { FieldSpec } from "@/lib/records/kinds";
import { ClientPicker } from "./ClientPicker";
import { clientLabel, type ClientOption, type KindLayout } from "./display";
import { CheckboxInput, ChoiceGroup, SelectInput, TextInput, type Option } from "./widgets";

export interface RecordFormContext {
  /** Units of the level the kind hangs at (contact points or subprojects). */
  units: Option[];
  /** Job-training schemes, for a new enrolment. */
  schemes?: Option[];
  /** Choices for the client picker. */
  clients?: ClientOption[];
  /** On a field form: the signed-in adviser, whose chosen clients' references the picker keeps for offline use. */
  offlineUserId?: string;
  /** A client fixed by the page (the client's own page): no picker. */
  fixedClient?: ClientOption;
}

function KindField({ form, idPrefix, field }: { form: UseFormReturn<any, any, any>; idPrefix: string; field: FieldSpec }) {
  const t = useTranslations();
  const id = `${idPrefix}-${field.name}`;
  const label = t(`fields.${field.name}`);
  switch (field.type) {
    case "select":
      return (
        <SelectInput
          form={form}
          id={id}
          name={field.name}
          label={label}
          placeholder={field.optional ? t("records.none") : t("records.choose")}
          options={field.options.map((o) => ({ value: o, label: t(`values.${field.name}.${o}`) }))}
        />
      );
    case "multiselect":
      return <ChoiceGroup form={form} id={id} name={field.name} label={label} options={field.options.map((o) => ({ value: o, label: t(`values.${field.name}.${o}`) }))} />;
    case "checkbox":
      return <CheckboxInput form={form} id={id} name={field.name} label={label} />;
    case "number":
      return <TextInput form={form} id={id} name={field.name} label={label} type="number" inputMode="numeric" min={0} step={1} />;
    case "date":
      return <TextInput form={form} id={id} name={field.name} label={label} type="date" />;
    default:
      return <TextInput form={form} id={id} name={field.name} label={label} />;
  }
}

/** The fields every record has (date, unit or scheme, client) and then the kind's own, in the kind's order. */
export function RecordFields({
  form,
  spec,
  idPrefix,
  context,
  mode,
}: {
  form: UseFormReturn<any, any, any>;
  spec: KindLayout;
  idPrefix: string;
  context: RecordFormContext;
  mode: "create" | "edit";
}) {
  const t = useTranslations();
  return (
    <>
      <TextInput form={form} id={`${idPrefix}-occurredOn`} name="occurredOn" label={t(`recordKinds.${spec.kind}.occurredOn`)} type="date" />
      {spec.unitLevel === "scheme" ? (
        mode === "create" && (
          <SelectInput
            form={form}
            id={`${idPrefix}-schemeId`}
            name="schemeId"
            label={t("fields.schemeId")}
            placeholder={t("records.choose")}
            options={context.schemes ?? []}
            hint={context.schemes?.length ? undefined : t("records.noSchemes")}
          />
        )
      ) : (
        <SelectInput form={form} id={`${idPrefix}-unitId`} name="unitId" label={t(`fields.unit.${spec.unitLevel}`)} options={context.units} />
      )}
      {spec.clientBased &&
        (context.fixedClient ? (
          <p className="fixed-value">
            <span className="muted">{t("fields.clientId")}:</span> {clientLabel(context.fixedClient)}
          </p>
        ) : (
          <ClientPicker form={form} idPrefix={idPrefix} initial={context.clients ?? []} offlineUserId={context.offlineUserId} />
        ))}
      {spec.fields.map((field) => (
        <KindField key={field.name} form={form} idPrefix={idPrefix} field={field} />
      ))}
    </>
  );
}
