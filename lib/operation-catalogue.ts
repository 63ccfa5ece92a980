import type { AnyOperation } from "./operation";
import * as tokens from "./api/tokens";
import * as auditSearch from "./audit-search";
import * as clientCommands from "./clients/commands";
import * as clientDuplicates from "./clients/duplicates";
import * as clientQueries from "./clients/queries";
import * as consentPurposes from "./consent-purposes";
import * as countries from "./countries";
import * as figureDrilldown from "./figures/drilldown";
import * as editions from "./editions/operations";
import * as figures from "./figures/report";
import * as targets from "./figures/targets";
import * as figureYears from "./figures/years";
import * as importExport from "./import/export";
import * as importOperations from "./import/operations";
import * as outcomeImport from "./import/outcomes";
import * as occupations from "./occupations";
import * as orgCommands from "./org/commands";
import * as orgQueries from "./org/queries";
import * as preferences from "./preferences";
import * as recordAdvisers from "./records/advisers";
import { RECORD_OPERATIONS } from "./records/commands";
import * as userCommands from "./users/commands";
import * as userQueries from "./users/queries";
import * as me from "./users/me";

function operationsOf(...modules: Record<string, unknown>[]): AnyOperation[] {
  return modules.flatMap((m) =>
    Object.values(m).filter((v): v is AnyOperation => typeof v === "object" && v !== null && "access" in v && "run" in v && "name" in v),
  );
}

/** The catalogue of every operation of the app (each defined with `defineOperation`, lib/operation.ts): what the authorization matrix test walks. */
export const OPERATIONS: AnyOperation[] = operationsOf(
  orgCommands,
  orgQueries,
  userCommands,
  userQueries,
  me,
  preferences,
  clientCommands,
  clientQueries,
  clientDuplicates,
  occupations,
  consentPurposes,
  countries,
  tokens,
  figures,
  figureDrilldown,
  editions,
  figureYears,
  targets,
  auditSearch,
  recordAdvisers,
  importOperations,
  importExport,
  outcomeImport,
  ...Object.values(RECORD_OPERATIONS),
);
