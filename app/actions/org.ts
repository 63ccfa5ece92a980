"use server";
import { revalidatePath } from "next/cache";
import { closeUnit, createUnit, renameUnit } from "@/lib/org/commands";
import { perform } from "@/lib/server";

export async function createUnitAction(input: unknown) {
  const result = await perform(createUnit, input);
  if (result.ok) revalidatePath("/admin/org", "layout");
  return result;
}

export async function renameUnitAction(input: unknown) {
  const result = await perform(renameUnit, input);
  if (result.ok) revalidatePath("/admin/org", "layout");
  return result;
}

export async function closeUnitAction(input: unknown) {
  const result = await perform(closeUnit, input);
  if (result.ok) revalidatePath("/admin/org", "layout");
  return result;
}
