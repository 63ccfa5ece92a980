"use server";
import { revalidatePath } from "next/cache";
import { createUser, setPassword, setUserActive, updateUser } from "@/lib/users/commands";
import { perform } from "@/lib/server";

export async function createUserAction(input: unknown) {
  const result = await perform(createUser, input);
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function updateUserAction(input: unknown) {
  const result = await perform(updateUser, input);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return result;
}

export async function setUserActiveAction(input: unknown) {
  const result = await perform(setUserActive, input);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return result;
}

export async function setPasswordAction(input: unknown) {
  return perform(setPassword, input);
}
