import { z } from "zod";
import { GENDERS, GERMAN_LEVELS, QUALIFICATION_LEVELS, RESIDENCE_STATUSES } from "@/db/schema/values";
import { isCountryCode } from "@/lib/country-codes";
import { currentYearInBerlin } from "@/lib/calendar";
import { everyField, id, isoDate, partialOf, todayInBerlin } from "@/lib/validation";

export { GENDERS, GERMAN_LEVELS, QUALIFICATION_LEVELS, RESIDENCE_STATUSES };

/** "" from a form means "not given". */
const blank = (v: unknown) => (v === "" || v === undefined ? null : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.nullable());
/** A year up to the current one in Berlin: nobody is born, nor arrives, in the future. */
const year = (min: number) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .refine((value) => value <= currentYearInBerlin(), { params: { key: "yearInFuture" } })
    .describe("not after the current year");
const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { params: { key: "country" } });
const checkbox = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v === true || v === "true" || v === "on"), z.boolean().nullable());

export const statisticalShape = {
  gender: z.enum(GENDERS).default("not_stated"),
  birthYear: optional(year(1900)),
  qualificationCountry: optional(country),
  citizenship: optional(country),
  residenceStatus: z.enum(RESIDENCE_STATUSES).default("not_stated"),
  inGermanySince: optional(year(1950)),
  germanLevel: optional(z.enum(GERMAN_LEVELS)),
  qualificationLevel: optional(z.enum(QUALIFICATION_LEVELS)),
  occupationId: optional(id),
  regulatedProfession: checkbox.optional().transform((v) => v ?? null),
};

export const personalShape = {
  fullName: optional(z.string().trim().max(200)),
  phone: optional(z.string().trim().max(60)),
  email: optional(z.email().max(254)),
  notes: optional(z.string().trim().max(4000)),
};

/**
 * A consent is recorded with the day it was given and a purpose chosen from the admin's list
 * (lib/consent-purposes), which brings the version of the consent text: no free text, since a
 * consent's record is kept after an erasure as the proof that it was given.
 */
export const consentShape = {
  consentGivenOn: optional(isoDate),
  consentPurposeId: optional(id),
};

export const PERSONAL_FIELDS = ["fullName", "phone", "email", "notes"] as const;

/** Personal data needs a consent: either one on record already, or the consent fields filled in. */
function consentRules(requireNewConsentForPersonalData: boolean) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const consentGiven = value.consentGivenOn || value.consentPurposeId;
    if (consentGiven) {
      if (!value.consentGivenOn) ctx.addIssue({ code: "custom", path: ["consentGivenOn"], params: { key: "required" } });
      // Nobody consents in the future: a consent is recorded once given, on that day or later.
      else if (typeof value.consentGivenOn === "string" && value.consentGivenOn > todayInBerlin()) {
        ctx.addIssue({ code: "custom", path: ["consentGivenOn"], params: { key: "dateInFuture" } });
      }
      if (!value.consentPurposeId) ctx.addIssue({ code: "custom", path: ["consentPurposeId"], params: { key: "chooseField.consentPurposeId" } });
    }
    const personal = PERSONAL_FIELDS.some((f) => value[f]);
    if (requireNewConsentForPersonalData && personal && !consentGiven) {
      ctx.addIssue({ code: "custom", path: ["consentGivenOn"], params: { key: "consentRequired" } });
    }
    if (typeof value.inGermanySince === "number" && typeof value.birthYear === "number" && value.inGermanySince < value.birthYear) {
      ctx.addIssue({ code: "custom", path: ["inGermanySince"], params: { key: "beforeBirth" } });
    }
  };
}

export const createClientSchema = z
  .object({ idempotencyKey: z.string().trim().min(8).max(100), contactPointId: id, ...statisticalShape, ...personalShape, ...consentShape })
  .strict()
  .superRefine(consentRules(true));

/**
 * A full update (the edit form, `PUT`): every statistical and personal field must be named, so
 * that one left out is refused instead of reset. The consent fields record a new consent and
 * may be left out.
 */
const updateClientObject = z.object({ id, version: z.coerce.number().int().min(1), ...everyField({ ...statisticalShape, ...personalShape }), ...consentShape }).strict();

export const updateClientSchema = updateClientObject.superRefine(consentRules(false));

/**
 * A partial update (`PATCH`): the full update's fields, each optional but the id and version.
 * The rules across fields are checked on the merged client (lib/clients/commands.ts).
 */
export const patchClientSchema = partialOf(updateClientObject, ["id", "version"]);

/** How the case list can be ordered; each has its natural direction (newest contact, A–Z, most reminders first). */
export const CLIENT_SORTS = ["recent", "lastContact", "ref", "reminders"] as const;
export const CLIENT_REMINDER_FILTERS = ["open", "overdue"] as const;

/** "" from a GET form means "not given". */
const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const searchClientsSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    contactPointId: optionalParam(id),
    /** Only cases with an open reminder, or with one whose day has passed (Europe/Berlin). */
    reminders: optionalParam(z.enum(CLIENT_REMINDER_FILTERS)),
    /** The last contact (latest record's date) within these days; a case without any record never matches. */
    lastContactFrom: optionalParam(isoDate),
    lastContactTo: optionalParam(isoDate),
    sort: optionalParam(z.enum(CLIENT_SORTS)).transform((v) => v ?? "recent"),
    order: optionalParam(z.enum(["asc", "desc"])),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type ClientSort = (typeof CLIENT_SORTS)[number];

/** A case, and on request its deleted records too (marked as such on the timeline). */
export const getClientSchema = z
  .object({
    id,
    deleted: z
      .preprocess((v) => (v === undefined || v === "" ? undefined : v === true || v === "true" || v === "1"), z.boolean().optional())
      .transform((v) => v ?? false),
  })
  .strict();

export const clientIdSchema = z.object({ id }).strict();
export const withdrawConsentSchema = z.object({ clientId: id }).strict();
/** A reminder's note is free text about a person: like a name, kept only while a consent is in force (checked by the command). */
export const createReminderSchema = z.object({ clientId: id, dueOn: isoDate, note: z.string().trim().min(1).max(500) }).strict();
export const completeReminderSchema = z.object({ id }).strict();

export type CreateClientInput = z.input<typeof createClientSchema>;
