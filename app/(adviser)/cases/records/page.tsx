import Link from "next/link";
import { redirect } from "next/navigation";
import { serverI18n } from "@/lib/i18n/server";
import { listMyUnits } from "@/lib/org/queries";
import { listRecordAdvisers } from "@/lib/records/advisers";
import { KINDS, kindBySlug, listSchema } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { listHref, validParams, type SearchParams } from "../_components/params";
import { PersonalLink } from "../_components/PersonalLink";
import { RECORD_FILTERS, RecordFilters } from "../_components/RecordFilters";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("records.title") };
}

export default async function RecordKindsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Advisers' page: the read of their own units is what admits them (and refuses everyone else).
  await load(listMyUnits);
  const search = await searchParams;
  // The filter form (RecordFilters) names the kind: its list takes the other filters.
  const kind = typeof search.kind === "string" ? kindBySlug(search.kind) : undefined;
  if (kind) redirect(listHref(`/cases/records/${kind.slug}`, validParams(listSchema, search, RECORD_FILTERS)));
  const [{ t }, advisers] = await Promise.all([serverI18n(), load(listRecordAdvisers)]);
  return (
    <section>
      <h1>{t("records.title")}</h1>
      <p>{t("records.intro")}</p>
      <RecordFilters t={t} spec={null} values={{}} advisers={advisers} />
      <TableScroll>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("records.kind")}</th>
              <th scope="col">{t("records.description")}</th>
              <th scope="col">{t("records.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map((k) => (
              <tr key={k.kind}>
                <th scope="row">
                  <Link href={`/cases/records/${k.slug}`}>{t(`recordKinds.${k.kind}.plural`)}</Link>
                </th>
                <td>{t(`recordKinds.${k.kind}.description`)}</td>
                <td>
                  <PersonalLink href={`/cases/records/${k.slug}/new`}>{t(`recordKinds.${k.kind}.new`)}</PersonalLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
