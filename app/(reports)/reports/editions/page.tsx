import Link from "next/link";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { listEditions } from "@/lib/editions/operations";
import { publishableQuarters } from "@/lib/editions/quarters";
import { serverI18n } from "@/lib/i18n/server";
import { listRegions } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { scopeOptions } from "../figures/_components/scopes";
import { dayText } from "../figures/_components/view";
import { PublishForm } from "./_components/PublishForm";
import { QuarterlyPublish } from "./_components/QuarterlyPublish";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("editions.title") };
}

export default async function EditionsPage() {
  const list = await load(listEditions);
  const actor = await currentActor();
  const { t, format, locale } = await serverI18n();
  const publisher = actor !== null && hasPermission(actor, "editions.publish");
  const quarters = publisher
    ? publishableQuarters().map((q) => ({
        title: t("editions.quarterTitle", { quarter: q.quarter, year: String(q.year) }),
        from: q.from,
        to: q.to,
        asOf: q.asOf,
        detail: t("editions.publish.quarterDetail", { from: dayText(format, q.from), to: dayText(format, q.to), asOf: dayText(format, q.asOf) }),
      }))
    : [];
  return (
    <section>
      <h1>{t("editions.title")}</h1>
      <p>{t("editions.intro")}</p>
      {list.length === 0 ? (
        <p>{t("editions.list.none")}</p>
      ) : (
        <TableScroll>
          <table>
            <caption>{t("editions.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("editions.list.title")}</th>
                <th scope="col">{t("editions.list.scope")}</th>
                <th scope="col">{t("editions.list.period")}</th>
                <th scope="col">{t("editions.list.asOf")}</th>
                <th scope="col">{t("editions.list.publishedAt")}</th>
                <th scope="col">{t("editions.list.publishedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/reports/editions/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{e.scope.level === "network" ? t("figures.scope.network") : e.scope.name}</td>
                  <td>
                    {dayText(format, e.period.from)} – {dayText(format, e.period.to)}
                  </td>
                  <td>{dayText(format, e.asOf)}</td>
                  <td>{dayText(format, e.publishedAt)}</td>
                  <td>{e.publishedBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {publisher && <QuarterlyPublish quarters={quarters} />}
      {publisher && <PublishForm scopes={scopeOptions(actor, await load(listRegions), t, locale)} />}
    </section>
  );
}
