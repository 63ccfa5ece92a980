import "server-only";
import { currentActor } from "@/lib/auth/session";
import type { T } from "./display";
import { listMyUnits } from "@/lib/org/queries";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import type { KindSpec } from "@/lib/records/kinds";
import { load } from "@/lib/server";
import { schemeTitle } from "./display";
import type { Option } from "./widgets";

export interface MyUnits {
  contactPoints: Option[];
  subprojects: Option[];
  /** Unit id → name, for every unit the adviser works for. */
  names: Record<string, string>;
}

/**
 * The adviser's contact points and subprojects. listMyUnits returns assigned
 * units and their contact points, not the subproject above an assigned contact
 * point, though the adviser may record for it (actor.subprojectIds): such a
 * subproject is named after its contact point here.
 */
export async function myUnits(t: T): Promise<MyUnits> {
  const [units, actor] = await Promise.all([load(listMyUnits), currentActor()]);
  const contactPoints = units.filter((u) => u.level === "contact_point").map((u) => ({ value: u.id, label: u.town && !u.name.includes(u.town) ? `${u.name} (${u.town})` : u.name }));
  const subprojects = (actor?.subprojectIds ?? []).map((id) => {
    const own = units.find((u) => u.id === id);
    const child = units.find((u) => u.parentId === id);
    return { value: id, label: own?.name ?? (child ? t("records.subprojectOf", { name: child.name }) : id) };
  });
  const names = Object.fromEntries([...contactPoints, ...subprojects].map((o) => [o.value, o.label]));
  return { contactPoints, subprojects, names };
}

export function unitsOf(units: MyUnits, spec: KindSpec): Option[] {
  return spec.unitLevel === "contact_point" ? units.contactPoints : units.subprojects;
}

/** The adviser's job-training schemes, newest first, for enrolments. */
export async function schemeOptions(format: (d: string) => string): Promise<Option[]> {
  const { items } = await load(RECORD_OPERATIONS.job_training_scheme.list, { pageSize: 200 });
  return items.map((s) => ({ value: s.id, label: `${schemeTitle(s)} (${format(s.occurredOn)})` }));
}
