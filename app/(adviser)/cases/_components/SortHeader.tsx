import Link from "next/link";
import type { ClientSort } from "@/lib/clients/schemas";
import type { T } from "./display";

/** Each sort's natural direction: newest contact, A–Z, most reminders first. */
const NATURAL: Record<ClientSort, "asc" | "desc"> = { recent: "desc", lastContact: "desc", ref: "asc", reminders: "desc" };

/**
 * A column heading that sorts the list by its column (a plain link, so it works without
 * JavaScript): first in the column's natural direction, again the other way round.
 */
export function SortHeader({
  t,
  column,
  label,
  sort,
  order,
  href,
}: {
  t: T;
  column: ClientSort;
  label: string;
  sort: ClientSort;
  order: string | undefined;
  href: (changes: Record<string, string | undefined>) => string;
}) {
  const active = sort === column;
  const current = active ? (order === "asc" || order === "desc" ? order : NATURAL[column]) : null;
  const next = current ? (current === "asc" ? "desc" : "asc") : NATURAL[column];
  return (
    <th scope="col" aria-sort={current === "asc" ? "ascending" : current === "desc" ? "descending" : undefined}>
      <Link className="sort-link" href={href({ sort: column, order: next === NATURAL[column] ? undefined : next, page: undefined })}>
        {label}
        {current && <span aria-hidden="true">{current === "asc" ? " ▲" : " ▼"}</span>}
        <span className="visually-hidden">
          {" "}
          ({t("cases.sortBy", { column: label })}, {t(next === "asc" ? "cases.ascending" : "cases.descending")})
        </span>
      </Link>
    </th>
  );
}
