import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { listContactPoints } from "@/lib/org/queries";
import { CONTACT_POINT_KINDS } from "@/lib/org/schemas";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { ListSearch } from "@/app/components/ListSearch";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("org.contactPointsTitle") };
}

export default async function ContactPointsPage({ searchParams }: { searchParams: Promise<{ kind?: string; q?: string }> }) {
  const { kind, q: rawQ } = await searchParams;
  const filter = (CONTACT_POINT_KINDS as readonly string[]).includes(kind ?? "") ? (kind as (typeof CONTACT_POINT_KINDS)[number]) : undefined;
  const q = typeof rawQ === "string" ? rawQ.trim().slice(0, 100) || undefined : undefined;
  const rows = await load(listContactPoints, { at: todayInBerlin(), kind: filter, q });
  const { t, format } = await serverI18n();
  const withQ = (params: Record<string, string>) => `/admin/org/contact-points${q || Object.keys(params).length ? `?${new URLSearchParams({ ...params, ...(q ? { q } : {}) })}` : ""}`;
  return (
    <section>
      <h1>{t("org.contactPointsTitle")}</h1>
      <nav aria-label={t("org.filterKind")}>
        <Link href={withQ({})} aria-current={!filter ? "page" : undefined}>
          {t("org.all")}
        </Link>
        {CONTACT_POINT_KINDS.map((k) => (
          <span key={k}>
            {" · "}
            <Link href={withQ({ kind: k })} aria-current={filter === k ? "page" : undefined}>
              {t(`kinds.${k}`)}
            </Link>
          </span>
        ))}
      </nav>
      <ListSearch
        action="/admin/org/contact-points"
        id="contact-point-search"
        label={t("org.searchContactPoints")}
        hint={t("org.searchContactPointsHint")}
        q={q}
        keep={{ kind: filter }}
        testId="contact-point-count"
        count={rows.length}
        all={t("org.contactPointsCount", { count: format.number(rows.length) })}
      />
      <TableScroll>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("org.town")}</th>
              <th scope="col">{t("org.name")}</th>
              <th scope="col">{t("org.kind")}</th>
              <th scope="col">{t("org.subproject")}</th>
              <th scope="col">{t("org.region")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ unit, subprojectName, regionName }) => (
              <tr key={unit.id}>
                <td>{unit.town}</td>
                <td>
                  <Link href={`/admin/org/${unit.id}`}>{unit.name}</Link>
                </td>
                <td>{unit.contactPointKind && t(`kinds.${unit.contactPointKind}`)}</td>
                <td>{subprojectName}</td>
                <td>{regionName ?? t("org.national")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
