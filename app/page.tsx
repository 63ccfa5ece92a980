import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { homePath } from "@/lib/auth/home";

export default async function Index() {
  const actor = await currentActor();
  redirect(actor ? homePath(actor.role) : "/login");
}
