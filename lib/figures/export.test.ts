// @driver-independent: no database (README, Tests: run once).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { BREAKDOWNS } from "./counters";
import { COUNT_FIGURES, FIGURE_ORDER, TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "./definitions";
import { breakdownTable, reportTable, SUPPRESSED, toCsv, toXlsx, type ExportTable } from "./export";
import { provenanceOf } from "./presentation";
import type { FiguresBreakdown } from "./breakdown";
import type { FiguresReport, FigureValue } from "./report";

const de = translator("de");
const en = translator("en");

function report(level: "network" | "region", figures: Record<string, FigureValue>, suppressed: string[] = []): FiguresReport {
  const all: Record<string, FigureValue> = {};
  for (const key of FIGURE_ORDER) all[key] = key === TOP_OCCUPATIONS_KEY ? [] : key === TARGETS_KEY ? null : 10;
  const dates = { period: { from: "2019-01-01", to: "2019-12-31" }, asOf: "2020-01-07", completersAsOf: "2020-02-20" };
  return {
    ...dates,
    provenance: Object.fromEntries(FIGURE_ORDER.map((key) => [key, provenanceOf(key, dates)])),
    scope: level === "network" ? { level, id: null, name: "IQ" } : { level, id: "4a0c1f34-7a0d-4c51-9d3c-3f3f6f0d2a11", name: "IQ Netzwerk Baden-Württemberg" },
    figures: { ...all, ...figures },
    suppressed,
  };
}

const valueOf = (table: ExportTable, key: string) => table.rows.find((r) => r[0] === key)?.[2];

describe("figures exports", () => {
  it("label every figure and breakdown in both languages", () => {
    for (const t of [de, en]) {
      for (const key of FIGURE_ORDER) expect(t(`figures.labels.${key}`), key).not.toContain("figures.");
      for (const by of BREAKDOWNS) expect(t(`figures.by.${by}`), by).not.toContain("figures.");
    }
  });

  it("write a report's figures with their source and reference date", () => {
    const table = reportTable(
      report("network", {
        "advice.initialSessions": 53284,
        [TOP_OCCUPATIONS_KEY]: [{ id: "o1", name: "Arzt/Ärztin", count: 1200 }],
        [TARGETS_KEY]: { target: 200000, from: "2019-01-01", to: "2022-12-31", reached: 53284, shareReached: 26.6, shareElapsed: 25 },
      }),
      en,
    );
    expect(table.fileName).toBe("lotse-figures-2019-network");
    expect(table.rows.find((r) => r[0] === "advice.initialSessions")).toEqual(["advice.initialSessions", "Initial advice sessions", 53284, en("figures.sources.records"), "2020-01-07"]);
    expect(table.rows.find((r) => r[0] === "jobTraining.successfulCompleters")?.[4]).toBe("2020-02-20");
    expect(table.rows.find((r) => r[0] === "contactPoints.total")?.[3]).toBe(en("figures.sources.orgTree"));
    expect(table.rows.find((r) => r[0] === "contactPoints.total")?.[4]).toBe("2019-12-31");
    expect(valueOf(table, `${TOP_OCCUPATIONS_KEY}.1`)).toBe(1200);
    expect(valueOf(table, `${TARGETS_KEY}.shareReached`)).toBe(26.6);
  });

  it("never write a 1 or 2 below the network, whether or not the report withheld it", () => {
    const table = reportTable(
      report("region", { "advice.initialSessions": null, "advice.followUpSessions": 2, "fairIntegration.groupEvents": 0, [TOP_OCCUPATIONS_KEY]: [{ id: "o1", name: "Lehrer/in", count: 1 }] }, ["advice.initialSessions"]),
      de,
    );
    expect(valueOf(table, "advice.initialSessions")).toBe(SUPPRESSED);
    expect(valueOf(table, "advice.followUpSessions")).toBe(SUPPRESSED);
    expect(valueOf(table, "fairIntegration.groupEvents")).toBe(0);
    expect(valueOf(table, `${TOP_OCCUPATIONS_KEY}.1`)).toBe(SUPPRESSED);
    expect(table.fileName).toBe("lotse-figures-2019-iq-netzwerk-baden-wurttemberg");
  });

  it("write a breakdown's groups with withheld cells as <3, and the network total as it is", () => {
    const keys = COUNT_FIGURES.slice(0, 2).map((f) => f.key);
    const breakdown: FiguresBreakdown = {
      ...report("network", {}),
      by: "region",
      keys,
      rows: [{ group: "4a0c1f34-7a0d-4c51-9d3c-3f3f6f0d2a11", code: "DE-HB", label: "=Bremen", cells: { [keys[0]]: { value: null, suppressed: true }, [keys[1]]: { value: 7 } } }],
      total: { group: "total", code: "total", label: "Total", cells: { [keys[0]]: { value: 2 }, [keys[1]]: { value: 7 } } },
    };
    const table = breakdownTable(breakdown, en);
    expect(table.header).toEqual(["Code", "Regional network", "Initial advice sessions", "Recognition advice"]);
    expect(table.rows).toEqual([
      // The region's code, not its internal id.
      ["DE-HB", "=Bremen", SUPPRESSED, 7],
      ["total", "Total", 2, 7],
    ]);
    expect(table.fileName).toBe("lotse-figures-2019-network-by-region");
  });

  const sample: ExportTable = {
    fileName: "x",
    sheets: { table: "Figures", info: "About" },
    meta: [["Scope", "Whole network"]],
    header: ["Key", "Figure", "Value"],
    rows: [
      ["a", 'Says "hi", twice', 53284],
      ["b", "=HYPERLINK(\"http://x\")", SUPPRESSED],
      ["c", "-1+2", 0],
      ["d", "@SUM(A1)", 26.6],
      ["e", "Zeile\nzwei", null],
    ],
  };

  it("write CSV after RFC 4180, with a byte order mark, and defuse formulas", () => {
    const csv = toCsv(sample);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "Key,Figure,Value",
      'a,"Says ""hi"", twice",53284',
      `b,"'=HYPERLINK(""http://x"")",<3`,
      "c,'-1+2,0",
      "d,'@SUM(A1),26.6",
      'e,"Zeile\nzwei",',
      "",
    ]);
  });

  it("write German CSV for German Excel: semicolons and a decimal comma, still with a byte order mark", () => {
    const csv = toCsv({ ...sample, rows: [...sample.rows, ["f", "Anteil; in %", 11.5], ["g", "Komma, ohne Anführung", 1979]] }, "de");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "Key;Figure;Value",
      'a;"Says ""hi"", twice";53284',
      `b;"'=HYPERLINK(""http://x"")";<3`,
      "c;'-1+2;0",
      "d;'@SUM(A1);26,6",
      'e;"Zeile\nzwei";',
      'f;"Anteil; in %";11,5',
      "g;Komma, ohne Anführung;1979",
      "",
    ]);
    // English keeps comma and point.
    expect(toCsv(sample, "en").slice(1).split("\r\n")[4]).toBe("d,'@SUM(A1),26.6");
  });

  it("write XLSX with numbers as numbers and texts as text, never as formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(sample)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Figures")!;
    expect(sheet.getRow(2).getCell(3).value).toBe(53284);
    expect(sheet.getRow(5).getCell(3).value).toBe(26.6);
    expect(sheet.getRow(3).getCell(2).value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(3).value).toBe(SUPPRESSED);
    expect(workbook.getWorksheet("About")!.getRow(1).values).toEqual([undefined, "Scope", "Whole network"]);
  });
});
