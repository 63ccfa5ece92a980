// Over 300 lines: one concept, the seeded demo network, checked on one copy of it (seeding is the cost; one test shares it).
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { closeConnection, openConnection, type Db, type Tx } from "@/db/client";
import { actAsOwner } from "@/db/row-security";
import { orgUnits, users } from "@/db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/lib/demo/demo";
import { verifyPassword } from "@/lib/auth/password";
import { buildReport, type FiguresReport, type TopOccupation } from "@/lib/figures/report";
import { activeOn } from "@/lib/org/queries";
import { REGIONS } from "@/lib/demo/org-tree-2019";
import { statisticalShape } from "@/lib/clients/schemas";
import { KINDS } from "@/lib/records/kinds";
import { isoDate } from "@/lib/validation";
import { demoCopy } from "../helpers/demo-database";
import published from "../fixtures/figures-2019.json";
import { differences } from "../recount/compare";
import { occupationCounts, recount, type Figures, type RecountQuery } from "../recount/figures";

/**
 * The published 2019 figures (tests/fixtures/figures-2019.json, see docs/reporting.md): every one the records determine.
 * Contact points, organisation and targets come from the org tree (checkOrgTreeAndAccounts below).
 */
const PUBLISHED: Record<string, number> = {
  "advice.initialSessions": 53284,
  "advice.initialByType.recognition": 33050,
  "advice.initialByType.recognitionAndJobTraining": 14661,
  "advice.initialByType.jobTraining": 5573,
  "fairIntegration.individualsAdvised": 3507,
  "fairIntegration.groupEvents": 358,
  "fairIntegration.groupEventParticipants": 5020,
  "jobTraining.schemesStarted": 1979,
  "jobTraining.schemesByFormat.course": 210,
  "jobTraining.schemesByFormat.individual": 1769,
  "jobTraining.shareByFormat.course": 11,
  "jobTraining.shareByFormat.individual": 89,
  "jobTraining.participantsCommencing": 4710,
  "jobTraining.successfulCompleters": 1853,
  "interculturalOpening.labourMarket.trainings": 669,
  "interculturalOpening.labourMarket.trainingParticipants": 8336,
  "interculturalOpening.labourMarket.events": 300,
  "interculturalOpening.labourMarket.eventParticipants": 6245,
  "interculturalOpening.labourMarket.trainingEventsTotal": 969,
  "interculturalOpening.labourMarket.individualsTotal": 14581,
  "interculturalOpening.labourMarket.consultations": 1214,
  "interculturalOpening.business.trainings": 112,
  "interculturalOpening.business.trainingParticipants": 1449,
  "interculturalOpening.business.events": 112,
  "interculturalOpening.business.eventParticipants": 2539,
  "interculturalOpening.business.trainingEventsTotal": 224,
  "interculturalOpening.business.individualsTotal": 3988,
  "interculturalOpening.business.consultations": 1763,
  "skilledWorkerNetworks.peopleReached": 2300,
};
const TOP_OCCUPATIONS = ["Healthcare assistant", "Doctor", "Engineer", "Teacher", "Social education worker / social worker"];

