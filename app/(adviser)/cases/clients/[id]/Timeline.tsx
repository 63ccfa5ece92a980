import type { PresentedRecord } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { day, schemeTitle, summary, type Format, type T } from "../../_components/display";
import { PersonalLink } from "../../_components/PersonalLink";
import { TableScroll } from "@/app/components/TableScroll";

/** Every record of the client, newest first: sessions, referrals (next step), enrolments with scheme and outcome. */
export function Timeline({ t, format, records, schemes }: { t: T; format: Format; records: PresentedRecord[]; schemes: Record<string, PresentedRecord> }) {
  if (records.length === 0) return <p>{t("clients.noRecords")}</p>;
  return (
    <TableScroll>
      <table className="timeline">
        <thead>
          <tr>
            <th scope="col">{t("clients.when")}</th>
            <th scope="col">{t("clients.what")}</th>
            <th scope="col">{t("clients.details")}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const spec = kindSpec(r.kind);
            const scheme = r.parentId ? schemes[r.parentId] : undefined;
            const name = t(`recordKinds.${r.kind}.name`);
            return (
              <tr key={r.id}>
                <td>{day(format, r.occurredOn)}</td>
                <td>
                  <PersonalLink href={`/cases/records/${spec.slug}/${r.id}`}>
                    {name}
                  </PersonalLink>
                </td>
                <td>
                  {scheme && (
                    <>
                      <strong>{schemeTitle(scheme)}</strong>
                      {" · "}
                    </>
                  )}
                  {summary(t, format, spec, r)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
