/**
 * What the benchmark measures: sequential HTTP requests against the running app, and a
 * straightforward recount of the same figures from the raw tables, which must agree exactly.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashToken } from "@/lib/api/tokens";
import { FIGURE_ORDER, percent } from "@/lib/figures/definitions";

export interface Timings {
  p50: number;
  p95: number;
  n: number;
}

/** Nearest-rank percentile of durations in milliseconds. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const summarise = (values: number[]): Timings => ({ p50: percentile(values, 50), p95: percentile(values, 95), n: values.length });

/** A network coordinator and a fresh API token for them, written as the admin page would (only the hash is kept). */
export async function issueToken(client: pg.Client): Promise<string> {
  const email = "bench-network@lotse.example";
  const { rows } = await client.query(
    `insert into users (email, name, role, password_hash) values ($1, 'Bench Network Coordinator', 'network_coordinator', '!')
     on conflict (email) do update set active = true, role = 'network_coordinator' returning id`,
    [email],
  );
  const userId = rows[0].id as string;
  await client.query(`delete from api_tokens where user_id = $1`, [userId]);
  const token = `lotse_${randomBytes(32).toString("base64url")}`;
  await client.query(`insert into api_tokens (user_id, name, token_hash, created_by) values ($1, 'bench', $2, $1)`, [userId, hashToken(token)]);
  return token;
}

/** Sequential GETs: `warmup` unmeasured, then `n` timed from sending to the last byte of the body. */
export async function timeRequests(url: string, headers: Record<string, string>, n: number, warmup: number): Promise<{ timings: number[]; last: unknown }> {
  const timings: number[] = [];
  let last: unknown;
  for (let i = 0; i < warmup + n; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
    if (i >= warmup) timings.push(ms);
    if (i === warmup + n - 1) last = JSON.parse(body);
  }
  return { timings, last };
}

type Figures = Record<string, unknown>;

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/*
 * Records as they stood at a reference date R (the start of the day after `asOf` in
 * Europe/Berlin, or now), read from the records table alone: a record existed at R if it was
 * created before R and not deleted before R. The table keeps only a record's latest version, so
 * its state at R is known when it was not changed after R: never updated (version 1), last
 * updated before R, or deleted after R with no other change (version 2). A record that existed at
 * R but was changed after it has an unknown state at R: every figure drawn from its kind is then
 * left unchecked at R (and named), never guessed. $3 is the asOf date (null: now).
 */
const AT = `(case when $3::date is null then now() else ($3::date + 1)::timestamp at time zone 'Europe/Berlin' end)`;
const ASOF_DAY = `coalesce($3::date, (now() at time zone 'Europe/Berlin')::date)`;
const EXISTED = (x: string) => `${x}.created_at < ${AT} and (${x}.deleted_at is null or ${x}.deleted_at >= ${AT})`;
const KNOWN = (x: string) => `(${x}.version = 1 or (${x}.deleted_at is null and ${x}.updated_at < ${AT}) or (${x}.deleted_at is not null and ${x}.version = 2))`;
const LIVE = (x: string) => `${EXISTED(x)} and ${KNOWN(x)}`;

/** What a recount groups by: nothing (the report), the regional network, or the month a record occurred in. */
export type RecountGroup = "" | "region" | "month";

const GROUP_SQL: Record<RecountGroup, { expr: string; join: string; where: string }> = {
  "": { expr: `''`, join: "", where: "true" },
  region: { expr: `u.region_id::text`, join: "join org_units u on u.id = x.unit_id", where: "u.region_id is not null" },
  month: { expr: `to_char(x.occurred_on, 'YYYY-MM')`, join: "", where: "true" },
};

/** Distinct people: per region, each once in every region they came to; per month, once in the month of their first record of the period. */
async function people(client: pg.Client, from: string, to: string, asOf: string | null, group: RecountGroup, filter: string): Promise<Map<string, number>> {
  const g = GROUP_SQL[group];
  const sqlText =
    group === "month"
      ? `select to_char(first, 'YYYY-MM') as g, count(*) as n from (
           select x.client_id, min(x.occurred_on) as first from records x
           where ${LIVE("x")} and x.occurred_on between $1 and $2 and ${filter} group by x.client_id) p group by 1`
      : `select ${g.expr} as g, count(distinct x.client_id) as n from records x ${g.join}
         where ${LIVE("x")} and ${g.where} and x.occurred_on between $1 and $2 and ${filter} group by 1`;
  const { rows } = await client.query(sqlText, [from, to, asOf]);
  return new Map((rows as { g: string; n: string }[]).map((r) => [r.g, Number(r.n)]));
}

