import type { KnownElsewhere as Place } from "@/lib/clients/duplicates";
import { serverI18n } from "@/lib/i18n/server";
import { LinkPerson, UnlinkPerson } from "./CaseActions";

/**
 * Duplicate hints: the other contact points where a client with the same name and birth year,
 * or one linked with this one, is registered. Names the contact point, nothing of the client there.
 */
export async function KnownElsewhere({ clientId, places }: { clientId: string; places: Place[] }) {
  if (places.length === 0) return null;
  const { t, locale } = await serverI18n();
  return (
    <section className="panel" aria-labelledby="known-elsewhere-title">
      <h2 id="known-elsewhere-title">{t("clients.elsewhere")}</h2>
      <p className="hint">{t("clients.elsewhereHint")}</p>
      <ul className="plain-list">
        {places.map((p) => {
          const contactPoint = locale === "en" && p.nameEn ? p.nameEn : p.name;
          return (
            <li key={p.contactPointId}>
              {p.linked > 0 && (
                <span>
                  {t("clients.elsewhereLinked", { contactPoint })} <UnlinkPerson clientId={clientId} contactPointId={p.contactPointId} contactPoint={contactPoint} />
                </span>
              )}
              {p.matches > p.linked && (
                <span>
                  {t("clients.elsewhereSuspected", { contactPoint })} <LinkPerson clientId={clientId} contactPointId={p.contactPointId} contactPoint={contactPoint} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
