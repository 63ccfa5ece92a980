"use client";
import { createStore, get, set, del, type UseStore } from "idb-keyval";

/**
 * The references of the clients this adviser chose in a form on this device (id and reference,
 * the pseudonym the app gives each case: never a name or contact details), so that the client
 * picker can offer them offline, when it cannot ask the server. Per user, the latest 50, and
 * removed at sign-out like the queue.
 */
export interface ClientReference {
  id: string;
  ref: string;
}

const KEEP = 50;
let opened: UseStore | null = null;
const store = () => (opened ??= createStore("lotse-offline-references", "clients"));

export async function rememberReference(userId: string, client: ClientReference): Promise<void> {
  const known = (await get<ClientReference[]>(userId, store())) ?? [];
  const next = [{ id: client.id, ref: client.ref }, ...known.filter((c) => c.id !== client.id)].slice(0, KEEP);
  await set(userId, next, store());
}

/** The remembered references containing `query` (any case), most recently chosen first. */
export async function findReferences(userId: string, query: string): Promise<ClientReference[]> {
  const known = (await get<ClientReference[]>(userId, store())) ?? [];
  const wanted = query.trim().toLowerCase();
  return known.filter((c) => c.ref.toLowerCase().includes(wanted));
}

export async function referenceOf(userId: string, id: string): Promise<ClientReference | undefined> {
  return ((await get<ClientReference[]>(userId, store())) ?? []).find((c) => c.id === id);
}

export async function forgetReferences(userId: string): Promise<void> {
  await del(userId, store());
}
