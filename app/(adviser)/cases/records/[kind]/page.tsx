import Link from "next/link";
import { notFound } from "next/navigation";
import { serverI18n } from "@/lib/i18n/server";
import { listRecordAdvisers } from "@/lib/records/advisers";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { kindBySlug, listSchema } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { id as uuid, isoDate } from "@/lib/validation";
import { myUnits } from "../../_components/context";
import { CaseLink } from "../../_components/CaseLink";
import { day, summary, EMPTY } from "../../_components/display";
import { listHref, validParams, type SearchParams } from "../../_components/params";
import { PersonalLink } from "../../_components/PersonalLink";
import { RECORD_FILTERS, RecordFilters } from "../../_components/RecordFilters";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const spec = kindBySlug((await params).kind);
  const { t } = await serverI18n();
  return { title: spec ? t(`recordKinds.${spec.kind}.plural`) : t("status.notFoundTitle") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function RecordListPage({ params, searchParams }: { params: Promise<{ kind: string }>; searchParams: Promise<SearchParams> }) {
  const spec = kindBySlug((await params).kind);
  if (!spec) notFound();
  const search = await searchParams;
  // Only well-formed filters reach the query; anything else is ignored rather than answered with an error page.
  const filters = validParams(listSchema, search, spec.clientBased ? RECORD_FILTERS : RECORD_FILTERS.filter((f) => f !== "clientRef"));
  const page = Number(validParams(listSchema, search, ["page"]).page ?? "1");
  // After a deletion (DeleteRecord): what was deleted, and the case it belonged to.
  const deletedOn = isoDate.safeParse(first(search.deleted)).data;
  const deletedCase = uuid.safeParse(first(search.deletedCase)).data;
  const { t, format } = await serverI18n();
  const [list, units, advisers] = await Promise.all([load(RECORD_OPERATIONS[spec.kind].list, { ...filters, page, pageSize: 50 }), myUnits(t), load(listRecordAdvisers)]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const href = (p: number) => listHref(`/cases/records/${spec.slug}`, { ...filters, page: String(p) });
  const filtered = Object.keys(filters).length > 0;

  return (
    <section>
      <p>
        <Link href="/cases/records">{t("records.title")}</Link>
      </p>
      <h1>{t(`recordKinds.${spec.kind}.plural`)}</h1>
      {deletedOn && (
        <div className="notice-box" role="status">
          <p>{t("records.deletedNotice", { kind: t(`recordKinds.${spec.kind}.name`), date: day(format, deletedOn) })}</p>
          {deletedCase && (
            <p>
              <PersonalLink href={`/cases/clients/${deletedCase}?deleted=1`}>{t("records.deletedInCase")}</PersonalLink>
            </p>
          )}
        </div>
      )}
      <p className="actions">
        <PersonalLink className="button" href={`/cases/records/${spec.slug}/new`}>
          {t(`recordKinds.${spec.kind}.new`)}
        </PersonalLink>
      </p>
      <RecordFilters t={t} spec={spec} values={filters} advisers={advisers} />
      <p role="status">{t("records.count", { count: list.total })}</p>
      {list.total === 0 && (
        <p className="empty-state">{filtered ? t("records.emptyFiltered") : t("records.emptyNone", { new: t(`recordKinds.${spec.kind}.new`) })}</p>
      )}
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
                    <PersonalLink href={`/cases/records/${spec.slug}/${r.id}`}>{day(format, r.occurredOn)}</PersonalLink>
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
