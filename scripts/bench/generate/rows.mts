/** What the generator is given (the org tree, the occupations) and what it gives back (rows and ledger deltas). */
import type { Delta, RecordState } from "@/lib/figures/contributions";

export interface GenUnit {
  id: string;
  name: string;
}

export interface GenRegion {
  id: string;
  /** Relative size: its number of subprojects. */
  weight: number;
  advicePoints: (GenUnit & { permanent: boolean })[];
  fairPoints: GenUnit[];
  homePoint: GenUnit;
  trainingSubprojects: GenUnit[];
  openingSubprojects: GenUnit[];
  networkSubprojects: GenUnit[];
}

export interface GenOccupation {
  id: string;
  nameEn: string;
  regulated: boolean;
  level: "academic" | "vocational" | "mixed";
}

export interface ClientRow {
  id: string;
  ref: string;
  contactPointId: string;
  gender: string;
  birthYear: number | null;
  qualificationCountry: string | null;
  citizenship: string | null;
  residenceStatus: string;
  inGermanySince: number | null;
  germanLevel: string | null;
  qualificationLevel: string | null;
  occupationId: string | null;
  regulatedProfession: boolean | null;
  createdAt: number;
}

export interface RecordRow {
  id: string;
  kind: RecordState["kind"];
  unitId: string;
  clientId: string | null;
  parentId: string | null;
  occurredOn: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** What one stretch of days adds: rows to insert and the ledger deltas with the instants they were written. */
export interface Batch {
  clients: ClientRow[];
  records: RecordRow[];
  deltas: Delta[];
  bases: string[];
}

export const emptyBatch = (): Batch => ({ clients: [], records: [], deltas: [], bases: [] });
