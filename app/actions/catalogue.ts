"use server";
import { revalidatePath } from "next/cache";
import { createConsentPurpose, updateConsentPurpose } from "@/lib/consent-purposes";
import { createOccupation, updateOccupation } from "@/lib/occupations";
import { perform } from "@/lib/server";

export async function createOccupationAction(input: unknown) {
  const result = await perform(createOccupation, input);
  if (result.ok) revalidatePath("/admin/occupations", "layout");
  return result;
}

export async function updateOccupationAction(input: unknown) {
  const result = await perform(updateOccupation, input);
  if (result.ok) revalidatePath("/admin/occupations", "layout");
  return result;
}

export async function createConsentPurposeAction(input: unknown) {
  const result = await perform(createConsentPurpose, input);
  if (result.ok) revalidatePath("/admin/consent-purposes", "layout");
  return result;
}

export async function updateConsentPurposeAction(input: unknown) {
  const result = await perform(updateConsentPurpose, input);
  if (result.ok) revalidatePath("/admin/consent-purposes", "layout");
  return result;
}