/** The count figures of figures.md per group, from the records as they stood at the reference date. */
export async function recountCounts(client: pg.Client, from: string, to: string, asOf: string | null, group: RecountGroup): Promise<Map<string, Figures>> {
  const g = GROUP_SQL[group];
  const { rows } = await client.query(
    `select ${g.expr} as g,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial') as initial,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'recognition') as recognition,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'recognition_and_job_training') as recognition_and_job_training,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'job_training') as job_training,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'follow_up') as follow_up,
        count(*) filter (where kind = 'fair_integration_session') as fi_sessions,
        count(*) filter (where kind = 'fair_integration_event') as fi_events,
        coalesce(sum((data->>'participants')::int) filter (where kind = 'fair_integration_event'), 0) as fi_participants,
        count(*) filter (where kind = 'job_training_scheme' and data->>'format' = 'course') as courses,
        count(*) filter (where kind = 'job_training_scheme' and data->>'format' = 'individual') as individual,
        count(*) filter (where kind = 'enrolment') as enrolments,
        count(*) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'labour_market' and data->>'activityType' = 'training') as lm_trainings,
        coalesce(sum((data->>'participants')::int) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'labour_market' and data->>'activityType' = 'training'), 0) as lm_training_participants,
        count(*) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'labour_market' and data->>'activityType' = 'event') as lm_events,
        coalesce(sum((data->>'participants')::int) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'labour_market' and data->>'activityType' = 'event'), 0) as lm_event_participants,
        count(*) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'labour_market' and data->>'activityType' = 'consultation') as lm_consultations,
        count(*) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'business' and data->>'activityType' = 'training') as b_trainings,
        coalesce(sum((data->>'participants')::int) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'business' and data->>'activityType' = 'training'), 0) as b_training_participants,
        count(*) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'business' and data->>'activityType' = 'event') as b_events,
        coalesce(sum((data->>'participants')::int) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'business' and data->>'activityType' = 'event'), 0) as b_event_participants,
        count(*) filter (where kind = 'intercultural_activity' and data->>'targetGroup' = 'business' and data->>'activityType' = 'consultation') as b_consultations,
        coalesce(sum((data->>'peopleReached')::int) filter (where kind = 'skilled_worker_activity'), 0) as people_reached
      from records x ${g.join}
      where ${LIVE("x")} and ${g.where} and x.occurred_on between $1 and $2
      ${group ? "group by 1" : "" /* ungrouped: one row even when nothing counts */}`,
    [from, to, asOf],
  );
  const fiPeople = await people(client, from, to, asOf, group, `x.kind = 'fair_integration_session'`);
  const completers = await people(client, from, to, asOf, group, `x.kind = 'enrolment' and x.data->>'outcome' = 'successful' and (x.data->>'outcomeOn')::date <= ${ASOF_DAY}`);
  const out = new Map<string, Figures>();
  for (const row of rows as Record<string, string>[]) {
    const m = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    const schemes = m.courses + m.individual;
    out.set(row.g, {
      "advice.initialSessions": m.initial,
      "advice.initialByType.recognition": m.recognition,
      "advice.initialByType.recognitionAndJobTraining": m.recognition_and_job_training,
      "advice.initialByType.jobTraining": m.job_training,
      "advice.followUpSessions": m.follow_up,
      "fairIntegration.individualsAdvised": fiPeople.get(row.g) ?? 0,
      "fairIntegration.adviceSessions": m.fi_sessions,
      "fairIntegration.groupEvents": m.fi_events,
      "fairIntegration.groupEventParticipants": m.fi_participants,
      "jobTraining.schemesStarted": schemes,
      "jobTraining.schemesByFormat.course": m.courses,
      "jobTraining.schemesByFormat.individual": m.individual,
      "jobTraining.participantsCommencing": m.enrolments,
      "jobTraining.successfulCompleters": completers.get(row.g) ?? 0,
      "jobTraining.shareByFormat.course": percent(m.courses, schemes),
      "jobTraining.shareByFormat.individual": percent(m.individual, schemes),
      "interculturalOpening.labourMarket.trainings": m.lm_trainings,
      "interculturalOpening.labourMarket.trainingParticipants": m.lm_training_participants,
      "interculturalOpening.labourMarket.events": m.lm_events,
      "interculturalOpening.labourMarket.eventParticipants": m.lm_event_participants,
      "interculturalOpening.labourMarket.trainingEventsTotal": m.lm_trainings + m.lm_events,
      "interculturalOpening.labourMarket.individualsTotal": m.lm_training_participants + m.lm_event_participants,
      "interculturalOpening.labourMarket.consultations": m.lm_consultations,
      "interculturalOpening.business.trainings": m.b_trainings,
      "interculturalOpening.business.trainingParticipants": m.b_training_participants,
      "interculturalOpening.business.events": m.b_events,
      "interculturalOpening.business.eventParticipants": m.b_event_participants,
      "interculturalOpening.business.trainingEventsTotal": m.b_trainings + m.b_events,
      "interculturalOpening.business.individualsTotal": m.b_training_participants + m.b_event_participants,
      "interculturalOpening.business.consultations": m.b_consultations,
      "skilledWorkerNetworks.peopleReached": m.people_reached,
    });
  }
  return out;
}

