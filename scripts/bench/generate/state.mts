/** What every part of the generator draws on: the two seeded random streams, the org tree, the occupations and the courses planned ahead. */
import type { Random } from "@/lib/demo/demo-random";
import type { Place } from "@/lib/figures/contributions";
import type { Picker } from "./places.mjs";
import type { GenOccupation, GenRegion, GenUnit } from "./rows.mjs";

export interface Course {
  id: string;
  region: GenRegion;
  unit: GenUnit;
  start: number;
  plannedEnd: number;
  createdAt: number;
  data: Record<string, unknown>;
}

export interface GenState {
  /** Every choice. */
  readonly rng: Random;
  /** The random bits of ids: a stream of its own. */
  readonly ids: Random;
  readonly places: Map<string, Place>;
  readonly regions: GenRegion[];
  readonly occupations: (readonly [GenOccupation | null, number])[];
  readonly fairOccupations: GenOccupation[];
  readonly advicePoints: Picker<{ region: GenRegion; point: GenUnit & { permanent: boolean } }>;
  readonly coursesByRegion: Map<GenRegion, Course[]>;
  readonly coursesByDay: Map<number, Course[]>;
  clientCount: number;
}
