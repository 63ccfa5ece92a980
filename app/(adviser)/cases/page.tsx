import { serverI18n } from "@/lib/i18n/server";
import { listMyUnits } from "@/lib/org/queries";
import { load } from "@/lib/server";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("home.adviserTitle") };
}

export default async function AdviserHome() {
  const units = await load(listMyUnits);
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("home.adviserTitle")}</h1>
      {units.length === 0 ? (
        <p>{t("home.noUnits")}</p>
      ) : (
        <>
          <p>{t("home.adviserIntro")}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("org.name")}</th>
                <th scope="col">{t("org.level")}</th>
                <th scope="col">{t("org.town")}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td>{u.level === "contact_point" && u.contactPointKind ? t(`kinds.${u.contactPointKind}`) : t(`levels.${u.level}`)}</td>
                  <td>{u.town ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
