import GLPK from "glpk.js";

/*
 * The attacker's view of a protected table: every shown value is known, every withheld one is an
 * unknown ≥ its lower bound, and the relations between figures hold. For each unknown, the
 * smallest and largest value consistent with all of that, by linear programming (GLPK): the
 * relaxation to real numbers can only widen an interval, so a width found here is an upper bound
 * of what integers allow, and a narrow one is a real finding.
 */

/** Σ coef·cell (op) rhs; cells not in `unknown` are known values. */
export interface Relation {
  terms: [string, number][];
  op: "=" | "<=";
  rhs?: number;
}

export interface AttackerView {
  /** Every cell's value as shown; withheld cells are left out. */
  shown: Map<string, number>;
  /** The withheld cells and the least value each can have (0, or 1 where its presence is visible). */
  unknown: Map<string, number>;
  relations: Relation[];
}

export interface Interval {
  min: number;
  max: number;
}

let solver: ReturnType<typeof GLPK> | undefined;

type Row = { name: string; vars: { name: string; coef: number }[]; bnds: { type: number; lb: number; ub: number } };

export async function intervals(view: AttackerView): Promise<Map<string, Interval>> {
  const glpk = (solver ??= GLPK());
  const names = new Map([...view.unknown.keys()].map((cell, i) => [cell, `x${i}`]));
  const subjectTo: Row[] = view.relations.flatMap((r, i) => {
    let rhs = r.rhs ?? 0;
    const vars: { name: string; coef: number }[] = [];
    for (const [cell, coef] of r.terms) {
      const name = names.get(cell);
      if (name) vars.push({ name, coef });
      else if (view.shown.has(cell)) rhs -= coef * view.shown.get(cell)!;
      else throw new Error(`a relation names ${cell}, which is neither shown nor withheld`);
    }
    if (!vars.length) {
      // Between shown values only: it must hold, or the relations written down are wrong.
      if (r.op === "=" ? Math.abs(rhs) > 1e-9 : rhs < -1e-9) throw new Error(`relation ${i} does not hold for the shown values: ${JSON.stringify(r.terms)}`);
      return [];
    }
    return [{ name: `r${i}`, vars, bnds: r.op === "=" ? { type: glpk.GLP_FX, lb: rhs, ub: rhs } : { type: glpk.GLP_UP, lb: 0, ub: rhs } }];
  });
  const lowerBound = new Map([...view.unknown].map(([cell, lb]) => [names.get(cell)!, lb]));
  const result = new Map<string, Interval>();
  const cellOf = new Map([...names].map(([cell, name]) => [name, cell]));
  // Unknowns that share no relation cannot bound each other: each group of linked ones is a
  // problem of its own, with the same optimum as within the whole table and a fraction of its size.
  for (const part of independentParts([...lowerBound.keys()], subjectTo)) {
    const bounds = part.vars.map((name) => ({ name, type: glpk.GLP_LO, lb: lowerBound.get(name)!, ub: 0 }));
    for (const name of part.vars) {
      const solve = (direction: number) => {
        const lp = { name: "attack", objective: { direction, name: "z", vars: [{ name, coef: 1 }] }, subjectTo: part.rows, bounds };
        const { result: r } = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: false });
        if (r.status === glpk.GLP_UNBND) return direction === glpk.GLP_MAX ? Infinity : -Infinity;
        if (r.status !== glpk.GLP_OPT) throw new Error(`no consistent table (status ${r.status}): the relations do not describe the data`);
        return r.z;
      };
      result.set(cellOf.get(name)!, { min: solve(glpk.GLP_MIN), max: solve(glpk.GLP_MAX) });
    }
  }
  return result;
}

/** The unknowns split into groups joined by the relations (union–find), each with the relations that name its unknowns. */
function independentParts(vars: string[], rows: Row[]): { vars: string[]; rows: Row[] }[] {
  const parent = new Map(vars.map((v) => [v, v]));
  const root = (v: string): string => {
    let r = v;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(v, r);
    return r;
  };
  for (const row of rows) for (const { name } of row.vars.slice(1)) parent.set(root(name), root(row.vars[0].name));
  const parts = new Map<string, { vars: string[]; rows: Row[] }>();
  const partOf = (v: string) => {
    const r = root(v);
    if (!parts.has(r)) parts.set(r, { vars: [], rows: [] });
    return parts.get(r)!;
  };
  for (const v of vars) partOf(v).vars.push(v);
  for (const row of rows) partOf(row.vars[0].name).rows.push(row);
  return [...parts.values()];
}
