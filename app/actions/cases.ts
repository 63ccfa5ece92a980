"use server";
import { revalidatePath } from "next/cache";
import { completeReminder, createClient, createReminder, updateClient, withdrawConsent } from "@/lib/clients/commands";
import { linkPerson, unlinkPerson } from "@/lib/clients/duplicates";
import { searchClients } from "@/lib/clients/queries";
import type { Result } from "@/lib/operation";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS } from "@/lib/records/kinds";
import { perform } from "@/lib/server";

// Every action goes through perform(): the actor comes from the session, the input is parsed again here.

function done<R>(result: Result<R>): Result<R> {
  if (result.ok) revalidatePath("/cases", "layout");
  return result;
}

export async function createClientAction(input: unknown) {
  return done(await perform(createClient, input));
}

export async function updateClientAction(input: unknown) {
  return done(await perform(updateClient, input));
}

export async function withdrawConsentAction(input: unknown) {
  return done(await perform(withdrawConsent, input));
}

export async function createReminderAction(input: unknown) {
  return done(await perform(createReminder, input));
}

export async function completeReminderAction(input: unknown) {
  return done(await perform(completeReminder, input));
}

export async function linkPersonAction(input: unknown) {
  return done(await perform(linkPerson, input));
}

export async function unlinkPersonAction(input: unknown) {
  return done(await perform(unlinkPerson, input));
}

/** For the client pickers of record forms: the adviser's clients by reference or name. */
export async function searchClientsAction(input: unknown) {
  return perform(searchClients, input);
}

/** The kind comes from the browser too: only one of the known kinds is accepted. */
function operationsOf(kind: unknown) {
  const spec = KINDS.find((k) => k.kind === kind);
  return spec ? RECORD_OPERATIONS[spec.kind] : null;
}

const unknownKind = { ok: false, error: { kind: "not_found" } } as const;

export async function createRecordAction(kind: string, input: unknown) {
  const ops = operationsOf(kind);
  return ops ? done(await perform(ops.create, input)) : unknownKind;
}

export async function updateRecordAction(kind: string, input: unknown) {
  const ops = operationsOf(kind);
  return ops ? done(await perform(ops.update, input)) : unknownKind;
}

export async function deleteRecordAction(kind: string, input: unknown) {
  const ops = operationsOf(kind);
  return ops ? done(await perform(ops.remove, input)) : unknownKind;
}
