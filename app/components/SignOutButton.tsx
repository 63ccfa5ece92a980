"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "use-intl";
import { clearOfflineData, queuedRecords } from "./offline/queue";

/** Signing out also empties this browser's offline queue and cached form pages (README, "Offline use"). */
export function SignOutButton({ userId }: { userId: string }) {
  const t = useTranslations();
  const leave = async () => {
    try {
      const unsent = (await queuedRecords(userId)).length;
      if (unsent > 0 && !window.confirm(t("offline.signOutConfirm", { count: unsent }))) return;
      await clearOfflineData(userId);
    } catch {
      // No IndexedDB (a private window may refuse it): nothing was queued, sign out all the same.
    }
    await signOut({ callbackUrl: "/login" });
  };
  return (
    <button type="button" className="link-button" onClick={() => void leave()}>
      {t("nav.logout")}
    </button>
  );
}
