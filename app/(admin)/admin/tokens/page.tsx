import Link from "next/link";
import { listTokens } from "@/lib/api/tokens";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { listUsers } from "@/lib/users/queries";
import { CreateTokenForm, RevokeButton } from "./TokenForms";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("tokens.title") };
}

export default async function TokensPage() {
  const [tokens, users] = [await load(listTokens), await load(listUsers)];
  const { t, format } = await serverI18n();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : t("tokens.never"));
  return (
    <section>
      <h1>{t("tokens.title")}</h1>
      <p>{t("tokens.intro")}</p>
      <p>
        <Link href="/api-docs">{t("tokens.docsLink")}</Link>
      </p>
      <CreateTokenForm users={users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, email: u.email }))} />
      <h2>{t("tokens.list")}</h2>
      {tokens.length === 0 ? (
        <p>{t("tokens.empty")}</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("tokens.name")}</th>
                <th scope="col">{t("tokens.user")}</th>
                <th scope="col">{t("tokens.created")}</th>
                <th scope="col">{t("tokens.lastUsed")}</th>
                <th scope="col">{t("tokens.status")}</th>
                <th scope="col">{t("tokens.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    {token.userName} <span className="muted">({token.userEmail})</span>
                  </td>
                  <td>{when(token.createdAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>{token.revokedAt ? t("tokens.revokedOn", { date: when(token.revokedAt) }) : t("tokens.active")}</td>
                  <td>{!token.revokedAt && <RevokeButton id={token.id} name={token.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
