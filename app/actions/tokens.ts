"use server";
import { revalidatePath } from "next/cache";
import { createToken, revokeToken } from "@/lib/api/tokens";
import { perform } from "@/lib/server";

/** The plain token is in this result only: it is shown once and never stored. */
export async function createTokenAction(input: unknown) {
  const result = await perform(createToken, input);
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}

export async function revokeTokenAction(input: unknown) {
  const result = await perform(revokeToken, input);
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}
