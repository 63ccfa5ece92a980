import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { listUsers } from "@/lib/users/queries";
import { load } from "@/lib/server";
import { ListSearch } from "@/app/components/ListSearch";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("users.title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q: rawQ } = await searchParams;
  const q = typeof rawQ === "string" ? rawQ.trim().slice(0, 100) || undefined : undefined;
  const users = await load(listUsers, { q });
  const { t, format } = await serverI18n();
  return (
    <section>
      <h1>{t("users.title")}</h1>
      <p>
        <Link className="button" href="/admin/users/new">
          {t("users.new")}
        </Link>
      </p>
      <ListSearch
        action="/admin/users"
        id="user-search"
        label={t("users.search")}
        hint={t("users.searchHint")}
        q={q}
        count={users.length}
        all={t("users.count", { count: format.number(users.length) })}
      />
      {users.length > 0 && (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.region")}</th>
                <th scope="col">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{u.regionName ?? t("users.none")}</td>
                  <td>{u.active ? t("users.active") : t("users.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
