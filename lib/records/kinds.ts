import { z } from "zod";
import type { RecordKind } from "@/db/schema";
import { everyField, isoDate, id, partialOf } from "@/lib/validation";

/** Where a kind's records hang in the org tree. Enrolments take their scheme's subproject. */
export type UnitLevel = "contact_point" | "subproject" | "scheme";

export type FieldSpec =
  | { name: string; type: "select"; options: readonly string[]; optional?: boolean }
  | { name: string; type: "multiselect"; options: readonly string[] }
  | { name: string; type: "number" | "text" | "date" | "checkbox"; optional?: boolean };

export interface KindSpec {
  kind: RecordKind;
  /** The path segment of the API and pages. */
  slug: string;
  unitLevel: UnitLevel;
  clientBased: boolean;
  /** The kind's own fields (stored in `data`). */
  data: z.ZodObject;
  /** Cross-field rules on the kind's fields. */
  refine?: (value: Record<string, unknown>, ctx: z.RefinementCtx) => void;
  /** How the form lays the kind's own fields out (order, widget). */
  fields: FieldSpec[];
}

export const CHANNELS = ["in_person", "phone", "video", "email"] as const;
export const STAGES = ["initial", "follow_up"] as const;
export const ADVICE_TYPES = ["recognition", "job_training", "recognition_and_job_training"] as const;
export const NEXT_STEPS = ["referred_recognition_authority", "referred_job_training", "referred_elsewhere", "no_further_action"] as const;
export const FI_TOPICS = ["wages", "working_time", "holidays", "dismissal_termination", "health_insurance", "residence_law", "other"] as const;
export const SCHEME_FORMATS = ["course", "individual"] as const;
export const MEASURE_TYPES = ["compensation_measure", "bridge_training", "language", "other"] as const;
export const ENROLMENT_OUTCOMES = ["ongoing", "successful", "discontinued"] as const;
export const ACHIEVEMENTS = ["full_equivalence", "job_entry_at_level"] as const;
export const TARGET_GROUPS = ["labour_market", "business"] as const;
export const IO_ACTIVITY_TYPES = ["training", "event", "consultation"] as const;
export const IO_TOPICS = [
  "intercultural_competence",
  "anti_discrimination",
  "intercultural_opening",
  "recognition_qualification",
  "skilled_worker_recruitment",
  "organisational_development",
  "other",
] as const;
export const SWN_ACTIVITY_TYPES = ["training", "event", "counselling"] as const;

/** A headcount. One lower bound per field: a second `.min` on top would report two contradicting minima at once. */
const count = (min: 0 | 1 = 0) => z.coerce.number().int().min(min).max(100_000);
const topics = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === "" || v === false ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)).min(1).max(values.length));
const title = z.string().trim().min(1).max(200);
const optionalDate = z.union([isoDate, z.literal("")]).nullish().transform((v) => v || null);
const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

/** Each kind's own fields (stored in a record's `data`), by kind. */
const KIND_DATA = {
  advice_session: z.object({
    channel: z.enum(CHANNELS),
    stage: z.enum(STAGES),
    adviceType: z.enum(ADVICE_TYPES),
    nextStep: z.enum(NEXT_STEPS),
  }),
  fair_integration_session: z.object({ channel: z.enum(CHANNELS), topics: topics(FI_TOPICS) }),
  fair_integration_event: z.object({ title, participants: count(1), topics: topics(FI_TOPICS) }),
  job_training_scheme: z.object({
    title,
    format: z.enum(SCHEME_FORMATS),
    measureType: z.enum(MEASURE_TYPES),
    regulatedProfession: checkbox,
    plannedEndOn: optionalDate,
  }),
  enrolment: z.object({
    endOn: optionalDate,
    outcome: z.enum(ENROLMENT_OUTCOMES),
    achievement: z.union([z.enum(ACHIEVEMENTS), z.literal("")]).nullish().transform((v) => v || null),
    outcomeOn: optionalDate,
  }),
  intercultural_activity: z.object({
    targetGroup: z.enum(TARGET_GROUPS),
    activityType: z.enum(IO_ACTIVITY_TYPES),
    // An empty field means "not given" (a consultation has no headcount), not 0.
    participants: z.preprocess((v) => (v === "" || v === undefined ? null : v), count().nullable()),
    topics: topics(IO_TOPICS),
  }),
  skilled_worker_activity: z.object({ activityType: z.enum(SWN_ACTIVITY_TYPES), peopleReached: count() }),
} satisfies Record<RecordKind, z.ZodObject>;

/** What a record of kind K holds in `data`, as its schema leaves it (after defaults and transforms). */
export type KindData<K extends RecordKind = RecordKind> = z.output<(typeof KIND_DATA)[K]>;

