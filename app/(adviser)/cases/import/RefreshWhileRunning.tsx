"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { REFRESH_MS } from "./upload";

/** While an import of the list runs (someone came back to the page), the page reads the list again every two seconds. */
export function RefreshWhileRunning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
