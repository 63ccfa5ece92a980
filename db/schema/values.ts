// The allowed values of the database's enum types, as plain constants: forms
// import these (through lib/*/schemas.ts) without pulling drizzle into the browser.
export const GENDERS = ["female", "male", "diverse", "not_stated"] as const;
export const RESIDENCE_STATUSES = ["eu_eea_ch", "third_country_permit", "asylum_seeker", "tolerated", "abroad", "german", "not_stated"] as const;
export const GERMAN_LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2"] as const;
export const QUALIFICATION_LEVELS = ["academic", "vocational", "other"] as const;
export const PRIORITY_AREAS = [
  "advice",
  "job_training",
  "fair_integration",
  "intercultural_opening",
  "skilled_worker_networks",
  "competence_centre",
  "coordination",
] as const;
export const CONTACT_POINT_KINDS = ["permanent", "mobile"] as const;
export const ROLES = ["adviser", "regional_coordinator", "network_coordinator", "admin"] as const;
