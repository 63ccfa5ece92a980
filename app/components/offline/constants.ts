/** Shared by the service worker (app/sw.ts) and the pages: no imports, so the worker stays small. */

/** The kinds an adviser logs in the field, by their address (lib/records/kinds.ts slugs). */
export const FIELD_FORM_SLUGS = ["advice-sessions", "fair-integration-sessions", "fair-integration-events", "intercultural-activities", "skilled-worker-activities"] as const;

export const FIELD_FORM_PATH = new RegExp(`^/cases/records/(${FIELD_FORM_SLUGS.join("|")})/new$`);

/** The Cache Storage cache holding the field forms' pages; emptied at sign-out. */
export const FORMS_CACHE = "lotse-field-forms";

/** How long a record may wait in the browser before it is discarded (with a warning). */
export const QUEUE_DAYS = 7;
