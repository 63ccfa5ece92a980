import { inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { occupations } from "@/db/schema";

export interface SeedOccupation {
  nameDe: string;
  nameEn: string;
  /** KldB 2010 five-digit code (Berufsgattung); null where no single code fits the reference occupation. */
  kldbCode: string | null;
  /** Access to (or use of the title of) the occupation is regulated in Germany. */
  regulated: boolean;
  /** The level a foreign qualification for it usually has. */
  level: "academic" | "vocational" | "mixed";
}

/**
 * Common reference occupations of recognition advice. The first five English names are the
 * ones the 2019 figures rank ("advice.topOccupations"), so they must stay exactly as written.
 * Generic "Engineer" and "Teacher" span several KldB groups and carry no code.
 */
export const OCCUPATIONS: readonly SeedOccupation[] = [
  { nameDe: "Gesundheits- und Krankenpfleger/in", nameEn: "Healthcare assistant", kldbCode: "81302", regulated: true, level: "mixed" },
  { nameDe: "Ärztin/Arzt", nameEn: "Doctor", kldbCode: "81404", regulated: true, level: "academic" },
  { nameDe: "Ingenieur/in", nameEn: "Engineer", kldbCode: null, regulated: true, level: "academic" },
  { nameDe: "Lehrer/in", nameEn: "Teacher", kldbCode: null, regulated: true, level: "academic" },
  {
    nameDe: "Sozialpädagoge/-pädagogin, Sozialarbeiter/in",
    nameEn: "Social education worker / social worker",
    kldbCode: "83124",
    regulated: true,
    level: "academic",
  },
  { nameDe: "Zahnärztin/Zahnarzt", nameEn: "Dentist", kldbCode: "81474", regulated: true, level: "academic" },
  { nameDe: "Apotheker/in", nameEn: "Pharmacist", kldbCode: "81804", regulated: true, level: "academic" },
  { nameDe: "Physiotherapeut/in", nameEn: "Physiotherapist", kldbCode: "81712", regulated: true, level: "mixed" },
  { nameDe: "Hebamme/Entbindungspfleger", nameEn: "Midwife", kldbCode: "81352", regulated: true, level: "mixed" },
  { nameDe: "Altenpfleger/in", nameEn: "Geriatric nurse", kldbCode: "82102", regulated: true, level: "vocational" },
  { nameDe: "Medizinische/r Fachangestellte/r", nameEn: "Medical assistant", kldbCode: "81102", regulated: false, level: "vocational" },
  {
    nameDe: "Medizinisch-technische/r Laboratoriumsassistent/in",
    nameEn: "Medical laboratory technician",
    kldbCode: "81212",
    regulated: true,
    level: "vocational",
  },
  { nameDe: "Tierärztin/Tierarzt", nameEn: "Veterinarian", kldbCode: "81504", regulated: true, level: "academic" },
  { nameDe: "Psychologe/Psychologin", nameEn: "Psychologist", kldbCode: "81614", regulated: false, level: "academic" },
  { nameDe: "Erzieher/in", nameEn: "Educator (early childhood)", kldbCode: "83112", regulated: true, level: "mixed" },
  { nameDe: "Architekt/in", nameEn: "Architect", kldbCode: "31114", regulated: true, level: "academic" },
  { nameDe: "Bauingenieur/in", nameEn: "Civil engineer", kldbCode: "31104", regulated: true, level: "academic" },
  { nameDe: "Maschinenbauingenieur/in", nameEn: "Mechanical engineer", kldbCode: "25104", regulated: true, level: "academic" },
  { nameDe: "Elektroingenieur/in", nameEn: "Electrical engineer", kldbCode: "26304", regulated: true, level: "academic" },
  { nameDe: "Informatiker/in", nameEn: "Computer scientist", kldbCode: "43104", regulated: false, level: "academic" },
  { nameDe: "Softwareentwickler/in", nameEn: "Software developer", kldbCode: "43414", regulated: false, level: "academic" },
  { nameDe: "Chemiker/in", nameEn: "Chemist", kldbCode: "41304", regulated: false, level: "academic" },
  { nameDe: "Biologe/Biologin", nameEn: "Biologist", kldbCode: "41204", regulated: false, level: "academic" },
  { nameDe: "Mathematiker/in", nameEn: "Mathematician", kldbCode: "41104", regulated: false, level: "academic" },
  { nameDe: "Wirtschaftswissenschaftler/in", nameEn: "Economist", kldbCode: "91404", regulated: false, level: "academic" },
  { nameDe: "Betriebswirt/in", nameEn: "Business administrator", kldbCode: "71304", regulated: false, level: "academic" },
  { nameDe: "Buchhalter/in", nameEn: "Accountant", kldbCode: "72213", regulated: false, level: "mixed" },
  { nameDe: "Bankkaufmann/-frau", nameEn: "Bank clerk", kldbCode: "72112", regulated: false, level: "vocational" },
  { nameDe: "Kaufmann/-frau für Büromanagement", nameEn: "Office clerk", kldbCode: "71402", regulated: false, level: "vocational" },
  { nameDe: "Rechtsanwältin/Rechtsanwalt", nameEn: "Lawyer", kldbCode: "73134", regulated: true, level: "academic" },
  { nameDe: "Dolmetscher/in, Übersetzer/in", nameEn: "Interpreter / translator", kldbCode: "71424", regulated: false, level: "academic" },
  { nameDe: "Elektroniker/in", nameEn: "Electrician", kldbCode: "26212", regulated: false, level: "vocational" },
  { nameDe: "Kfz-Mechatroniker/in", nameEn: "Automotive mechatronics technician", kldbCode: "25212", regulated: false, level: "vocational" },
  {
    nameDe: "Anlagenmechaniker/in für Sanitär-, Heizungs- und Klimatechnik",
    nameEn: "Plumbing and heating technician",
    kldbCode: "34212",
    regulated: false,
    level: "vocational",
  },
  { nameDe: "Maurer/in", nameEn: "Bricklayer", kldbCode: "32122", regulated: false, level: "vocational" },
  { nameDe: "Tischler/in", nameEn: "Joiner / cabinet maker", kldbCode: "22342", regulated: false, level: "vocational" },
  { nameDe: "Schweißer/in", nameEn: "Welder", kldbCode: "24422", regulated: false, level: "vocational" },
  { nameDe: "Koch/Köchin", nameEn: "Cook", kldbCode: "29302", regulated: false, level: "vocational" },
  { nameDe: "Bäcker/in", nameEn: "Baker", kldbCode: "29222", regulated: false, level: "vocational" },
  { nameDe: "Friseur/in", nameEn: "Hairdresser", kldbCode: "82312", regulated: false, level: "vocational" },
  { nameDe: "Berufskraftfahrer/in", nameEn: "Professional driver", kldbCode: "52122", regulated: false, level: "vocational" },
  { nameDe: "Verkäufer/in", nameEn: "Sales assistant", kldbCode: "62102", regulated: false, level: "vocational" },
  { nameDe: "Hotelfachmann/-frau", nameEn: "Hotel specialist", kldbCode: "63222", regulated: false, level: "vocational" },
  { nameDe: "Journalist/in", nameEn: "Journalist", kldbCode: "92414", regulated: false, level: "academic" },
];

/**
 * Inserts the catalogue; occupations an admin (or an earlier run) already created under the
 * same English name are kept as they are. Returns every catalogue entry's id by English name.
 */
export async function seedOccupations(tx: Tx): Promise<Map<string, string>> {
  await tx
    .insert(occupations)
    .values(OCCUPATIONS.map((o) => ({ nameDe: o.nameDe, nameEn: o.nameEn, kldbCode: o.kldbCode })))
    .onConflictDoNothing({ target: occupations.nameEn });
  const rows = await tx
    .select({ id: occupations.id, nameEn: occupations.nameEn })
    .from(occupations)
    .where(
      inArray(
        occupations.nameEn,
        OCCUPATIONS.map((o) => o.nameEn),
      ),
    );
  return new Map(rows.map((r) => [r.nameEn, r.id]));
}
