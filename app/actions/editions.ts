"use server";
import { revalidatePath } from "next/cache";
import { publishEdition } from "@/lib/editions/operations";
import { perform } from "@/lib/server";

export async function publishEditionAction(input: unknown) {
  const result = await perform(publishEdition, input);
  if (result.ok) revalidatePath("/reports/editions");
  return result;
}
