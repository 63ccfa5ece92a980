"use client";
import { useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useTranslations } from "use-intl";
import { searchClientsAction } from "@/app/actions/cases";
import { clientLabel, type ClientOption } from "./display";
import { SelectInput } from "./widgets";

export type { ClientOption };

/** A client select whose choices a search box narrows (reference or name), asked of the server as one types. */
export function ClientPicker({ form, idPrefix, initial }: { form: UseFormReturn<any, any, any>; idPrefix: string; initial: ClientOption[] }) {
  const t = useTranslations("records");
  const [options, setOptions] = useState(initial);
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const latest = useRef(0);

  // An emptied search box shows the first choices again; an answer still on its way is dropped.
  const changeQuery = (value: string) => {
    setQuery(value);
    if (value.trim()) return;
    latest.current++;
    setOptions(initial);
    setStatus("");
  };

  useEffect(() => {
    if (!query.trim()) return;
    const ticket = ++latest.current;
    // Nothing waits for the search: it reports its own failure (searchFailed) in the status line.
    const search = async () => {
      try {
        const result = await searchClientsAction({ q: query.trim(), pageSize: 50 });
        if (ticket !== latest.current || !result.ok) return;
        // Keep the chosen client among the choices, whatever the search finds.
        const chosen = form.getValues("clientId");
        const keep = [...initial, ...options].find((c) => c.id === chosen);
        const found = result.value.items;
        setOptions(keep && !found.some((c) => c.id === keep.id) ? [keep, ...found] : found);
        setStatus(t("clientsFound", { count: found.length }));
      } catch {
        setStatus(t("searchFailed"));
      }
    };
    const timer = setTimeout(() => void search(), 250);
    return () => clearTimeout(timer);
    // Searches when the query changes; form, initial and options are read when the answer comes
    // (listing options would start a new search after every answer).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  return (
    <div className="client-picker">
      <div className="field">
        <label htmlFor={`${idPrefix}-client-search`}>{t("clientSearch")}</label>
        <input id={`${idPrefix}-client-search`} type="search" value={query} onChange={(e) => changeQuery(e.target.value)} aria-describedby={`${idPrefix}-client-status`} />
        <span className="hint" id={`${idPrefix}-client-status`} role="status">
          {status}
        </span>
      </div>
      <SelectInput
        form={form}
        id={`${idPrefix}-clientId`}
        name="clientId"
        label={t("client")}
        placeholder={t("chooseClient")}
        options={options.map((c) => ({ value: c.id, label: clientLabel(c) }))}
      />
    </div>
  );
}
