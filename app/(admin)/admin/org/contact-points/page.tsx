import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { listContactPoints } from "@/lib/org/queries";
import { CONTACT_POINT_KINDS } from "@/lib/org/schemas";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("org.contactPointsTitle") };
}

export default async function ContactPointsPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const { kind } = await searchParams;
  const filter = (CONTACT_POINT_KINDS as readonly string[]).includes(kind ?? "") ? (kind as (typeof CONTACT_POINT_KINDS)[number]) : undefined;
  const rows = await load(listContactPoints, { at: todayInBerlin(), kind: filter });
  const { t, format } = await serverI18n();
  return (
    <section>
      <h1>{t("org.contactPointsTitle")}</h1>
      <nav aria-label={t("org.filterKind")}>
        <Link href="/admin/org/contact-points" aria-current={!filter ? "page" : undefined}>
          {t("org.all")}
        </Link>
        {CONTACT_POINT_KINDS.map((k) => (
          <span key={k}>
            {" · "}
            <Link href={`/admin/org/contact-points?kind=${k}`} aria-current={filter === k ? "page" : undefined}>
              {t(`kinds.${k}`)}
            </Link>
          </span>
        ))}
      </nav>
      <p data-testid="contact-point-count">{t("org.contactPointsCount", { count: format.number(rows.length) })}</p>
      <TableScroll>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("org.town")}</th>
              <th scope="col">{t("org.name")}</th>
              <th scope="col">{t("org.kind")}</th>
              <th scope="col">{t("org.subproject")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ unit, subprojectName }) => (
              <tr key={unit.id}>
                <td>{unit.town}</td>
                <td>
                  <Link href={`/admin/org/${unit.id}`}>{unit.name}</Link>
                </td>
                <td>{unit.contactPointKind && t(`kinds.${unit.contactPointKind}`)}</td>
                <td>{subprojectName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
