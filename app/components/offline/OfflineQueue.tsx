"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useLocale, useTranslations } from "use-intl";
import { discardExpired, QUEUE_CHANGED, queuedRecords, type QueuedRecord } from "./queue";
import { registerServiceWorker } from "./register";
import { sendWaiting } from "./sender";

/** Asks the form on this page to open a refused record for correction (see useQueuedCorrection). */
export const CORRECT_QUEUED = "lotse:correct-queued";
/** After a lost connection or a server error: the next attempt. */
const RETRY_MS = 3000;

const subscribeOnline = (notify: () => void) => {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
};

/**
 * What waits in this browser to be sent and what the server refused, on the field forms' pages.
 * Sends whenever the browser is online: on opening, when the connection returns, after a save,
 * and again every few seconds while an attempt failed on the way.
 */
export function OfflineQueue({ userId, slug }: { userId: string; slug: string }) {
  const t = useTranslations("offline");
  const kinds = useTranslations("recordKinds");
  const locale = useLocale();
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [items, setItems] = useState<QueuedRecord[]>([]);
  const [discarded, setDiscarded] = useState(0);
  const [signedOut, setSignedOut] = useState(false);
  const [sending, setSending] = useState(false);
  const [ready, setReady] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const sync = useCallback(async function attempt(): Promise<void> {
    clearTimeout(timer.current);
    if (!navigator.onLine) return;
    if (!(await queuedRecords(userId)).some((item) => item.state === "waiting")) return;
    setSending(true);
    const outcome = await sendWaiting(userId, locale);
    setSending(false);
    setSignedOut(outcome === "signedOut");
    if (outcome === "retry") timer.current = setTimeout(() => void attempt(), RETRY_MS);
  }, [userId, locale]);

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const list = await queuedRecords(userId);
      if (alive) setItems(list);
    };
    const changed = () => {
      void refresh();
      void sync();
    };
    void (async () => {
      const dropped = await discardExpired(userId);
      if (alive && dropped) setDiscarded(dropped);
      changed();
    })();
    registerServiceWorker()
      .then((stored) => alive && setReady(stored))
      .catch(() => undefined);
    window.addEventListener("online", changed);
    window.addEventListener(QUEUE_CHANGED, changed);
    return () => {
      alive = false;
      clearTimeout(timer.current);
      window.removeEventListener("online", changed);
      window.removeEventListener(QUEUE_CHANGED, changed);
    };
  }, [userId, sync]);

  const waiting = items.filter((item) => item.state === "waiting").length;
  return (
    <section className="offline-queue" aria-labelledby={items.length > 0 ? "offline-queue-heading" : undefined} data-offline-ready={ready ? "true" : undefined}>
      {!online && <p className="notice">{t("offlineNow")}</p>}
      {discarded > 0 && (
        <p className="form-error" role="alert">
          {t("discarded", { count: discarded })}
        </p>
      )}
      {items.length > 0 && (
        <>
          <h2 id="offline-queue-heading">{t("title")}</h2>
          <p className="hint">{t("intro")}</p>
          {signedOut && <p className="form-error">{t("signInAgain")}</p>}
          <ul aria-labelledby="offline-queue-heading">
            {items.map((item) => (
              <li key={item.key}>
                {t("item", { kind: kinds(`${item.kind}.name`), date: String(item.values.occurredOn ?? "") })}:{" "}
                {item.state === "waiting" ? t("waiting") : t("failed")}
                {item.state === "failed" && (
                  <>
                    {" "}
                    {item.slug === slug ? (
                      <button type="button" className="link-button" onClick={() => window.dispatchEvent(new CustomEvent(CORRECT_QUEUED, { detail: item.key }))}>
                        {t("correct")}
                      </button>
                    ) : (
                      // A full page load: the cached form opens offline too, and reads the key from the address.
                      <a href={`/cases/records/${item.slug}/new#queued=${encodeURIComponent(item.key)}`}>{t("correct")}</a>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
          {waiting > 0 && online && (
            <button type="button" onClick={() => void sync()} disabled={sending}>
              {t("sendNow")}
            </button>
          )}
        </>
      )}
      <p className="hint" role="status" aria-live="polite">
        {sending ? t("sending") : ""}
      </p>
    </section>
  );
}
