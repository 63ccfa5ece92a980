import Link from "next/link";
import { notFound } from "next/navigation";
import { serverI18n } from "@/lib/i18n/server";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { kindBySlug } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { isoDate } from "@/lib/validation";
import { myUnits } from "../../_components/context";
import { CaseLink } from "../../_components/CaseLink";
import { day, summary, EMPTY } from "../../_components/display";
import { PersonalLink } from "../../_components/PersonalLink";
import { TableScroll } from "@/app/components/TableScroll";

type Search = { from?: string; to?: string; page?: string };

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const spec = kindBySlug((await params).kind);
  const { t } = await serverI18n();
  return { title: spec ? t(`recordKinds.${spec.kind}.plural`) : t("status.notFoundTitle") };
}

/** Only well-formed dates reach the query; anything else is ignored rather than answered with an error page. */
const dateParam = (v: unknown) => (typeof v === "string" && isoDate.safeParse(v).success ? v : undefined);

export default async function RecordListPage({ params, searchParams }: { params: Promise<{ kind: string }>; searchParams: Promise<Search> }) {
  const spec = kindBySlug((await params).kind);
  if (!spec) notFound();
  const search = await searchParams;
  const from = dateParam(search.from);
  const to = dateParam(search.to);
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(String(search.page ?? "1"), 10) || 1));
  const { t, format } = await serverI18n();
  const [list, units] = await Promise.all([load(RECORD_OPERATIONS[spec.kind].list, { from, to, page, pageSize: 50 }), myUnits(t)]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const href = (p: number) => `/cases/records/${spec.slug}?${new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}), page: String(p) })}`;

  return (
    <section>
      <p>
        <Link href="/cases/records">{t("records.title")}</Link>
      </p>
      <h1>{t(`recordKinds.${spec.kind}.plural`)}</h1>
      <p className="actions">
        <PersonalLink className="button" href={`/cases/records/${spec.slug}/new`}>
          {t(`recordKinds.${spec.kind}.new`)}
        </PersonalLink>
      </p>
      <form method="get" className="inline-form" aria-label={t("records.filter")}>
        <label htmlFor="filter-from">{t("records.from")}</label>
        <input id="filter-from" name="from" type="date" defaultValue={from} />
        <label htmlFor="filter-to">{t("records.to")}</label>
        <input id="filter-to" name="to" type="date" defaultValue={to} />
        <button type="submit">{t("records.applyFilter")}</button>
      </form>
      <p role="status">{t("records.count", { count: list.total })}</p>
      {list.items.length > 0 && (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(`recordKinds.${spec.kind}.occurredOn`)}</th>
                <th scope="col">{spec.unitLevel === "scheme" ? t("fields.unit.subproject") : t(`fields.unit.${spec.unitLevel}`)}</th>
                {spec.clientBased && <th scope="col">{t("clients.ref")}</th>}
                <th scope="col">{t("clients.details")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <PersonalLink href={`/cases/records/${spec.slug}/${r.id}`}>
                      {day(format, r.occurredOn)}
                    </PersonalLink>
                  </td>
                  <td>{units.names[r.unitId] ?? EMPTY}</td>
                  {spec.clientBased && <td>{r.clientId ? <CaseLink id={r.clientId}>{r.clientRef}</CaseLink> : EMPTY}</td>}
                  <td>{summary(t, format, spec, r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 && (
        <nav aria-label={t("records.pages")} className="pager">
          {page > 1 && <Link href={href(page - 1)}>{t("records.previous")}</Link>}
          <span>{t("records.pageOf", { page, pages })}</span>
          {page < pages && <Link href={href(page + 1)}>{t("records.next")}</Link>}
        </nav>
      )}
    </section>
  );
}
