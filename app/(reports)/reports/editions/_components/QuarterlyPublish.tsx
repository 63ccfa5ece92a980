"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { publishEditionAction } from "@/app/actions/editions";

export interface QuarterOffer {
  title: string;
  from: string;
  to: string;
  asOf: string;
  /** The period and reference date as people read them. */
  detail: string;
}

/** One click per quarter: the quarter's period, the reference date 7 days after its end, a title in the user's language. */
export function QuarterlyPublish({ quarters }: { quarters: QuarterOffer[] }) {
  const t = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const publish = async ({ title, from, to, asOf }: QuarterOffer) => {
    setBusy(title);
    setError(null);
    try {
      const result = await publishEditionAction({ title, from, to, asOf });
      if (result.ok) {
        router.push(`/reports/editions/${result.value.id}`);
        return;
      }
      setError(result.error.kind === "validation" ? Object.values(result.error.fieldErrors).flat().join(" ") : t("errors.unexpected"));
    } catch {
      setError(t("errors.network"));
    }
    setBusy(null);
  };
  return (
    <section aria-labelledby="quarterly-title">
      <h2 id="quarterly-title">{t("editions.publish.quarterly")}</h2>
      <p>{t("editions.publish.quarterlyIntro")}</p>
      <ul className="plain">
        {quarters.map((q) => (
          <li key={q.from}>
            <button type="button" className="secondary" disabled={busy !== null} onClick={() => publish(q)}>
              {busy === q.title ? t("editions.publish.publishing") : t("editions.publish.quarter", { title: q.title })}
            </button>{" "}
            <span>{q.detail}</span>
          </li>
        ))}
      </ul>
      <p className={error ? "form-error" : "notice"} role="status" aria-live="polite">
        {error ?? ""}
      </p>
    </section>
  );
}
