import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { getUnit } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { CloseUnitForm, CreateContactPointForm, CreateSubprojectForm, RenameUnitForm } from "../UnitForms";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { unit } = await load(getUnit, { id: (await params).id });
  return { title: unit.name };
}

export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const { unit, parent, children } = await load(getUnit, { id: (await params).id });
  const { t, format } = await serverI18n();
  const today = todayInBerlin();
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: "medium" });
  const status = (until: string | null) => (until ? t("org.closedOn", { date: day(until) }) : t("org.open"));
  const facts: [string, string | null][] = [
    [t("org.level"), t(`levels.${unit.level}`)],
    [t("org.code"), unit.code],
    [t("org.provider"), unit.provider],
    [t("org.priorityArea"), unit.priorityArea && t(`priorityAreas.${unit.priorityArea}`)],
    [t("org.kind"), unit.contactPointKind && t(`kinds.${unit.contactPointKind}`)],
    [t("org.town"), unit.town],
    [t("org.activeFrom"), day(unit.activeFrom)],
    [t("org.status"), status(unit.activeUntil)],
  ];
  return (
    <section>
      <p>
        {parent && parent.level !== "network" ? <Link href={`/admin/org/${parent.id}`}>{parent.name}</Link> : <Link href="/admin/org">{t("org.title")}</Link>}
      </p>
      <h1>{unit.name}</h1>
      <dl className="cards">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="card">
              <dt className="muted">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {unit.level !== "contact_point" && (
        <>
          <h2>{t("org.children")}</h2>
          {children.length === 0 ? (
            <p>{t("org.noChildren")}</p>
          ) : (
            <TableScroll>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("org.name")}</th>
                    <th scope="col">{unit.level === "region" ? t("org.priorityArea") : t("org.kind")}</th>
                    <th scope="col">{t("org.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link href={`/admin/org/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>{c.priorityArea ? t(`priorityAreas.${c.priorityArea}`) : c.contactPointKind ? t(`kinds.${c.contactPointKind}`) : ""}</td>
                      <td>{status(c.activeUntil)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
      <div className="grid-2">
        {unit.level !== "network" && <RenameUnitForm key={`rename:${unit.id}`} id={unit.id} name={unit.name} version={unit.version} />}
        {unit.level !== "network" && !unit.activeUntil && <CloseUnitForm key={`close:${unit.id}:${unit.version}`} id={unit.id} version={unit.version} today={today} />}
        {unit.level === "region" && !unit.activeUntil && <CreateSubprojectForm key={`sub:${unit.id}`} parentId={unit.id} today={today} />}
        {unit.level === "subproject" && !unit.activeUntil && <CreateContactPointForm key={`cp:${unit.id}`} parentId={unit.id} today={today} />}
      </div>
    </section>
  );
}
