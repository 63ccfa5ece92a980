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

/**
 * The figures of docs/figures.md for one period, counted from the current records (not deleted)
 * and clients, the org tree and the target, as anyone would write it without the ledger.
 */
export async function recount(client: pg.Client, from: string, to: string): Promise<Figures> {
  const [main] = (
    await client.query(
      `select
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial') as initial,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'recognition') as recognition,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'recognition_and_job_training') as recognition_and_job_training,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'job_training') as job_training,
        count(*) filter (where kind = 'advice_session' and data->>'stage' = 'follow_up') as follow_up,
        count(distinct client_id) filter (where kind = 'fair_integration_session') as fi_people,
        count(*) filter (where kind = 'fair_integration_session') as fi_sessions,
        count(*) filter (where kind = 'fair_integration_event') as fi_events,
        coalesce(sum((data->>'participants')::int) filter (where kind = 'fair_integration_event'), 0) as fi_participants,
        count(*) filter (where kind = 'job_training_scheme' and data->>'format' = 'course') as courses,
        count(*) filter (where kind = 'job_training_scheme' and data->>'format' = 'individual') as individual,
        count(*) filter (where kind = 'enrolment') as enrolments,
        count(distinct client_id) filter (where kind = 'enrolment' and data->>'outcome' = 'successful'
          and (data->>'outcomeOn')::date <= (now() at time zone 'Europe/Berlin')::date) as completers,
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
      from records
      where deleted_at is null and occurred_on between $1 and $2`,
      [from, to],
    )
  ).rows as Record<string, string>[];
  const m = Object.fromEntries(Object.entries(main).map(([k, v]) => [k, Number(v)]));

  const occupations = (
    await client.query(
      `select o.id, o.name_en, count(*) as n
       from records r join clients c on c.id = r.client_id join occupations o on o.id = c.occupation_id
       where r.deleted_at is null and r.kind = 'advice_session' and r.data->>'stage' = 'initial' and r.occurred_on between $1 and $2
       group by o.id, o.name_en`,
      [from, to],
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
        `select count(*) as n from records
         where deleted_at is null and kind = 'advice_session' and data->>'stage' = 'initial' and occurred_on between $1 and $2`,
        [target.from_on, until],
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

  const schemes = m.courses + m.individual;
  return {
    "advice.initialSessions": m.initial,
    "advice.initialByType.recognition": m.recognition,
    "advice.initialByType.recognitionAndJobTraining": m.recognition_and_job_training,
    "advice.initialByType.jobTraining": m.job_training,
    "advice.followUpSessions": m.follow_up,
    "advice.topOccupations": top,
    "contactPoints.total": Number(org.total),
    "contactPoints.permanent": Number(org.permanent),
    "contactPoints.mobile": Number(org.mobile),
    "fairIntegration.individualsAdvised": m.fi_people,
    "fairIntegration.adviceSessions": m.fi_sessions,
    "fairIntegration.groupEvents": m.fi_events,
    "fairIntegration.groupEventParticipants": m.fi_participants,
    "jobTraining.schemesStarted": schemes,
    "jobTraining.schemesByFormat.course": m.courses,
    "jobTraining.schemesByFormat.individual": m.individual,
    "jobTraining.participantsCommencing": m.enrolments,
    "jobTraining.successfulCompleters": m.completers,
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
    "organisation.regionalNetworks": Number(org.regions),
    "organisation.subprojects": Number(org.subprojects),
    "targets.initialSessions": targets,
  };
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Every key of docs/figures.md where the endpoint and the recount differ (top occupations by id and count, in order). */
export function differences(endpoint: Figures, counted: Figures): string[] {
  const problems: string[] = [];
  const keys = new Set([...FIGURE_ORDER, ...Object.keys(endpoint), ...Object.keys(counted)]);
  for (const key of keys) {
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
