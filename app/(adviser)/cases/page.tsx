import Link from "next/link";
import { dueReminders, searchClients } from "@/lib/clients/queries";
import { searchClientsSchema, type ClientSort } from "@/lib/clients/schemas";
import { serverI18n } from "@/lib/i18n/server";
import { listMyUnits } from "@/lib/org/queries";
import { KINDS } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { CaseLink } from "./_components/CaseLink";
import { day } from "./_components/display";
import { PersonalLink } from "./_components/PersonalLink";
import { listHref, validParams, type SearchParams } from "./_components/params";
import { SortHeader } from "./_components/SortHeader";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("home.adviserTitle") };
}

const FILTERS = ["q", "contactPointId", "reminders", "lastContactFrom", "lastContactTo"] as const;
const PAGE_SIZE = 25;

export default async function AdviserHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const filters = validParams(searchClientsSchema, raw, FILTERS);
  const order = validParams(searchClientsSchema, raw, ["sort", "order", "page"]);
  // The page's own default: the longest without contact last, the newest cases (no contact yet) first.
  const sort = (order.sort ?? "lastContact") as ClientSort;
  const page = Number(order.page ?? "1");
  const [units, reminders, found] = await Promise.all([
    load(listMyUnits),
    load(dueReminders),
    load(searchClients, { ...filters, sort, order: order.order, page, pageSize: PAGE_SIZE }),
  ]);
  const { t, format } = await serverI18n();
  const today = todayInBerlin();
  const contactPoints = units.filter((u) => u.level === "contact_point");
  const unitNames = Object.fromEntries(contactPoints.map((u) => [u.id, u.name]));
  const filtered = Object.keys(filters).length > 0;
  const pages = Math.max(1, Math.ceil(found.total / found.pageSize));
  const here = (changes: Record<string, string | undefined>) => listHref("/cases", { ...filters, sort: order.sort, order: order.order, ...changes });
  return (
    <section>
      <h1>{t("home.adviserTitle")}</h1>
      {units.length === 0 ? (
        <p>{t("home.noUnits")}</p>
      ) : (
        <>
          <p className="actions">
            <Link className="button" href="/cases/clients/new">
              {t("cases.newClient")}
            </Link>
            <Link className="button secondary" href="/cases/records">
              {t("cases.allRecords")}
            </Link>
            <Link className="button secondary" href="/cases/import">
              {t("import.title")}
            </Link>
          </p>

          <section aria-labelledby="list-title">
            <h2 id="list-title">{t("cases.listTitle")}</h2>
            <form role="search" method="get" action="/cases" className="filters list-filters" aria-label={t("cases.filterTitle")}>
              <div className="field">
                <label htmlFor="client-q">{t("cases.searchLabel")}</label>
                <input id="client-q" name="q" type="search" defaultValue={filters.q ?? ""} />
              </div>
              {contactPoints.length > 1 && (
                <div className="field">
                  <label htmlFor="client-contactPointId">{t("cases.contactPoint")}</label>
                  <select id="client-contactPointId" name="contactPointId" defaultValue={filters.contactPointId ?? ""}>
                    <option value="">{t("cases.allContactPoints")}</option>
                    {contactPoints.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor="client-reminders">{t("cases.reminderFilter")}</label>
                <select id="client-reminders" name="reminders" defaultValue={filters.reminders ?? ""}>
                  <option value="">{t("cases.anyReminders")}</option>
                  <option value="open">{t("cases.withOpenReminders")}</option>
                  <option value="overdue">{t("cases.withOverdueReminders")}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="client-lastContactFrom">{t("cases.lastContactFrom")}</label>
                <input id="client-lastContactFrom" name="lastContactFrom" type="date" defaultValue={filters.lastContactFrom ?? ""} />
              </div>
              <div className="field">
                <label htmlFor="client-lastContactTo">{t("cases.lastContactTo")}</label>
                <input id="client-lastContactTo" name="lastContactTo" type="date" defaultValue={filters.lastContactTo ?? ""} />
              </div>
              {/* The order chosen in the table's headings stays when the filters change. */}
              {order.sort && <input type="hidden" name="sort" value={order.sort} />}
              {order.order && <input type="hidden" name="order" value={order.order} />}
              <div className="filter-actions">
                <button type="submit">{t("cases.applyFilter")}</button>
                {filtered && (
                  <Link className="button secondary" href={here(Object.fromEntries(FILTERS.map((f) => [f, undefined])))}>
                    {t("cases.clearFilter")}
                  </Link>
                )}
              </div>
            </form>
            <p className="muted" role="status">
              {t("cases.listCount", { count: found.total })}
            </p>
            {found.total === 0 && !filtered && (
              <div className="empty-state">
                <p>{t("cases.emptyNew")}</p>
                <p>
                  <Link className="button" href="/cases/clients/new">
                    {t("cases.newClient")}
                  </Link>
                </p>
              </div>
            )}
            {found.total === 0 && filtered && (
              <div className="empty-state">
                <p>{t("cases.emptyFiltered")}</p>
                <p>
                  {t("cases.emptyFilteredHint")}{" "}
                  <Link className="button secondary" href={here(Object.fromEntries(FILTERS.map((f) => [f, undefined])))}>
                    {t("cases.clearFilter")}
                  </Link>
                </p>
              </div>
            )}
            {found.items.length > 0 && (
              <TableScroll>
                <table className="case-list">
                  <thead>
                    <tr>
                      <SortHeader t={t} column="ref" label={t("clients.ref")} sort={sort} order={order.order} href={here} />
                      <th scope="col">{t("clients.fullName")}</th>
                      {contactPoints.length > 1 && <th scope="col">{t("cases.contactPoint")}</th>}
                      <SortHeader t={t} column="lastContact" label={t("clients.lastContact")} sort={sort} order={order.order} href={here} />
                      <SortHeader t={t} column="reminders" label={t("cases.openReminders")} sort={sort} order={order.order} href={here} />
                    </tr>
                  </thead>
                  <tbody>
                    {found.items.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <CaseLink id={c.id}>{c.ref}</CaseLink>
                        </td>
                        <td>{c.fullName ?? ""}</td>
                        {contactPoints.length > 1 && <td>{unitNames[c.contactPointId] ?? ""}</td>}
                        <td>{c.lastContact ? day(format, c.lastContact) : <span className="muted">{t("cases.noContactYet")}</span>}</td>
                        <td>
                          {c.openReminders > 0 ? t("cases.remindersCell", { open: c.openReminders }) : "0"}
                          {c.overdueReminders > 0 && (
                            <>
                              {" "}
                              <span className="badge">{t("cases.overdueCount", { count: c.overdueReminders })}</span>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {pages > 1 && (
              <nav aria-label={t("records.pages")} className="pager">
                {found.page > 1 && <Link href={here({ page: String(found.page - 1) })}>{t("records.previous")}</Link>}
                <span>{t("records.pageOf", { page: found.page, pages })}</span>
                {found.page < pages && <Link href={here({ page: String(found.page + 1) })}>{t("records.next")}</Link>}
              </nav>
            )}
          </section>

          <div className="grid-2 spaced">
          <section aria-labelledby="reminders-title">
              <h2 id="reminders-title">{t("cases.remindersTitle")}</h2>
              {reminders.length === 0 ? (
                <p>{t("cases.noReminders")}</p>
              ) : (
                <ul className="plain-list">
                  {reminders.map((r) => (
                    <li key={r.id} className={r.dueOn <= today ? "due" : undefined}>
                      <span className="date">{day(format, r.dueOn)}</span>
                      {r.dueOn < today && <span className="badge">{t("cases.overdue")}</span>}{" "}
                      <CaseLink id={r.clientId}>{r.clientRef}</CaseLink>: {r.note}
                    </li>
                  ))}
                </ul>
              )}
            </section>

          <section aria-labelledby="log-title">
            <h2 id="log-title">{t("cases.logTitle")}</h2>
            <ul className="button-list">
              {KINDS.map((k) => (
                <li key={k.kind}>
                  <PersonalLink className="button secondary" href={`/cases/records/${k.slug}/new`}>
                    {t(`recordKinds.${k.kind}.new`)}
                  </PersonalLink>
                </li>
              ))}
            </ul>
          </section>
          </div>

          <section aria-labelledby="units-title">
            <h2 id="units-title">{t("cases.myContactPoints")}</h2>
            <TableScroll>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("org.name")}</th>
                    <th scope="col">{t("org.kind")}</th>
                    <th scope="col">{t("org.town")}</th>
                  </tr>
                </thead>
                <tbody>
                  {contactPoints.map((u) => (
                    <tr key={u.id}>
                      <td>{u.name}</td>
                      <td>{u.contactPointKind ? t(`kinds.${u.contactPointKind}`) : t(`levels.${u.level}`)}</td>
                      <td>{u.town ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </section>
  );
}
