import { referenceHasPassed } from "./schemas";

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
  /** Seven days after the quarter's end: the monitoring's reference date for a quarterly edition. */
  asOf: string;
}

const ENDS = ["03-31", "06-30", "09-30", "12-31"] as const;

function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function quarterOf(year: number, quarter: 1 | 2 | 3 | 4): Quarter {
  const from = `${year}-${String(quarter * 3 - 2).padStart(2, "0")}-01`;
  const to = `${year}-${ENDS[quarter - 1]}`;
  return { year, quarter, from, to, asOf: plusDays(to, 7) };
}

/** The latest quarters whose reference date (end + 7 days) has passed, latest first: what can be published in one click. */
export function publishableQuarters(count = 4, now = new Date()): Quarter[] {
  const quarters: Quarter[] = [];
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  while (quarters.length < count) {
    const q = quarterOf(year, quarter as Quarter["quarter"]);
    if (referenceHasPassed(q.asOf, now)) quarters.push(q);
    quarter -= 1;
    if (quarter === 0) [year, quarter] = [year - 1, 4];
  }
  return quarters;
}
