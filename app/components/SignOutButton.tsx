"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "use-intl";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <button type="button" className="link-button" onClick={() => void signOut({ callbackUrl: "/login" })}>
      {t("logout")}
    </button>
  );
}
