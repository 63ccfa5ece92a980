import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";

/**
 * A list's search box: a plain GET form (`?q=`), so that it works without JavaScript and a
 * search can be bookmarked; the list's operation filters on the server. Other filters of the
 * page (`keep`) travel along. The count line is a status, so a screen reader hears the result:
 * with a search, how many were found for it; without one, the page's own line (`all`).
 */
export async function ListSearch({
  action,
  id,
  label,
  hint,
  q,
  keep = {},
  count,
  all,
  testId,
}: {
  action: string;
  id: string;
  label: string;
  hint: string;
  q: string | undefined;
  keep?: Record<string, string | undefined>;
  count: number;
  all: string;
  testId?: string;
}) {
  const { t } = await serverI18n();
  const kept = Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1]));
  return (
    <>
      <form role="search" method="get" action={action} className="inline-form list-search">
        <label htmlFor={id}>{label}</label>
        <input id={id} name="q" type="search" defaultValue={q ?? ""} maxLength={100} aria-describedby={`${id}-hint`} />
        {kept.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit">{t("search.submit")}</button>
        {q && (
          <Link className="button secondary" href={kept.length ? `${action}?${new URLSearchParams(kept)}` : action}>
            {t("search.clear")}
          </Link>
        )}
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      </form>
      <p role="status" data-testid={testId}>
        {q ? t("search.found", { count, q }) : all}
      </p>
    </>
  );
}
