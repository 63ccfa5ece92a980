import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { auditActionLabel, OTHER_AUDIT_ACTIONS, refusalReasonLabel } from "@/lib/audit-labels";
import { recentRefusals, REFUSAL_DAYS_SHOWN, searchAudit } from "@/lib/audit-search";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { serverI18n } from "@/lib/i18n/server";
import { OPERATIONS } from "@/lib/operation-catalogue";
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
    ["action", "actorId", "user", "subjectId", "outcome", "from", "to", "page"].filter((k) => params[k]?.trim()).map((k) => [k, params[k]!.trim()]),
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=/admin/audit");
  if (!hasPermission(actor, "audit.view")) forbidden();
  const query = filters(await searchParams);
  const [result, refusals] = await Promise.all([load(searchAudit, query), load(recentRefusals)]);
  const { t, format, locale } = await serverI18n();
  const label = (action: string) => auditActionLabel(locale, action);
  const collator = new Intl.Collator(locale);
  const actions = [...OPERATIONS.map((o) => o.name), ...OTHER_AUDIT_ACTIONS].map((code) => ({ code, label: label(code) })).sort((a, b) => collator.compare(a.label, b.label));
  // An action typed into the address (a prefix such as "records.") stays selectable.
  if (query.action && !actions.some((a) => a.code === query.action)) actions.unshift({ code: query.action, label: query.action });
  const next = new URLSearchParams({ ...query, page: String(result.page + 1) });
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <form method="get" className="filters" aria-label={t("audit.filter")}>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("audit.any")}</option>
            {actions.map((a) => (
              <option key={a.code} value={a.code}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-user">{t("audit.user")}</label>
          <input id="audit-user" name="user" defaultValue={query.user ?? ""} aria-describedby="audit-user-hint" />
          <span id="audit-user-hint" className="hint">
            {t("audit.userHint")}
          </span>
        </div>
        <div className="field">
          <label htmlFor="audit-subjectId">{t("audit.subjectId")}</label>
          <input id="audit-subjectId" name="subjectId" defaultValue={query.subjectId ?? ""} />
        </div>
        {query.actorId && <input type="hidden" name="actorId" value={query.actorId} />}
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
      {query.actorId && (
        <p>
          {t("audit.onlyUser", { name: result.items[0]?.actorName ?? query.actorId })}{" "}
          <Link href={`/admin/audit?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[0] !== "actorId" && e[0] !== "page" && e[1] !== undefined))}`}>{t("audit.allUsers")}</Link>
        </p>
      )}
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
                  <td>
                    {e.actorId ? (
                      <>
                        <Link href={`/admin/audit?${new URLSearchParams({ actorId: e.actorId })}`}>{e.actorName ?? e.actorId}</Link>
                        {e.actorRole && <span className="muted"> ({t(`roles.${e.actorRole}`)})</span>}
                      </>
                    ) : (
                      t(bySystem(e) ? "audit.system" : "audit.nobody")
                    )}
                  </td>
                  <td>
                    {label(e.action)}
                    <br />
                    <code className="muted">{e.action}</code>
                  </td>
                  <td>{e.outcome === "ok" ? t("audit.ok") : `${t("audit.denied")}${e.details?.reason ? ` (${refusalReasonLabel(locale, e.details.reason)})` : ""}`}</td>
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
                    {label(r.action)}
                    <br />
                    <code className="muted">{r.action}</code>
                  </td>
                  <td>{refusalReasonLabel(locale, r.reason)}</td>
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