/**
 * The figures of figures.md for one period as of a reference date (null: now), counted from the
 * records as they stood then (see above) and the clients, the org tree and the target, as
 * anyone would write it without the ledger.
 */
export async function recount(client: pg.Client, from: string, to: string, asOf: string | null = null): Promise<Figures> {
  const counts = (await recountCounts(client, from, to, asOf, "")).get("") ?? {};
  const occupations = (
    await client.query(
      `select o.id, o.name_en, count(*) as n
       from records x join clients c on c.id = x.client_id join occupations o on o.id = c.occupation_id
       where ${LIVE("x")} and x.kind = 'advice_session' and x.data->>'stage' = 'initial' and x.occurred_on between $1 and $2
       group by o.id, o.name_en`,
      [from, to, asOf],
    )
  ).rows as { id: string; name_en: string; n: string }[];
  const top = occupations
    .map((o) => ({ id: o.id, name: o.name_en, count: Number(o.n) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en"))
    .slice(0, 5);

  const [org] = (
    await client.query(
      `select count(*) filter (where level = 'contact_point') as total,
              count(*) filter (where level = 'contact_point' and contact_point_kind = 'permanent') as permanent,
              count(*) filter (where level = 'contact_point' and contact_point_kind = 'mobile') as mobile,
              count(*) filter (where level = 'region') as regions,
              count(*) filter (where level = 'subproject') as subprojects
       from org_units where active_from <= $1 and (active_until is null or active_until >= $1)`,
      [to],
    )
  ).rows as Record<string, string>[];

  const [target] = (await client.query(`select from_on::text, to_on::text, value from targets where key = 'initialSessions'`)).rows as { from_on: string; to_on: string; value: number }[];
  let targets: unknown = null;
  if (target && to >= target.from_on) {
    const until = to < target.to_on ? to : target.to_on;
    const [{ n }] = (
      await client.query(
        `select count(*) as n from records x
         where ${LIVE("x")} and x.kind = 'advice_session' and x.data->>'stage' = 'initial' and x.occurred_on between $1 and $2`,
        [target.from_on, until, asOf],
      )
    ).rows as { n: string }[];
    const reached = Number(n);
    targets = {
      target: target.value,
      from: target.from_on,
      to: target.to_on,
      reached,
      shareReached: oneDecimal((100 * reached) / target.value),
      shareElapsed: oneDecimal(Math.min(100, (100 * days(target.from_on, until)) / days(target.from_on, target.to_on))),
    };
  }

  return {
    ...counts,
    "advice.topOccupations": top,
    "contactPoints.total": Number(org.total),
    "contactPoints.permanent": Number(org.permanent),
    "contactPoints.mobile": Number(org.mobile),
    "organisation.regionalNetworks": Number(org.regions),
    "organisation.subprojects": Number(org.subprojects),
    "targets.initialSessions": targets,
  };
}

/** The record kinds each figure is drawn from (the org tree's figures: none). */
function kindsOf(key: string): string[] {
  if (key.startsWith("advice.") || key === "targets.initialSessions") return ["advice_session"];
  if (key.startsWith("fairIntegration.")) return key.includes("groupEvent") ? ["fair_integration_event"] : ["fair_integration_session"];
  if (key === "jobTraining.participantsCommencing" || key === "jobTraining.successfulCompleters") return ["enrolment"];
  if (key.startsWith("jobTraining.")) return ["job_training_scheme"];
  if (key.startsWith("interculturalOpening.")) return ["intercultural_activity"];
  if (key.startsWith("skilledWorkerNetworks.")) return ["skilled_worker_activity"];
  return [];
}

export interface Uncheckable {
  why: string;
  /** Records whose state at the reference date is unknown. */
  records: number;
  /**
   * Whether the figure counts records or people, so that each such record adds 0 or 1 to it:
   * then the true value lies between the recount without them and that plus their number.
   */
  bounded: boolean;
}

const BOUNDED = /^(advice\.(initialSessions|initialByType\..*|followUpSessions)|fairIntegration\.(individualsAdvised|adviceSessions|groupEvents)|jobTraining\.(schemesStarted|schemesByFormat\..*|participantsCommencing|successfulCompleters)|interculturalOpening\.\w+\.(trainings|events|trainingEventsTotal|consultations))$/;

/** The keys of `unchecked` whose endpoint value lies outside what the recount bounds (see Uncheckable). */
export function outsideBounds(endpoint: Figures, counted: Figures, unchecked: Map<string, Uncheckable>): string[] {
  const problems: string[] = [];
  for (const [key, u] of unchecked) {
    if (!u.bounded) continue;
    const [value, known] = [endpoint[key], counted[key]];
    if (typeof value !== "number" || typeof known !== "number" || value < known || value > known + u.records)
      problems.push(`${key}: endpoint ${JSON.stringify(value)}, recount without the ${u.records} changed records ${JSON.stringify(known)} (must lie between it and ${typeof known === "number" ? known + u.records : "?"})`);
  }
  return problems;
}

/**
 * The figures a recount as of `asOf` cannot check, each with why: records of its kinds that
 * existed at the reference date and were changed after it (their state then is not in the
 * table), or, for the top occupations, clients corrected after it. Not timed: the recount's
 * own cost is what the bench compares with.
 */
export async function uncheckable(client: pg.Client, from: string, to: string, asOf: string | null, keys: string[]): Promise<Map<string, Uncheckable>> {
  const [target] = (await client.query(`select from_on::text, to_on::text from targets where key = 'initialSessions'`)).rows as { from_on: string; to_on: string }[];
  const lo = target && target.from_on < from ? target.from_on : from;
  const { rows } = await client.query(
    `select x.kind::text, count(*) filter (where x.occurred_on between $1 and $2) as in_period, count(*) as n from records x
     where ${EXISTED("x")} and not ${KNOWN("x")} and x.occurred_on between $4 and $2 group by 1`,
    [from, to, asOf, lo],
  );
  const changed = new Map((rows as { kind: string; in_period: string; n: string }[]).map((r) => [r.kind, { inPeriod: Number(r.in_period), n: Number(r.n) }]));
  const [{ clients }] = (
    await client.query(
      `select count(distinct c.id) as clients from records x join clients c on c.id = x.client_id
       where ${LIVE("x")} and x.kind = 'advice_session' and x.occurred_on between $1 and $2 and c.version > 1 and c.updated_at >= ${AT}`,
      [from, to, asOf],
    )
  ).rows as { clients: string }[];
  const out = new Map<string, Uncheckable>();
  for (const key of keys) {
    const reasons: string[] = [];
    let records = 0;
    for (const kind of kindsOf(key)) {
      const c = changed.get(kind);
      const n = key === "targets.initialSessions" ? c?.n : c?.inPeriod;
      if (n) reasons.push(`${n} ${kind} records changed after the reference date`);
      records += n ?? 0;
    }
    if (key === "advice.topOccupations" && Number(clients)) reasons.push(`${clients} clients corrected after the reference date`);
    if (reasons.length) out.set(key, { why: reasons.join(", "), records, bounded: BOUNDED.test(key) });
  }
  return out;
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Every key of docs/figures.md where the endpoint and the recount differ (top occupations by id and count, in order); `skip`: keys not checked. */
export function differences(endpoint: Figures, counted: Figures, skip: ReadonlySet<string> = new Set(), keyList: readonly string[] = FIGURE_ORDER): string[] {
  const problems: string[] = [];
  const keys = new Set([...keyList, ...Object.keys(endpoint), ...Object.keys(counted)]);
  for (const key of keys) {
    if (skip.has(key)) continue;
    if (!(key in counted)) problems.push(`${key}: not recounted`);
    else if (!(key in endpoint)) problems.push(`${key}: missing from the endpoint`);
    else {
      const normal = (v: unknown) => canonical(key === "advice.topOccupations" ? (v as { id: string; count: number }[]).map((o) => [o.id, o.count]) : v);
      const a = normal(endpoint[key]);
      const b = normal(counted[key]);
      if (a !== b) problems.push(`${key}: endpoint ${a}, recount ${b}`);
    }
  }
  return problems;
}
