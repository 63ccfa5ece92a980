import { listAssignableUnits, listRegions } from "@/lib/org/queries";
import { load } from "@/lib/server";

/** Regions and units an admin can assign, loaded through the same checked operations. */
export async function assignmentOptions() {
  const [regions, units] = [await load(listRegions), await load(listAssignableUnits)];
  return {
    regions: regions.map((r) => ({ id: r.id, name: r.name })),
    units: units
      .filter((u) => !u.activeUntil)
      .map((u) => ({ id: u.id, name: u.name, level: u.level, town: u.town, regionName: u.regionName, parentName: u.parentName })),
  };
}
