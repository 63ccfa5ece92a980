import { randomInt } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { clients, consentPurposes, consents, erasures, occupations, reminders, type Client } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, FieldError, NotFoundError } from "@/lib/errors";
import { clientChanged } from "@/lib/figures/ledger";
import { recordVersion } from "@/lib/history";
import { forgetAnswersAbout, onceForKey } from "@/lib/idempotency";
import { defineOperation, parseInRun } from "@/lib/operation";
import { clientInScope, statisticalSnapshot } from "./access";
import { unlinkEverywhere } from "./duplicates";
import { forgetPseudonym, storePseudonym } from "./pseudonym";
import { noteErasure } from "./purge";
import {
  PERSONAL_FIELDS,
  completeReminderSchema,
  createClientSchema,
  createReminderSchema,
  patchClientSchema,
  personalShape,
  statisticalShape,
  updateClientSchema,
  withdrawConsentSchema,
} from "./schemas";

// No 0/O or 1/I: the reference is read out on the phone and written on paper.
const REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A pseudonymous client reference, random and not derived from anything about the person. */
export function newClientRef(): string {
  const part = () => Array.from({ length: 4 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join("");
  return `K-${part()}-${part()}`;
}

async function activeConsent(tx: Tx, clientId: string) {
  const [consent] = await tx
    .select()
    .from(consents)
    .where(and(eq(consents.clientId, clientId), isNull(consents.withdrawnAt)))
    .limit(1);
  return consent;
}

async function checkOccupation(tx: Tx, occupationId: string | null) {
  if (!occupationId) return;
  const [found] = await tx.select({ id: occupations.id }).from(occupations).where(eq(occupations.id, occupationId));
  if (!found) throw new FieldError("occupationId", "notAnOccupation");
}

type ClientInput = Record<string, unknown> & { consentGivenOn?: string | null; consentPurposeId?: string | null };

/** A new consent names a purpose the list offers now; its text version is the purpose's, as of today. */
async function consentOf(tx: Tx, givenOn: string | null | undefined, purposeId: string | null | undefined) {
  if (!givenOn || !purposeId) return null;
  const [purpose] = await tx
    .select({ id: consentPurposes.id, textVersion: consentPurposes.textVersion })
    .from(consentPurposes)
    .where(and(eq(consentPurposes.id, purposeId), eq(consentPurposes.active, true)));
  if (!purpose) throw new FieldError("consentPurposeId", "notAConsentPurpose");
  return { givenOn, purposeId: purpose.id, textVersion: purpose.textVersion };
}

async function splitInput(tx: Tx, input: ClientInput) {
  const { idempotencyKey: _k, id: _i, version: _v, consentGivenOn, consentPurposeId, ...values } = input;
  return { values, consent: await consentOf(tx, consentGivenOn, consentPurposeId) };
}

export const createClient = defineOperation({
  name: "clients.create",
  access: "cases.work",
  audit: "change",
  input: createClientSchema,
  async run({ actor, tx }, input): Promise<Client> {
    if (!actor.contactPointIds.includes(input.contactPointId)) throw new FieldError("contactPointId", "notYourUnit");
    return onceForKey(
      tx,
      actor,
      input,
      "clients.create",
      async () => {
        const { values, consent } = await splitInput(tx, input);
        await checkOccupation(tx, input.occupationId);
        const [client] = await tx
          .insert(clients)
          .values({ ...(values as typeof clients.$inferInsert), ref: newClientRef(), createdBy: actor.userId })
          .returning();
        if (consent) await tx.insert(consents).values({ ...consent, clientId: client.id, recordedBy: actor.userId });
        await storePseudonym(tx, client);
        await recordVersion(tx, { subjectId: client.id, subjectType: "client", version: 1, op: "create", actorId: actor.userId, snapshot: statisticalSnapshot(client) });
        return client;
      },
      (id) => clientInScope(tx, actor, id),
    );
  },
});

/** What a client holds that an update names: the fields a partial update leaves as they are. */
const STORED_FIELDS = [...Object.keys(statisticalShape), ...Object.keys(personalShape)] as (keyof Client)[];

/** The one command of both updates (the form and `PUT` with every field, `PATCH` merged onto the stored client). */
async function applyClientUpdate(tx: Tx, actor: Actor, before: Client, input: z.output<typeof updateClientSchema>): Promise<Client> {
  const { values, consent } = await splitInput(tx, input);
  if (consent) await tx.insert(consents).values({ ...consent, clientId: before.id, recordedBy: actor.userId });
  const personal = PERSONAL_FIELDS.some((f) => input[f]);
  if (personal && !consent && !(await activeConsent(tx, before.id))) throw new FieldError("consentGivenOn", "consentRequired");
  await checkOccupation(tx, input.occupationId);
  const [client] = await tx
    .update(clients)
    // The transaction's time, as the history version and any ledger deltas of this change carry it.
    .set({ ...(values as Partial<Client>), version: sql`${clients.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(clients.id, before.id), eq(clients.version, input.version)))
    .returning();
  await recordVersion(tx, {
    subjectId: client.id,
    subjectType: "client",
    version: client.version,
    op: "update",
    actorId: actor.userId,
    snapshot: statisticalSnapshot(client),
    before: statisticalSnapshot(before),
  });
  await clientChanged(tx, before, client);
  await storePseudonym(tx, client);
  return client;
}

export const updateClient = defineOperation({
  name: "clients.update",
  access: "cases.work",
  audit: "change",
  input: updateClientSchema,
  async run({ actor, tx }, input): Promise<Client> {
    const before = await clientInScope(tx, actor, input.id, true);
    if (before.version !== input.version) throw new ConflictError(before);
    return applyClientUpdate(tx, actor, before, input);
  },
});

/** Changes only the fields sent; the merged client must pass the full update's rules. */
export const patchClient = defineOperation({
  name: "clients.patch",
  access: "cases.work",
  audit: "change",
  input: patchClientSchema,
  async run({ actor, tx, locale }, given): Promise<Client> {
    const before = await clientInScope(tx, actor, given.id, true);
    if (before.version !== given.version) throw new ConflictError(before);
    const stored = Object.fromEntries(STORED_FIELDS.map((f) => [f, before[f]]));
    const merged = parseInRun(updateClientSchema, { ...stored, ...given }, locale);
    return applyClientUpdate(tx, actor, before, merged);
  },
});

/** Why a client's personal data is erased: a withdrawal a user recorded, or the retention rule (its period, and the last contact it counted from). */
export type ErasureCause = { reason: "withdrawal"; actorId: string } | { reason: "retention"; retentionYears: number; lastContactOn: string };

/**
 * Erases a client's personal data: name, contact details, notes, follow-up reminders (their
 * notes are free text), the duplicate hints' pseudonym and person links, and ends every
 * consent. The pseudonymous statistical record and all its records stay, so every figure stays
 * the same. The erasure is on record with its cause.
 */
export async function erasePersonalData(tx: Tx, clientId: string, cause: ErasureCause): Promise<Client> {
  const now = new Date();
  const actorId = cause.reason === "withdrawal" ? cause.actorId : null;
  await tx
    .update(consents)
    .set({ withdrawnAt: now, withdrawnBy: actorId })
    .where(and(eq(consents.clientId, clientId), isNull(consents.withdrawnAt)));
  await tx.insert(erasures).values({ clientId, at: now, ...cause });
  await tx.delete(reminders).where(eq(reminders.clientId, clientId));
  // The pseudonym is made of the name, and a link tells where else the person was advised.
  await forgetPseudonym(tx, clientId);
  await unlinkEverywhere(tx, clientId);
  const [updated] = await tx
    .update(clients)
    .set({ fullName: null, phone: null, email: null, notes: null, version: sql`${clients.version} + 1`, updatedAt: now })
    .where(eq(clients.id, clientId))
    .returning();
  await forgetAnswersAbout(tx, updated.createdBy, updated.id);
  // The statistical record is unchanged, but every version is on record.
  await recordVersion(tx, { subjectId: updated.id, subjectType: "client", version: updated.version, op: "update", actorId, snapshot: statisticalSnapshot(updated) });
  // The erased values stay on disk in old row versions until the next housekeeping purges them.
  await noteErasure(tx);
  return updated;
}

/** Withdrawing consent ends the keeping of personal data at once; the statistical record stays. */
export const withdrawConsent = defineOperation({
  name: "clients.withdrawConsent",
  access: "cases.work",
  audit: "change",
  input: withdrawConsentSchema,
  async run({ actor, tx }, { clientId }) {
    const client = await clientInScope(tx, actor, clientId, true);
    return erasePersonalData(tx, client.id, { reason: "withdrawal", actorId: actor.userId });
  },
});

/** A follow-up reminder; its note may hold personal data, so only while the client's consent is in force. */
export const createReminder = defineOperation({
  name: "reminders.create",
  access: "cases.work",
  audit: "change",
  input: createReminderSchema,
  async run({ actor, tx }, input) {
    // Locked like a withdrawal locks it: a note is never saved beside a consent being withdrawn.
    await clientInScope(tx, actor, input.clientId, true);
    if (!(await activeConsent(tx, input.clientId))) throw new FieldError("note", "noteNeedsConsent");
    const [reminder] = await tx.insert(reminders).values({ ...input, adviserId: actor.userId }).returning();
    return reminder;
  },
});

export const completeReminder = defineOperation({
  name: "reminders.complete",
  access: "cases.work",
  audit: "change",
  input: completeReminderSchema,
  async run({ actor, tx }, { id }) {
    const [reminder] = await tx.select().from(reminders).where(eq(reminders.id, id));
    if (!reminder) throw new NotFoundError("reminder");
    await clientInScope(tx, actor, reminder.clientId);
    const [done] = await tx.update(reminders).set({ doneAt: new Date() }).where(eq(reminders.id, id)).returning();
    return done;
  },
});

