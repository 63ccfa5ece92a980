import { Random, addMinutes } from "../demo-random";
import { OCCUPATIONS } from "../occupations";
import type { OccupationInfo } from "./client-profiles";
import type { ClientRow, PlanInput, PlanRegion, RecordRow } from "./rows";

/** What a planner says about a new record; the rest (id, version 1, not updated, not deleted) is the same for all. */
export type NewRecord = Pick<RecordRow, "kind" | "unitId" | "clientId" | "parentId" | "occurredOn" | "data" | "createdBy" | "createdAt">;

/**
 * What the record kinds' planners share: the random stream of the data, and the rows planned so
 * far in the order they are inserted. Ids and client references come from a stream of their own.
 * The planners run in a fixed order (see index.ts): each one's draws shift every later one's.
 */
export interface PlanBuilder {
  rng: Random;
  regions: PlanRegion[];
  /** The catalogue occupations by English name, with their ids. */
  occupations: Map<string, OccupationInfo>;
  clients: ClientRow[];
  records: RecordRow[];
  newId: () => string;
  /** A client reference not given before, K-XXXX-XXXX. */
  newRef: () => string;
  newRecord: (f: NewRecord) => RecordRow;
  /** The same record entered a second time, a few minutes later. */
  duplicateOf: (original: RecordRow) => RecordRow;
  /** A draw of a region, each as likely as its weight. */
  regionPicker: (weightOf: (r: PlanRegion) => number) => () => PlanRegion;
}

const REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function createPlanBuilder(input: PlanInput): PlanBuilder {
  const rng = new Random(input.seed ?? 2019);
  const ids = new Random((input.seed ?? 2019) ^ 0x5eed);
  const clients: ClientRow[] = [];
  const records: RecordRow[] = [];
  const usedRefs = new Set<string>();

  const occupations = new Map<string, OccupationInfo>();
  for (const o of OCCUPATIONS) {
    const id = input.occupationIds.get(o.nameEn);
    if (!id) throw new Error(`Occupation "${o.nameEn}" is missing from the catalogue`);
    occupations.set(o.nameEn, { ...o, id });
  }
  const regions = input.regions;
  if (!regions.length) throw new Error("No regions to seed");

  const newRef = () => {
    for (;;) {
      let ref = "K-";
      for (let i = 0; i < 9; i++) ref += i === 4 ? "-" : REF_ALPHABET[Math.floor(ids.next() * REF_ALPHABET.length)];
      if (!usedRefs.has(ref)) {
        usedRefs.add(ref);
        return ref;
      }
    }
  };

  const newRecord = (f: NewRecord): RecordRow => {
    const record: RecordRow = {
      id: ids.uuid(),
      kind: f.kind,
      unitId: f.unitId,
      clientId: f.clientId,
      parentId: f.parentId,
      occurredOn: f.occurredOn,
      data: f.data,
      version: 1,
      createdBy: f.createdBy,
      createdAt: f.createdAt,
      updatedBy: null,
      updatedAt: f.createdAt,
      deletedAt: null,
      deletedBy: null,
    };
    records.push(record);
    return record;
  };
  const duplicateOf = (original: RecordRow): RecordRow =>
    newRecord({ ...original, data: { ...original.data }, createdAt: addMinutes(original.createdAt, rng.int(1, 4)) });

  const regionPicker = (weightOf: (r: PlanRegion) => number) => {
    const pairs = regions.map((r) => [r, weightOf(r)] as const).filter(([, w]) => w > 0);
    return () => rng.weighted(pairs);
  };

  return { rng, regions, occupations, clients, records, newId: () => ids.uuid(), newRef, newRecord, duplicateOf, regionPicker };
}