export const KINDS: KindSpec[] = [
  {
    kind: "advice_session",
    slug: "advice-sessions",
    unitLevel: "contact_point",
    clientBased: true,
    data: KIND_DATA.advice_session,
    fields: [
      { name: "stage", type: "select", options: STAGES },
      { name: "adviceType", type: "select", options: ADVICE_TYPES },
      { name: "channel", type: "select", options: CHANNELS },
      { name: "nextStep", type: "select", options: NEXT_STEPS },
    ],
  },
  {
    kind: "fair_integration_session",
    slug: "fair-integration-sessions",
    unitLevel: "contact_point",
    clientBased: true,
    data: KIND_DATA.fair_integration_session,
    fields: [
      { name: "channel", type: "select", options: CHANNELS },
      { name: "topics", type: "multiselect", options: FI_TOPICS },
    ],
  },
  {
    kind: "fair_integration_event",
    slug: "fair-integration-events",
    unitLevel: "contact_point",
    clientBased: false,
    data: KIND_DATA.fair_integration_event,
    fields: [
      { name: "title", type: "text" },
      { name: "participants", type: "number" },
      { name: "topics", type: "multiselect", options: FI_TOPICS },
    ],
  },
  {
    kind: "job_training_scheme",
    slug: "job-training-schemes",
    unitLevel: "subproject",
    clientBased: false,
    data: KIND_DATA.job_training_scheme,
    fields: [
      { name: "title", type: "text" },
      { name: "format", type: "select", options: SCHEME_FORMATS },
      { name: "measureType", type: "select", options: MEASURE_TYPES },
      { name: "regulatedProfession", type: "checkbox" },
      { name: "plannedEndOn", type: "date", optional: true },
    ],
  },
  {
    kind: "enrolment",
    slug: "enrolments",
    unitLevel: "scheme",
    clientBased: true,
    data: KIND_DATA.enrolment,
    refine: (value, ctx) => {
      if (value.outcome === "successful" && !value.achievement) {
        ctx.addIssue({ code: "custom", path: ["achievement"], params: { key: "achievementRequired" } });
      }
      if (value.outcome !== "ongoing" && !value.outcomeOn) {
        ctx.addIssue({ code: "custom", path: ["outcomeOn"], params: { key: "outcomeDateRequired" } });
      }
      if (value.outcome !== "successful" && value.achievement) {
        ctx.addIssue({ code: "custom", path: ["achievement"], params: { key: "achievementOnlyIfSuccessful" } });
      }
      if (value.endOn && typeof value.occurredOn === "string" && (value.endOn as string) < value.occurredOn) {
        ctx.addIssue({ code: "custom", path: ["endOn"], params: { key: "endBeforeStart" } });
      }
      if (value.outcomeOn && typeof value.occurredOn === "string" && (value.outcomeOn as string) < value.occurredOn) {
        ctx.addIssue({ code: "custom", path: ["outcomeOn"], params: { key: "beforeStart" } });
      }
    },
    fields: [
      { name: "outcome", type: "select", options: ENROLMENT_OUTCOMES },
      { name: "achievement", type: "select", options: ACHIEVEMENTS, optional: true },
      { name: "outcomeOn", type: "date", optional: true },
      { name: "endOn", type: "date", optional: true },
    ],
  },
  {
    kind: "intercultural_activity",
    slug: "intercultural-activities",
    unitLevel: "subproject",
    clientBased: false,
    data: KIND_DATA.intercultural_activity,
    refine: (value, ctx) => {
      if (value.activityType !== "consultation" && !value.participants) {
        ctx.addIssue({ code: "custom", path: ["participants"], params: { key: "participantsRequired" } });
      }
    },
    fields: [
      { name: "targetGroup", type: "select", options: TARGET_GROUPS },
      { name: "activityType", type: "select", options: IO_ACTIVITY_TYPES },
      { name: "participants", type: "number", optional: true },
      { name: "topics", type: "multiselect", options: IO_TOPICS },
    ],
  },
  {
    kind: "skilled_worker_activity",
    slug: "skilled-worker-activities",
    unitLevel: "subproject",
    clientBased: false,
    data: KIND_DATA.skilled_worker_activity,
    fields: [
      { name: "activityType", type: "select", options: SWN_ACTIVITY_TYPES },
      { name: "peopleReached", type: "number" },
    ],
  },
];

export function kindBySlug(slug: string): KindSpec | undefined {
  return KINDS.find((k) => k.slug === slug);
}

export function kindSpec(kind: RecordKind): KindSpec {
  return KINDS.find((k) => k.kind === kind)!;
}

/** The fields every record has, besides its kind's own. */
function commonShape(spec: KindSpec) {
  return {
    occurredOn: isoDate,
    ...(spec.unitLevel === "scheme" ? { schemeId: id } : { unitId: id }),
    ...(spec.clientBased ? { clientId: id } : {}),
  };
}

function refined<T extends z.ZodType>(spec: KindSpec, schema: T): T {
  return spec.refine ? schema.superRefine((v, ctx) => spec.refine!(v as Record<string, unknown>, ctx)) : schema;
}

/** What a create carries: the record, plus a key that makes retries and double clicks harmless. */
export function createSchema(spec: KindSpec) {
  return refined(spec, spec.data.extend({ ...commonShape(spec), idempotencyKey: z.string().trim().min(8).max(100) }).strict());
}

/** The fields of an edit: every one named (a field left out is refused, never reset), and the version it started from. */
function updateObject(spec: KindSpec) {
  const { schemeId: _fixed, ...common } = commonShape(spec) as Record<string, z.ZodType>;
  return z.object({ ...everyField({ ...spec.data.shape, ...common }), id, version: z.coerce.number().int().min(1) }).strict();
}

/** An edit (the form, `PUT`) carries the whole record and the version it started from. */
export function updateSchema(spec: KindSpec) {
  return refined(spec, updateObject(spec));
}

/** A partial edit (`PATCH`): the same fields, each optional but the id and version; the kind's rules are checked on the merged record. */
export function patchSchema(spec: KindSpec) {
  return partialOf(updateObject(spec), ["id", "version"]);
}

export const deleteSchema = z.object({ id, version: z.coerce.number().int().min(1) }).strict();
export const getSchema = z.object({ id }).strict();

export const PAGE_SIZE_MAX = 200;
export const listSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    unitId: id.optional(),
    clientId: id.optional(),
    /** A client's pseudonymous reference, or part of it (never a name: a record list reads no personal data). */
    clientRef: z.string().trim().min(1).max(40).optional(),
    /** Who logged the record. */
    adviserId: id.optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
  })
  .strict();
