import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { recentRefusals, REFUSAL_DAYS_SHOWN, searchAudit } from "@/lib/audit-search";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { TableScroll } from "@/app/components/TableScroll";
import { auditDetails, bySystem } from "./details";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("audit.title") };
}

type Search = Record<string, string | undefined>;

/** Only the filters actually filled in, so that an empty field is no filter (not an invalid one). */
function filters(params: Search): Search {
  return Object.fromEntries(
    ["action", "actorId", "subjectId", "outcome", "from", "to", "page"].filter((k) => params[k]?.trim()).map((k) => [k, params[k]!.trim()]),
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=/admin/audit");
  if (!hasPermission(actor, "audit.view")) forbidden();
  const query = filters(await searchParams);
  const [result, refusals] = await Promise.all([load(searchAudit, query), load(recentRefusals)]);
  const { t, format } = await serverI18n();
  const next = new URLSearchParams({ ...query, page: String(result.page + 1) });
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <form method="get" className="filters" aria-label={t("audit.filter")}>
        {(["action", "actorId", "subjectId"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`audit-${name}`}>{t(`audit.${name}`)}</label>
            <input id={`audit-${name}`} name={name} defaultValue={query[name] ?? ""} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="audit-outcome">{t("audit.outcome")}</label>
          <select id="audit-outcome" name="outcome" defaultValue={query.outcome ?? ""}>
            <option value="">{t("audit.any")}</option>
            <option value="ok">{t("audit.ok")}</option>
            <option value="denied">{t("audit.denied")}</option>
          </select>
        </div>
        {(["from", "to"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`audit-${name}`}>{t(`audit.${name}`)}</label>
            <input id={`audit-${name}`} name={name} type="date" defaultValue={query[name] ?? ""} />
          </div>
        ))}
        <button type="submit">{t("audit.search")}</button>
      </form>
      {result.items.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.outcome")}</th>
                <th scope="col">{t("audit.subjectId")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
                <tr key={e.id}>
                  <td>{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td>{e.actorId ? `${e.actorId.slice(0, 8)} (${e.actorRole})` : t(bySystem(e) ? "audit.system" : "audit.nobody")}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.outcome === "ok" ? t("audit.ok") : `${t("audit.denied")}${e.details?.reason ? ` (${String(e.details.reason)})` : ""}`}</td>
                  <td>{e.subjectId ? <code>{e.subjectId}</code> : ""}</td>
                  <td>{auditDetails(t, format, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {result.hasMore && <Link href={`/admin/audit?${next}`}>{t("audit.more")}</Link>}
      <h2>{t("audit.refusalsTitle")}</h2>
      <p>{t("audit.refusalsIntro", { days: REFUSAL_DAYS_SHOWN })}</p>
      {refusals.length === 0 ? (
        <p>{t("audit.refusalsNone")}</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.day")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.reason")}</th>
                <th scope="col" className="num">{t("audit.count")}</th>
              </tr>
            </thead>
            <tbody>
              {refusals.map((r) => (
                <tr key={`${r.day} ${r.action} ${r.reason}`}>
                  <td>{format.dateTime(new Date(`${r.day}T12:00:00Z`), { dateStyle: "short" })}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.reason}</td>
                  <td className="num">{format.number(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