/** Reference dates: the end of the day in Europe/Berlin, i.e. strictly before the next day's midnight there. */
const endOf = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'Europe/Berlin')`;
const AS_OF = endOf("2020-01-07");

/** Units of the seeded demo tree (the copy holds nothing else, so all of them, but said explicitly). */
const DEMO_UNITS = sql`(
  select u.id from org_units u join org_units r on r.id = u.region_id
  where r.level = 'region'
    and r.code in ${REGIONS.map((r) => r.code)}
    and r.name in ${REGIONS.map((r) => r.nameDe)}
)`;

async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return (await tx.execute(query)).rows as T[];
}

/**
 * Runs `body` on a copy of the demo network, seeded once for the run's database kind
 * (tests/helpers/demo-database.ts, the same copy the end-to-end server starts from): a database
 * that holds the demo and nothing else.
 */
async function onDemoCopy(body: (tx: Tx) => Promise<void>): Promise<void> {
  const copy = await demoCopy("demo_check");
  const connection = await openConnection(copy.settings);
  try {
    await connection.db.transaction(async (tx) => {
      await actAsOwner(tx);
      // seedDemo opens a nested transaction (a savepoint) on the one it is given. The copy was
      // seeded by it (the template is refused unless the seed ran), so a second call finds it done.
      expect(await seedDemo(tx as unknown as Db)).toBe(false);
      await body(tx);
    });
  } finally {
    await closeConnection(connection);
    await copy.drop();
  }
}

/** The 2019 org tree (16 regions, 380 subprojects, 174 contact points) and one working account per role. */
async function checkOrgTreeAndAccounts(tx: Tx): Promise<void> {
  const [network] = await tx.select().from(orgUnits).where(eq(orgUnits.level, "network"));
  const regions = await tx.select().from(orgUnits).where(eq(orgUnits.level, "region"));
  expect(regions.map((r) => r.code).sort()).toEqual(REGIONS.map((r) => r.code).sort());
  expect(regions).toHaveLength(16);
  const count = async (where: ReturnType<typeof and>) => (await tx.select({ n: sql<number>`count(*)::int` }).from(orgUnits).where(where))[0].n;
  const onLastDay = activeOn("2019-12-31");
  expect(await count(and(eq(orgUnits.level, "subproject"), onLastDay, sql`(${orgUnits.regionId} is not null or ${orgUnits.parentId} = ${network.id})`))).toBeGreaterThanOrEqual(380);
  const points = (kind: "permanent" | "mobile") => count(and(eq(orgUnits.level, "contact_point"), eq(orgUnits.contactPointKind, kind), onLastDay));
  expect(await points("permanent")).toBe(74);
  expect(await points("mobile")).toBe(100);

  const accounts = await tx.select().from(users).where(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)));
  expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(["admin", "network_coordinator", "regional_coordinator", "adviser"]));
  for (const account of accounts) {
    expect(account.active, account.email).toBe(true);
    expect(await verifyPassword(account.passwordHash, DEMO_PASSWORD), account.email).toBe(true);
  }
}

/** The brochure's period and reference dates, for the recount over the history (tests/recount/). */
const BROCHURE: RecountQuery = { from: "2019-01-01", to: "2019-12-31", asOf: "2020-01-07", completersAsOf: "2020-02-20", source: "history" };

/** Every figure the records determine, recounted over the history as of the reference dates, and what the records look like. */
async function checkRecordsAgainstHistory(tx: Tx, recounted: Figures): Promise<void> {
    // --- every figure the records determine, as of 2020-01-07 (completers: 2020-02-20) ---
    expect(Object.fromEntries(Object.keys(PUBLISHED).map((key) => [key, recounted[key]]))).toEqual(PUBLISHED);
    // Not published, but there: follow-ups, and Fair Integration clients seen more than once.
    expect(recounted["advice.followUpSessions"]).toBeGreaterThan(3_000);
    expect(recounted["fairIntegration.adviceSessions"]).toBeGreaterThan(recounted["fairIntegration.individualsAdvised"] as number);

    // --- top five reference occupations of initial sessions (client attributes as of the reference date too) ---
    const top = (await occupationCounts(tx, BROCHURE)).slice(0, 6);
    expect(top.slice(0, 5).map((t) => t.nameEn)).toEqual(TOP_OCCUPATIONS);
    for (let i = 0; i < 5; i++) expect(top[i].count - top[i + 1].count, `margin after ${top[i].nameEn}`).toBeGreaterThanOrEqual(300);

    // --- outcomes: recorded later than the enrolment, and counted the same way by date and by record time ---
    const [outcomes] = await rows<{ by_date: number; updates: number; late_updates: number; later_successes: number; open: number }>(
      tx,
      sql`
      select
        count(distinct r.client_id) filter (where r.data->>'outcome' = 'successful' and r.data->>'outcomeOn' <= '2020-02-20')::int as by_date,
        count(*) filter (where r.version = 2)::int as updates,
        count(*) filter (where r.version = 2 and r.updated_at > ${AS_OF})::int as late_updates,
        count(*) filter (where r.data->>'outcome' = 'successful' and r.data->>'outcomeOn' > '2020-02-20')::int as later_successes,
        count(*) filter (where r.data->>'outcome' in ('ongoing', 'discontinued'))::int as open
      from records r
      where r.kind = 'enrolment' and r.unit_id in ${DEMO_UNITS}`,
    );
    expect(outcomes.by_date).toBe(PUBLISHED["jobTraining.successfulCompleters"]);
    expect(outcomes.late_updates).toBeGreaterThan(0);
    expect(outcomes.later_successes).toBeGreaterThan(0);
    expect(outcomes.open).toBeGreaterThan(0);
    const [enrolmentHistory] = await rows<{ first_not_ongoing: number; schemes_bad: number; individual_bad: number }>(
      tx,
      sql`
      select
        (select count(*) from history h join records r on r.id = h.subject_id
          where r.kind = 'enrolment' and r.unit_id in ${DEMO_UNITS} and h.version = 1 and h.snapshot->>'outcome' <> 'ongoing')::int as first_not_ongoing,
        (select count(*) from records e left join records s on s.id = e.parent_id
          where e.kind = 'enrolment' and e.unit_id in ${DEMO_UNITS}
            and (s.id is null or s.kind <> 'job_training_scheme' or s.unit_id <> e.unit_id or e.occurred_on < s.occurred_on))::int as schemes_bad,
        (select count(*) from (
          select s.data->>'format' as format, (select count(*) from records e where e.parent_id = s.id) as n
          from records s where s.kind = 'job_training_scheme' and s.unit_id in ${DEMO_UNITS}
        ) t where (format = 'individual' and n <> 1) or (format = 'course' and n < 2))::int as individual_bad`,
    );
    expect(enrolmentHistory).toEqual({ first_not_ongoing: 0, schemes_bad: 0, individual_bad: 0 });

    // --- the time line: history complete, entries shortly after the date, changes around the reference date ---
    const [timeline] = await rows<Record<string, number>>(
      tx,
      sql`
      with demo as (select * from records where unit_id in ${DEMO_UNITS})
      select
        (select count(*) from demo)::int as records,
        (select count(*) from demo r where not exists (
          select 1 from history h where h.subject_id = r.id and h.version = 1 and h.op = 'create' and h.at = r.created_at and h.actor_id = r.created_by
            and h.snapshot->>'unitId' = r.unit_id::text and h.snapshot->'clientId' = coalesce(to_jsonb(r.client_id), 'null')
            and h.snapshot->'parentId' = coalesce(to_jsonb(r.parent_id), 'null') and h.snapshot->>'occurredOn' = r.occurred_on::text
        ))::int as without_create,
        (select count(*) from demo r where r.version <> (select max(h.version) from history h where h.subject_id = r.id)
          or (select count(*) from history h where h.subject_id = r.id) <> r.version)::int as version_mismatch,
        (select count(*) from demo r where r.data <> (select h.snapshot - 'unitId' - 'clientId' - 'parentId' - 'occurredOn' from history h where h.subject_id = r.id order by h.version desc limit 1))::int as final_mismatch,
        (select count(*) from demo where occurred_on < '2019-01-01' or occurred_on > '2019-12-31')::int as outside_2019,
        (select count(*) from demo where created_at > ${AS_OF})::int as created_late,
        (select count(*) from demo where created_at <= ${AS_OF} and ((created_at at time zone 'Europe/Berlin')::date - occurred_on) not between 0 and 10)::int as entry_delay_bad,
        (select count(*) from demo where deleted_at > ${AS_OF})::int as deleted_later,
        (select count(*) from demo where deleted_at <= ${AS_OF})::int as deleted_before,
        (select count(*) from demo where version = 2 and deleted_at is null and kind <> 'enrolment' and updated_at > ${AS_OF})::int as corrected_later,
        (select count(*) from demo where version = 2 and deleted_at is null and kind <> 'enrolment' and updated_at <= ${AS_OF})::int as corrected_before,
        (select count(*) from demo where kind = 'advice_session' and data->>'stage' = 'initial' and data->>'adviceType' = 'recognition' and deleted_at is null)::int as recognition_now,
        (select count(distinct extract(month from occurred_on)) from demo where kind = 'advice_session')::int as months`,
    );
    expect(timeline.records).toBeGreaterThan(70_000);
    expect(timeline).toMatchObject({ without_create: 0, version_mismatch: 0, final_mismatch: 0, outside_2019: 0, entry_delay_bad: 0, months: 12 });
    // Late entries and later deletions exist, and (as the exact figures above show) change nothing as of 2020-01-07.
    expect(timeline.created_late).toBeGreaterThanOrEqual(40);
    expect(timeline.created_late).toBeLessThanOrEqual(60);
    expect(timeline.deleted_later).toBeGreaterThanOrEqual(40);
    expect(timeline.deleted_later).toBeLessThanOrEqual(60);
    expect(timeline.deleted_before).toBeGreaterThan(0);
    expect(timeline.corrected_later).toBeGreaterThan(0);
    expect(timeline.corrected_before).toBeGreaterThan(0);
    // A plain recount of today's records is not what was published: the reference date matters.
    expect(timeline.recognition_now).not.toBe(PUBLISHED["advice.initialByType.recognition"]);

    // --- clients: statistical data only, each with its first history version, none created after the reference date ---
    const [clientChecks] = await rows<Record<string, number>>(
      tx,
      sql`
      with demo as (select * from clients where contact_point_id in ${DEMO_UNITS})
      select
        (select count(*) from demo)::int as clients,
        (select count(*) from demo where full_name is not null or phone is not null or email is not null or notes is not null)::int as personal,
        (select count(*) from demo c where not exists (
          select 1 from history h where h.subject_id = c.id and h.subject_type = 'client' and h.version = 1 and h.op = 'create' and h.at = c.created_at
            and h.snapshot = jsonb_build_object('contactPointId', c.contact_point_id, 'gender', c.gender, 'birthYear', c.birth_year,
              'qualificationCountry', c.qualification_country, 'citizenship', c.citizenship, 'residenceStatus', c.residence_status,
              'inGermanySince', c.in_germany_since, 'germanLevel', c.german_level, 'qualificationLevel', c.qualification_level,
              'occupationId', c.occupation_id, 'regulatedProfession', c.regulated_profession)))::int as without_create,
        (select count(*) from demo where created_at > ${AS_OF})::int as created_late,
        (select count(*) from records r join demo c on c.id = r.client_id where r.created_at < c.created_at)::int as record_before_client`,
    );
    expect(clientChecks.clients).toBeGreaterThan(50_000);
    expect(clientChecks).toMatchObject({ personal: 0, without_create: 0, created_late: 0, record_before_client: 0 });

    // --- the demo advisers have clients and records to browse at their contact points ---
    const perAdviser = await rows<{ email: string; clients: number; records: number }>(
      tx,
      sql`
      select u.email,
        (select count(*) from clients c where c.contact_point_id = uu.unit_id)::int as clients,
        (select count(*) from records r where r.unit_id = uu.unit_id)::int as records
      from users u join user_units uu on uu.user_id = u.id
      where u.email in ('beratung@lotse.example', 'hamburg@lotse.example')`,
    );
    expect(perAdviser).toHaveLength(2);
    for (const a of perAdviser) {
      expect(a.clients, a.email).toBeGreaterThan(100);
      expect(a.records, a.email).toBeGreaterThan(a.clients);
    }

    // --- every kind's data fits its schema (a sample of 200 rows per kind), and so do clients ---
    for (const spec of KINDS) {
      const sample = await rows<{ occurred_on: string; data: Record<string, unknown> }>(
        tx,
        sql`select occurred_on::text, data from records where kind = ${spec.kind} and unit_id in ${DEMO_UNITS} order by id limit 200`,
      );
      // 200 of each kind (all of them where there are fewer: about 160 skilled-worker-network activities).
      expect(sample.length, spec.kind).toBeGreaterThanOrEqual(150);
      const schema = spec.data
        .extend({ occurredOn: isoDate })
        .strict()
        .superRefine((v, ctx) => spec.refine?.(v, ctx));
      for (const row of sample) {
        const parsed = schema.safeParse({ ...row.data, occurredOn: row.occurred_on });
        expect(parsed.success, `${spec.kind} ${JSON.stringify(row.data)}: ${parsed.error?.message}`).toBe(true);
      }
    }
    const clientSample = await rows<Record<string, unknown>>(
      tx,
      sql`
      select gender, birth_year as "birthYear", qualification_country as "qualificationCountry", citizenship,
        residence_status as "residenceStatus", in_germany_since as "inGermanySince", german_level as "germanLevel",
        qualification_level as "qualificationLevel", occupation_id as "occupationId", regulated_profession as "regulatedProfession"
      from clients where contact_point_id in ${DEMO_UNITS} order by id limit 200`,
    );
    const clientSchema = z.object(statisticalShape).strict();
    for (const c of clientSample) {
      const parsed = clientSchema.safeParse(c);
      expect(parsed.success, `${JSON.stringify(c)}: ${parsed.error?.message}`).toBe(true);
      if (typeof c.inGermanySince === "number" && typeof c.birthYear === "number") expect(c.inGermanySince).toBeGreaterThanOrEqual(c.birthYear);
    }
}

/** The figures engine gives every value of figures-2019.json, as of the brochure's reference dates, and every figure as the recount has it. */
async function checkPublishedFigures(tx: Tx, recounted: Figures): Promise<void> {
  const report: FiguresReport = await buildReport(
    tx,
    { from: published.period.from, to: published.period.to, asOf: published.asOf, completersAsOf: published.completersAsOf },
    { level: "network", id: null, name: "IQ" },
    "en",
  );
  for (const [key, value] of Object.entries(published.figures)) {
    if (key === "advice.topOccupations") {
      expect((report.figures[key] as TopOccupation[]).map((o) => o.name), key).toEqual(value);
    } else if (key === "targets.initialSessions.target") {
      expect((report.figures["targets.initialSessions"] as { target: number }).target, key).toBe(value);
    } else {
      expect(report.figures[key], key).toBe(value);
    }
  }
  expect(report.suppressed).toEqual([]);
  expect(differences(report.figures, recounted)).toEqual([]);
}

describe("the 2019 demo network", () => {
  // The first test of a run to need the demo seeds it: minutes on PGlite on a loaded machine.
  it("is seeded once, and its records and the figures engine give every published 2019 value", { timeout: 600_000 }, async () => {
    await onDemoCopy(async (tx) => {
      await checkOrgTreeAndAccounts(tx);
      const recounted = await recount(tx, BROCHURE);
      await checkRecordsAgainstHistory(tx, recounted);
      await checkPublishedFigures(tx, recounted);
    });
  });
});
