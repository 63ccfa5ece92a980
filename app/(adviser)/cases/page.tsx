import Link from "next/link";
import { dueReminders, searchClients } from "@/lib/clients/queries";
import { serverI18n } from "@/lib/i18n/server";
import { listMyUnits } from "@/lib/org/queries";
import { KINDS } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { CaseLink } from "./_components/CaseLink";
import { day } from "./_components/display";
import { PersonalLink } from "./_components/PersonalLink";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("home.adviserTitle") };
}

export default async function AdviserHome({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q;
  const q = ((Array.isArray(raw) ? raw[0] : raw) ?? "").trim().slice(0, 200);
  const [units, reminders, found] = await Promise.all([load(listMyUnits), load(dueReminders), load(searchClients, { q: q || undefined, pageSize: 20 })]);
  const { t, format } = await serverI18n();
  const today = todayInBerlin();
  const contactPoints = units.filter((u) => u.level === "contact_point");
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
          </p>

          <div className="grid-2">
            <section aria-labelledby="search-title">
              <h2 id="search-title">{t("cases.searchTitle")}</h2>
              <form role="search" method="get" action="/cases" className="inline-form">
                <label htmlFor="client-q">{t("cases.searchLabel")}</label>
                <input id="client-q" name="q" type="search" defaultValue={q} />
                <button type="submit">{t("cases.searchSubmit")}</button>
              </form>
              <p className="muted" role="status">
                {q ? t("cases.searchResults", { count: found.total, q }) : t("cases.recentClients")}
              </p>
              {found.items.length > 0 && (
                <TableScroll>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t("clients.ref")}</th>
                        <th scope="col">{t("clients.fullName")}</th>
                        <th scope="col">{t("clients.lastContact")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {found.items.map((c) => (
                        <tr key={c.id}>
                          <td>
                            <CaseLink id={c.id}>{c.ref}</CaseLink>
                          </td>
                          <td>{c.fullName ?? ""}</td>
                          <td>{day(format, c.lastContact)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </section>

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
          </div>

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
