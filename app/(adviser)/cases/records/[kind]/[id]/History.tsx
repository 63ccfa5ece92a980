import type { KindSpec } from "@/lib/records/kinds";
import { day, EMPTY, fieldValue, moment, type Format, type Names, type T } from "../../../_components/display";
import { TableScroll } from "@/app/components/TableScroll";

export interface Version {
  version: number;
  op: "create" | "update" | "delete";
  at: Date;
  actorName: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

function label(t: T, spec: KindSpec, key: string): string {
  if (key === "occurredOn") return t(`recordKinds.${spec.kind}.occurredOn`);
  if (key === "unitId") return t(`fields.unit.${spec.unitLevel === "contact_point" ? "contact_point" : "subproject"}`);
  if (key === "clientId" || key === "parentId") return t(key === "clientId" ? "fields.clientId" : "fields.schemeId");
  return t(`fields.${key}`);
}

function value(t: T, format: Format, spec: KindSpec, names: Names, key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return EMPTY;
  if (key === "occurredOn") return day(format, String(v));
  if (key === "unitId") return names.units[String(v)] ?? t("records.otherUnit");
  if (key === "clientId") return names.clients?.[String(v)] ?? t("records.otherClient");
  if (key === "parentId") return names.schemes?.[String(v)] ?? String(v);
  const field = spec.fields.find((f) => f.name === key);
  return field ? fieldValue(t, format, field, v) : String(v);
}

/** Who changed what, when: every version of the record, deletion included. */
export function History({ t, format, spec, names, versions }: { t: T; format: Format; spec: KindSpec; names: Names; versions: Version[] }) {
  return (
    <TableScroll>
      <table className="history">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("records.version")}
            </th>
            <th scope="col">{t("records.when")}</th>
            <th scope="col">{t("records.who")}</th>
            <th scope="col">{t("records.change")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td className="num">{format.number(v.version)}</td>
              <td>{moment(format, v.at)}</td>
              <td>{v.actorName ?? EMPTY}</td>
              <td>
                {v.op !== "update" || !v.changes ? (
                  t(`records.op.${v.op}`)
                ) : (
                  <ul className="changes">
                    {Object.entries(v.changes).map(([key, c]) => (
                      <li key={key}>
                        {t("records.changed", { field: label(t, spec, key), from: value(t, format, spec, names, key, c.from), to: value(t, format, spec, names, key, c.to) })}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
