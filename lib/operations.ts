import type { AnyOperation } from "./operation";
import * as orgCommands from "./org/commands";
import * as orgQueries from "./org/queries";
import * as userCommands from "./users/commands";
import * as userQueries from "./users/queries";
import * as preferences from "./preferences";

function operationsOf(...modules: Record<string, unknown>[]): AnyOperation[] {
  return modules.flatMap((m) =>
    Object.values(m).filter((v): v is AnyOperation => typeof v === "object" && v !== null && "access" in v && "run" in v && "name" in v),
  );
}

/** Every operation of the app, by name: what the authorization matrix test walks. */
export const OPERATIONS: AnyOperation[] = operationsOf(orgCommands, orgQueries, userCommands, userQueries, preferences);
