import { currentActor } from "@/lib/auth/session";
import { serverI18n } from "@/lib/i18n/server";
import { IMPORT_KINDS } from "@/lib/import/columns";
import { listImports } from "@/lib/import/operations";
import { listContactPoints, listMyUnits } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { TableScroll } from "@/app/components/TableScroll";
import { todayInBerlin } from "@/lib/validation";
import { ImportForm } from "./ImportForm";
import { RefreshWhileRunning } from "./RefreshWhileRunning";
import { OutcomesForm } from "./OutcomesForm";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("import.title") };
}

/** Import (advisers into their contact points, admins into any), templates, and an adviser's export. */
export default async function ImportPage() {
  const earlier = await load(listImports);
  const actor = await currentActor();
  const adviser = actor?.role === "adviser";
  const units = adviser
    ? (await load(listMyUnits)).filter((u) => u.level === "contact_point").map((u) => ({ id: u.id, name: u.name }))
    : (await load(listContactPoints, {})).map((c) => ({ id: c.unit.id, name: `${c.unit.name} (${c.subprojectName})` }));
  const { t, format } = await serverI18n();
  const kindName = (kind: string) => (kind === "client" ? t("import.kinds.client") : t(`recordKinds.${kind}.plural`));
  return (
    <section>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <ImportForm units={units} />

      <h2>{t("import.outcomes.title")}</h2>
      <p>{t("import.outcomes.intro")}</p>
      <OutcomesForm units={units} today={todayInBerlin()} />

      <h2>{t("import.templates")}</h2>
      <ul>
        <li>
          <a href="/cases/import/template?format=xlsx">{t("import.templateXlsx")}</a>
        </li>
        {IMPORT_KINDS.map((kind) => (
          <li key={kind}>
            <a href={`/cases/import/template?format=csv&kind=${kind}`}>{t("import.templateCsv", { kind: kindName(kind) })}</a>
          </li>
        ))}
      </ul>

      {adviser &&
        units.map((unit) => (
          <section key={unit.id}>
            <h2>
              {t("import.export")}: {unit.name}
            </h2>
            <ul>
              <li>
                <a href={`/cases/import/export?format=xlsx&contactPointId=${unit.id}`}>{t("import.exportXlsx")}</a>
              </li>
              {IMPORT_KINDS.map((kind) => (
                <li key={kind}>
                  <a href={`/cases/import/export?format=csv&kind=${kind}&contactPointId=${unit.id}`}>{t("import.exportCsv", { kind: kindName(kind) })}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}

      <h2>{t("import.history")}</h2>
      <RefreshWhileRunning active={earlier.some((i) => i.status === "running")} />
      {earlier.length === 0 ? (
        <p>{t("import.noImports")}</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("import.at")}</th>
                <th scope="col">{t("import.unit")}</th>
                <th scope="col">{t("import.fileName")}</th>
                <th scope="col">{t("import.rows")}</th>
                <th scope="col">{t("import.added")}</th>
                <th scope="col">{t("import.status")}</th>
              </tr>
            </thead>
            <tbody>
              {earlier.map((i) => (
                <tr key={i.id}>
                  <td>{format.dateTime(i.at, { dateStyle: "short", timeStyle: "short" })}</td>
                  <td>{i.unitName}</td>
                  <td>{i.fileName}</td>
                  <td>{i.rows}</td>
                  <td>{Object.values(i.counts).reduce((n, c) => n + c.added, 0)}</td>
                  <td>
                    {i.progress
                      ? t(`import.progress.${i.progress.phase}`, { checked: i.progress.checked, written: i.progress.written, total: i.progress.toWrite })
                      : t(`import.statuses.${i.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
