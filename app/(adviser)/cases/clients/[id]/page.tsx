import Link from "next/link";
import { cache } from "react";
import { getClient } from "@/lib/clients/queries";
import { countryName } from "@/lib/countries";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { myUnits, schemeOptions } from "../../_components/context";
import { CreateRecordForm } from "../../_components/CreateRecordForm";
import { day, EMPTY, erasureText, layoutOf, moment } from "../../_components/display";
import { kindSpec } from "@/lib/records/kinds";
import { AddReminderForm, CompleteReminder, WithdrawConsent } from "./CaseActions";
import { KnownElsewhere } from "./KnownElsewhere";
import { Timeline } from "./Timeline";
import { PersonalLink } from "../../_components/PersonalLink";

/**
 * The title and the page read the case once per request between them: each read of personal
 * data is an audit entry, and one view is one read. (React's cache lasts one request.)
 */
const loadCase = cache((id: string, deleted: boolean) => load(getClient, { id, deleted }));

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ deleted?: string | string[] }> };

/** `?deleted=1` shows the deleted records on the timeline too. */
const showDeleted = async (searchParams: Props["searchParams"]) => (await searchParams).deleted === "1";

export async function generateMetadata({ params, searchParams }: Props) {
  const { client } = await loadCase((await params).id, await showDeleted(searchParams));
  return { title: client.ref };
}

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v || EMPTY}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function ClientPage({ params, searchParams }: Props) {
  const withDeleted = await showDeleted(searchParams);
  const { client, occupation, consents, activeConsent, timeline, schemes, reminders, erasures, knownElsewhere } = await loadCase((await params).id, withDeleted);
  const { t, format, locale } = await serverI18n();
  const units = await myUnits(t);
  const schemeChoices = await schemeOptions((d) => day(format, d));
  const today = todayInBerlin();
  const label = (field: string, v: string | null) => (v ? t(`values.${field}.${v}`) : EMPTY);
  const fixedClient = { id: client.id, ref: client.ref, fullName: client.fullName };
  const contactPoint = units.contactPoints.some((u) => u.value === client.contactPointId) ? client.contactPointId : units.contactPoints[0]?.value;
  const hadInitial = timeline.some((r) => r.kind === "advice_session" && r.stage === "initial" && !r.deletedAt);
  const personal = [client.fullName, client.phone, client.email, client.notes].some(Boolean);
  const openReminders = reminders.filter((r) => !r.doneAt);

  return (
    <section>
      <p>
        <Link href="/cases">{t("home.adviserTitle")}</Link>
      </p>
      <h1>{t("clients.title", { ref: client.ref })}</h1>
      <p className="actions">
        <PersonalLink className="button secondary" href={`/cases/clients/${client.id}/edit`}>
          {t("clients.edit")}
        </PersonalLink>
        {/* A plain link: the route answers with the file (Content-Disposition), no script needed. */}
        <a className="button secondary" href={`/api/v1/clients/${client.id}/export`} download aria-describedby="client-export-hint">
          {t("clients.export")}
        </a>
      </p>
      <p id="client-export-hint" className="hint">
        {t("clients.exportHint")}
      </p>

      <KnownElsewhere clientId={client.id} places={knownElsewhere} />

      <div className="grid-2">
        <div>
          <h2>{t("clients.statistics")}</h2>
          <Facts
            rows={[
              [t("clients.contactPoint"), units.names[client.contactPointId] ?? EMPTY],
              [t("clients.gender"), label("gender", client.gender)],
              [t("clients.birthYear"), client.birthYear ? String(client.birthYear) : ""],
              [t("clients.qualificationCountry"), countryName(client.qualificationCountry, locale)],
              [t("clients.citizenship"), countryName(client.citizenship, locale)],
              [t("clients.residenceStatus"), label("residenceStatus", client.residenceStatus)],
              [t("clients.inGermanySince"), client.inGermanySince ? String(client.inGermanySince) : ""],
              [t("clients.germanLevel"), label("germanLevel", client.germanLevel)],
              [t("clients.qualificationLevel"), label("qualificationLevel", client.qualificationLevel)],
              [t("clients.occupation"), occupation ? (locale === "de" ? occupation.nameDe : occupation.nameEn) : ""],
              [t("clients.regulatedProfession"), client.regulatedProfession === null ? "" : t(client.regulatedProfession ? "values.yes" : "values.no")],
            ]}
          />
          {personal && (
            <>
              <h2>{t("clients.personal")}</h2>
              <Facts
                rows={[
                  [t("clients.fullName"), client.fullName ?? ""],
                  [t("clients.phone"), client.phone ?? ""],
                  [t("clients.email"), client.email ?? ""],
                  [t("clients.notes"), client.notes ?? ""],
                ]}
              />
            </>
          )}
          <h2>{t("clients.consents")}</h2>
          {consents.length === 0 ? (
            <p>{t("clients.noConsent")}</p>
          ) : (
            <ul className="plain-list">
              {consents.map((c) => (
                <li key={c.id}>
                  {t("clients.consentLine", { date: day(format, c.givenOn), purpose: locale === "de" ? c.purposeDe : c.purposeEn, version: c.textVersion })}{" "}
                  {c.withdrawnAt ? (
                    // Ended by nobody: the retention job ended it, no person withdrew it.
                    <span className="badge">{t(c.withdrawnBy ? "clients.withdrawnOn" : "clients.endedByRetention", { date: moment(format, c.withdrawnAt) })}</span>
                  ) : (
                    <span className="badge ok">{t("clients.active")}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {activeConsent && <WithdrawConsent clientId={client.id} />}
          {erasures.length > 0 && (
            <>
              <h3>{t("clients.erasures")}</h3>
              <ul className="plain-list">
                {erasures.map((e) => (
                  <li key={e.id}>{erasureText(t, format, e)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <CreateRecordForm
          spec={layoutOf(kindSpec("advice_session"))}
          idPrefix="quick-advice"
          title={t("clients.logAdvice")}
          stay
          context={{ units: units.contactPoints, fixedClient }}
          defaults={{ occurredOn: today, unitId: contactPoint, clientId: client.id, stage: hadInitial ? "follow_up" : "initial", channel: "in_person" }}
        />
      </div>

      <h2>{t("clients.timeline")}</h2>
      <p className="actions">
        {withDeleted && <span className="hint">{t("clients.showingDeleted")}</span>}
        {/* A plain link (works without JavaScript); the case is read once more, as a person asked for it. */}
        <PersonalLink href={withDeleted ? `/cases/clients/${client.id}` : `/cases/clients/${client.id}?deleted=1`} className="toggle-link">
          {t(withDeleted ? "clients.hideDeleted" : "clients.showDeleted")}
        </PersonalLink>
      </p>
      <Timeline t={t} format={format} records={timeline} schemes={schemes} />

      <div className="grid-2 spaced">
        <details className="panel">
          <summary>{t("clients.logFairIntegration")}</summary>
          <CreateRecordForm
            spec={layoutOf(kindSpec("fair_integration_session"))}
            idPrefix="quick-fi"
            title={t("clients.logFairIntegration")}
            stay
            context={{ units: units.contactPoints, fixedClient }}
            defaults={{ occurredOn: today, unitId: contactPoint, clientId: client.id, channel: "in_person" }}
          />
        </details>
        <details className="panel">
          <summary>{t("clients.enrol")}</summary>
          <CreateRecordForm
            spec={layoutOf(kindSpec("enrolment"))}
            idPrefix="quick-enrol"
            title={t("clients.enrol")}
            stay
            context={{ units: [], schemes: schemeChoices, fixedClient }}
            defaults={{ occurredOn: today, clientId: client.id, outcome: "ongoing" }}
          />
        </details>
      </div>

      <h2>{t("clients.reminders")}</h2>
      <div className="grid-2">
        <div>
          {openReminders.length === 0 ? (
            <p>{t("clients.noReminders")}</p>
          ) : (
            <ul className="plain-list">
              {openReminders.map((r) => (
                <li key={r.id}>
                  <span className="date">{day(format, r.dueOn)}</span> {r.note} <CompleteReminder id={r.id} note={r.note} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <AddReminderForm clientId={client.id} defaultDue={today} consentInForce={Boolean(activeConsent)} />
      </div>
    </section>
  );
}
