"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useTranslations } from "use-intl";
import { searchClientsAction } from "@/app/actions/cases";
import { findReferences, referenceOf, rememberReference } from "@/app/components/offline/references";
import { clientLabel, type ClientOption } from "./display";

export type { ClientOption };

/** Choices per answer: enough to scan, few enough to read out; typing more narrows the rest. */
const SHOWN = 20;

/**
 * The client of a record: a combobox (WAI-ARIA 1.2, editable, list autocomplete) that asks the
 * server as one types (clients.search through a server action: the adviser's own contact points
 * only, and each search is one entry in the audit trail, as any read of personal data). Nothing
 * is asked before a person types or opens the list, so a page load or prefetch reads no client.
 * The chosen client's id goes into the form's `clientId`.
 */
export function ClientPicker({ form, idPrefix, initial, offlineUserId }: { form: UseFormReturn<any, any, any>; idPrefix: string; initial: ClientOption[]; offlineUserId?: string }) {
  const t = useTranslations("records");
  const inputId = `${idPrefix}-clientId`;
  const listId = `${inputId}-listbox`;
  const hintId = `${inputId}-hint`;
  const statusId = `${inputId}-status`;
  const optionPrefix = `${useId().replace(/:/g, "")}-option`;

  /** Every client seen so far, by id: the chosen one is named from here. */
  const [known, setKnown] = useState<Record<string, ClientOption>>(() => Object.fromEntries(initial.map((c) => [c.id, c])));
  const chosenId = (form.watch("clientId") as string | undefined) ?? "";
  const chosen = chosenId ? known[chosenId] : undefined;
  /** What the person typed; null while the box shows the chosen client. */
  const [typed, setTyped] = useState<string | null>(null);
  const [options, setOptions] = useState<ClientOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // A record opened from the offline queue names its client by id only: name it by its reference.
  useEffect(() => {
    if (!offlineUserId || !chosenId || known[chosenId]) return;
    referenceOf(offlineUserId, chosenId)
      .then((c) => c && setKnown((k) => ({ ...k, [c.id]: { ...c, fullName: null } })))
      .catch(() => undefined);
  }, [offlineUserId, chosenId, known]);

  const text = typed ?? (chosen ? clientLabel(chosen) : "");
  const error = (form.formState.errors.clientId as { message?: string } | undefined)?.message;

  const show = (found: ClientOption[], status: string) => {
    setKnown((k) => ({ ...k, ...Object.fromEntries(found.map((c) => [c.id, c])) }));
    setOptions(found);
    setOpen(found.length > 0);
    setActive(-1);
    setStatus(status);
  };

  // Offline, a field form offers the references of clients chosen on this device (offline/references.ts).
  const searchOffline = async (query: string, ticket: number) => {
    const found = (await findReferences(offlineUserId!, query)).slice(0, SHOWN).map((c) => ({ ...c, fullName: null }));
    if (ticket === latest.current) show(found, t("offlineClients", { count: found.length }));
  };

  // Nothing waits for the search: it reports its own failure (searchFailed) in the status line.
  const search = async (query: string) => {
    const ticket = ++latest.current;
    setStatus(t("searching"));
    if (offlineUserId && !navigator.onLine) return searchOffline(query, ticket).catch(() => setStatus(t("searchFailed")));
    try {
      const result = await searchClientsAction({ q: query || undefined, sort: query ? "ref" : "recent", pageSize: SHOWN });
      if (ticket !== latest.current) return;
      if (!result.ok) {
        setStatus(t("searchFailed"));
        return;
      }
      const found = result.value.items.map((c) => ({ id: c.id, ref: c.ref, fullName: c.fullName }));
      const total = result.value.total;
      show(found, total > found.length ? t("clientsShown", { shown: found.length, total }) : t("clientsFound", { count: found.length }));
    } catch {
      if (ticket !== latest.current) return;
      if (offlineUserId) await searchOffline(query, ticket).catch(() => setStatus(t("searchFailed")));
      else setStatus(t("searchFailed"));
    }
  };

  const change = (value: string) => {
    setTyped(value);
    // A changed text is no choice any more: the form must not keep a client nobody sees.
    if (chosenId) form.setValue("clientId", "", { shouldDirty: true });
    clearTimeout(timer.current);
    if (!value.trim()) {
      latest.current++;
      setOptions([]);
      setOpen(false);
      setStatus("");
      return;
    }
    timer.current = setTimeout(() => void search(value.trim()), 250);
  };

  const choose = (client: ClientOption) => {
    form.setValue("clientId", client.id, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    setTyped(null);
    setOpen(false);
    setActive(-1);
    setStatus(t("clientChosen", { client: clientLabel(client) }));
    if (offlineUserId) rememberReference(offlineUserId, client).catch(() => undefined);
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open || options.length === 0) {
          // Opening an empty box lists the most recently changed cases.
          if (options.length === 0) void search((typed ?? "").trim());
          else setOpen(true);
          return;
        }
        if (event.altKey) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        const next = active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length;
        setActive(next);
        document.getElementById(`${optionPrefix}-${next}`)?.scrollIntoView({ block: "nearest" });
        return;
      }
      case "Enter":
        if (open && active >= 0) {
          // Takes the highlighted client; the form is not sent.
          event.preventDefault();
          choose(options[active]);
        }
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (typed !== null) {
          event.preventDefault();
          change("");
        }
        return;
      case "Tab":
        setOpen(false);
        return;
    }
  };

  const listed = open && options.length > 0;
  return (
    <div className="field combobox">
      <label htmlFor={inputId}>{t("client")}</label>
      <span className="hint" id={hintId}>
        {t("clientPickerHint")}
      </span>
      <input type="hidden" {...form.register("clientId")} />
      <div className="combobox-box">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={listed}
          aria-controls={listId}
          aria-activedescendant={listed && active >= 0 ? `${optionPrefix}-${active}` : undefined}
          aria-describedby={`${hintId} ${statusId} ${inputId}-error`}
          aria-invalid={Boolean(error)}
          autoComplete="off"
          spellCheck={false}
          placeholder={t("chooseClient")}
          value={text}
          onChange={(e) => change(e.target.value)}
          onKeyDown={keyDown}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label={t("client")} className="combobox-list" hidden={!listed}>
          {listed &&
            options.map((c, i) => (
              <li
                key={c.id}
                id={`${optionPrefix}-${i}`}
                role="option"
                aria-selected={i === active}
                className={c.id === chosenId ? "chosen" : undefined}
                // Keeps the focus in the box, so that the list does not close before the click lands.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(c)}
              >
                {clientLabel(c)}
              </li>
            ))}
        </ul>
      </div>
      <span className="hint" id={statusId} role="status">
        {status}
      </span>
      <span className="field-error" id={`${inputId}-error`} aria-live="polite">
        {error ?? ""}
      </span>
    </div>
  );
}
