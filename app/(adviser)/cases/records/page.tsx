import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { listMyUnits } from "@/lib/org/queries";
import { KINDS } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { PersonalLink } from "../_components/PersonalLink";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("records.title") };
}

export default async function RecordKindsPage() {
  // Advisers' page: the read of their own units is what admits them (and refuses everyone else).
  await load(listMyUnits);
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("records.title")}</h1>
      <p>{t("records.intro")}</p>
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
