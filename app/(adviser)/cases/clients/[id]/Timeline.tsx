import type { PresentedRecord } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { day, moment, schemeTitle, summary, type Format, type T } from "../../_components/display";
import { PersonalLink } from "../../_components/PersonalLink";
import { TableScroll } from "@/app/components/TableScroll";

/**
 * Every record of the client, newest first: sessions, referrals (next step), enrolments with
 * scheme and outcome. Each date says what it is (the kind's own date, when it was logged, when
 * deleted); a deleted record (shown on request) has no link, its page is gone.
 */
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
              <tr key={r.id} className={r.deletedAt ? "deleted" : undefined}>
                <td>
                  {t("clients.dateLine", { label: t(`recordKinds.${r.kind}.occurredOn`), date: day(format, r.occurredOn) })}
                  <br />
                  <span className="hint">{t("clients.loggedOn", { date: moment(format, r.createdAt) })}</span>
                  {r.deletedAt && (
                    <>
                      <br />
                      <span className="badge">{t("clients.deletedOn", { date: moment(format, r.deletedAt) })}</span>
                    </>
                  )}
                </td>
                <td>{r.deletedAt ? name : <PersonalLink href={`/cases/records/${spec.slug}/${r.id}`}>{name}</PersonalLink>}</td>
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
