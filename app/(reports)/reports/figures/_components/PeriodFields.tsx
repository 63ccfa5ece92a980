"use client";
import { useState } from "react";

type PeriodField = "year" | "period" | "from" | "to";

export interface PeriodFieldsProps {
  labels: Record<PeriodField, string>;
  /** Said beside the custom period's days: below the network a period is whole months. */
  monthsHint: string;
  periods: { value: string; label: string }[];
  years: number[];
  values: Partial<Record<PeriodField, string>>;
  errors: Partial<Record<PeriodField, string>>;
}

/**
 * Year and period, and the first and last day of a custom period. Only the fields of the chosen
 * kind of period are enabled (a disabled field is not sent), so that a custom period's dates left
 * in the form never contradict a quarter chosen afterwards.
 */
export function PeriodFields({ labels, monthsHint, periods, years, values, errors }: PeriodFieldsProps) {
  const initial = periods.some((p) => p.value === values.period) ? values.period! : "year";
  const [period, setPeriod] = useState(initial);
  const custom = period === "custom";
  const invalid = (field: PeriodField) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `figures-${field}-error` } : {});
  const described = (field: "from" | "to") =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `figures-${field}-hint figures-${field}-error` } : { "aria-describedby": `figures-${field}-hint` };
  const error = (field: PeriodField) =>
    errors[field] ? (
      <span className="field-error" id={`figures-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  return (
    <>
      <div className="field">
        <label htmlFor="figures-year">{labels.year}</label>
        <select id="figures-year" name="year" defaultValue={values.year} disabled={custom} {...invalid("year")}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        {error("year")}
      </div>
      <div className="field">
        <label htmlFor="figures-period">{labels.period}</label>
        <select id="figures-period" name="period" value={period} onChange={(e) => setPeriod(e.target.value)} {...invalid("period")}>
          {periods.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        {error("period")}
      </div>
      {(["from", "to"] as const).map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`figures-${field}`}>{labels[field]}</label>
          <span className="hint" id={`figures-${field}-hint`}>
            {monthsHint}
          </span>
          <input id={`figures-${field}`} name={field} type="date" defaultValue={values[field]} disabled={!custom} required={custom} {...described(field)} />
          {error(field)}
        </div>
      ))}
    </>
  );
}
