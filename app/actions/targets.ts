"use server";
import { revalidatePath } from "next/cache";
import { saveTarget } from "@/lib/figures/targets";
import { perform } from "@/lib/server";

export async function saveTargetAction(input: unknown) {
  const result = await perform(saveTarget, input);
  if (result.ok) revalidatePath("/admin/targets");
  return result;
}
