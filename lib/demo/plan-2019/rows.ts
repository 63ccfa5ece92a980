/** What the plan is given (the seeded org units and users) and what it gives back (rows to insert). */

export interface PlanUnit {
  id: string;
  name: string;
}

export interface PlanRegion {
  code: string;
  /** Relative size (e.g. its number of subprojects). */
  weight: number;
  /** The user who enters this region's records. */
  adviserId: string;
  /** Contact points of advice subprojects. */
  advicePoints: (PlanUnit & { kind: "permanent" | "mobile" })[];
  /** Contact points run by the region's Fair Integration project (may be empty). */
  fairPoints: PlanUnit[];
  /** The region's first contact point (the demo adviser's, where there is one): also hosts Fair Integration hours. */
  homePoint: PlanUnit;
  trainingSubprojects: PlanUnit[];
  openingSubprojects: PlanUnit[];
  networkSubprojects: PlanUnit[];
}

export interface PlanInput {
  regions: PlanRegion[];
  /** Occupation ids by English catalogue name. */
  occupationIds: Map<string, string>;
  seed?: number;
}

export interface ClientRow {
  id: string;
  ref: string;
  contactPointId: string;
  gender: "female" | "male" | "diverse" | "not_stated";
  birthYear: number | null;
  qualificationCountry: string | null;
  citizenship: string | null;
  residenceStatus: "eu_eea_ch" | "third_country_permit" | "asylum_seeker" | "tolerated" | "abroad" | "german" | "not_stated";
  inGermanySince: number | null;
  germanLevel: "none" | "A1" | "A2" | "B1" | "B2" | "C1" | "C2" | null;
  qualificationLevel: "academic" | "vocational" | "other" | null;
  occupationId: string | null;
  regulatedProfession: boolean | null;
  createdBy: string;
  createdAt: Date;
}

export type Kind =
  | "advice_session"
  | "fair_integration_session"
  | "fair_integration_event"
  | "job_training_scheme"
  | "enrolment"
  | "intercultural_activity"
  | "skilled_worker_activity";

export interface RecordRow {
  id: string;
  kind: Kind;
  unitId: string;
  clientId: string | null;
  parentId: string | null;
  occurredOn: string;
  /** The record's current (final) fields. */
  data: Record<string, unknown>;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  deletedAt: Date | null;
  deletedBy: string | null;
  /** The fields of version 1 when a later update changed them. */
  firstData?: Record<string, unknown>;
}

export interface HistoryRow {
  subjectId: string;
  subjectType: "record";
  version: number;
  op: "create" | "update" | "delete";
  actorId: string;
  at: Date;
  snapshot: Record<string, unknown>;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

export interface Plan {
  clients: ClientRow[];
  records: RecordRow[];
  /**
   * History of the records with more than one version (both versions). Records still at
   * version 1 get their single "create" row from the inserting statement itself.
   */
  history: HistoryRow[];
}

/** What the history keeps of a record (same shape as lib/records/access.ts recordSnapshot). */
export function snapshotOf(r: Pick<RecordRow, "unitId" | "clientId" | "parentId" | "occurredOn">, data: Record<string, unknown>) {
  return { unitId: r.unitId, clientId: r.clientId, parentId: r.parentId, occurredOn: r.occurredOn, ...data };
}
