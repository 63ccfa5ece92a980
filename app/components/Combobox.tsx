"use client";
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";

export interface ComboboxOption {
  id: string;
  /** What the option is called (read first). */
  label: string;
  /** What tells it apart: level, place, region (shown and read after the label, searched too). */
  detail?: string;
  /** Further words it is found by, not shown. */
  keywords?: string;
}

/** Lower case, without accents ("Köln" is found by "koln" too), ß as ss. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ß/g, "ss");
}

/** The options holding every typed word, in their given order. */
export function matchOptions(options: ComboboxOption[], query: string): ComboboxOption[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return options;
  return options.filter((o) => {
    const text = fold(`${o.label} ${o.detail ?? ""} ${o.keywords ?? ""}`);
    return words.every((w) => text.includes(w));
  });
}

/**
 * A multiple choice among many options (hundreds of units) as a searchable combobox, after the
 * WAI-ARIA 1.2 combobox pattern with a listbox popup: a text input (role combobox) whose typed
 * words narrow the listbox; Arrow Down / Up move through it (aria-activedescendant, so the focus
 * stays in the input), Enter or a click chooses or unchooses an option and keeps the list open
 * for the next one, Escape closes the list (a second Escape empties the input). The chosen options
 * are listed below, each with a button to remove it. A status line says how many options match
 * and what was just chosen. The options are given whole (filtered here); `id` is the input's, for
 * the field's label.
 */
export function MultiCombobox({
  id,
  label,
  options,
  value,
  onChange,
  describedBy,
  invalid,
  maxShown = 50,
}: {
  id: string;
  /** The listbox's and the chosen list's name (usually the field's label). */
  label: string;
  options: ComboboxOption[];
  value: string[];
  onChange: (ids: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
  maxShown?: number;
}) {
  const t = useTranslations("combobox");
  const base = useId();
  const listId = `${base}-list`;
  const statusId = `${base}-status`;
  const optionId = (index: number) => `${base}-option-${index}`;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");

  const matches = useMemo(() => matchOptions(options, query), [options, query]);
  const shown = matches.slice(0, maxShown);
  const expanded = open && shown.length > 0;
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const chosen = value.map((v) => byId.get(v)).filter((o): o is ComboboxOption => Boolean(o));

  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
    // optionId depends only on the stable base id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, expanded]);

  const toggle = (option: ComboboxOption) => {
    const selected = value.includes(option.id);
    onChange(selected ? value.filter((v) => v !== option.id) : [...value, option.id]);
    setAnnouncement(t(selected ? "removed" : "added", { name: option.label }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => Math.min(a + 1, shown.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(shown.length - 1);
        } else setActive((a) => Math.max(a - 1, 0));
        break;
      case "Enter":
        // Enter in the list chooses; it must not submit the form.
        if (expanded && active >= 0 && shown[active]) {
          event.preventDefault();
          toggle(shown[active]);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          setQuery("");
        }
        break;
    }
  };

  const status =
    announcement ||
    (!open ? "" : matches.length === 0 ? t("noMatches") : matches.length > shown.length ? t("more", { shown: shown.length, count: matches.length }) : t("matches", { count: matches.length }));

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(" ")}
        aria-invalid={invalid || undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
          setAnnouncement("");
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul id={listId} role="listbox" aria-multiselectable="true" aria-label={label} className="combobox-list" hidden={!expanded}>
        {shown.map((o, i) => {
          const selected = value.includes(o.id);
          return (
            <li
              key={o.id}
              id={optionId(i)}
              role="option"
              aria-selected={selected}
              className={i === active ? "active" : undefined}
              // Keeps the focus in the input, so the list stays open for the next choice.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setActive(i);
                toggle(o);
              }}
            >
              <span className="combobox-check" aria-hidden="true">
                {selected ? "✓" : ""}
              </span>
              <span>
                {o.label}
                {o.detail && <span className="muted"> · {o.detail}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      <span id={statusId} className="hint" role="status">
        {status}
      </span>
      <div className="combobox-chosen">
        <p className="muted">{chosen.length ? t("selected", { count: chosen.length }) : t("noneSelected")}</p>
        {chosen.length > 0 && (
          <ul aria-label={label}>
            {chosen.map((o) => (
              <li key={o.id}>
                <span>
                  {o.label}
                  {o.detail && <span className="muted"> · {o.detail}</span>}
                </span>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t("remove", { name: o.label })}
                  onClick={() => {
                    toggle(o);
                    document.getElementById(id)?.focus();
                  }}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
