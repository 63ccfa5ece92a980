"use client";
import { markFailed, queuedRecords, removeQueued } from "./queue";

export type SendOutcome = "done" | "retry" | "signedOut";

let running: Promise<SendOutcome> | null = null;

/**
 * Sends the user's waiting records, oldest first, through the JSON API's create with each record's
 * idempotency key: if an answer is lost on the way, the resend gets the first answer again and no
 * second record is made. A refusal (422, 409, 403, 404) marks the record failed for correction;
 * no connection or a server error leaves it waiting for the next attempt.
 * One run at a time per page.
 */
export function sendWaiting(userId: string, language: string): Promise<SendOutcome> {
  running ??= run(userId, language).finally(() => {
    running = null;
  });
  return running;
}

async function run(userId: string, language: string): Promise<SendOutcome> {
  let outcome: SendOutcome = "done";
  for (const item of await queuedRecords(userId)) {
    if (item.state !== "waiting") continue;
    let response: Response;
    try {
      response = await fetch(`/api/v1/${item.slug}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Idempotency-Key": item.key, "Accept-Language": language },
        body: JSON.stringify(item.values),
      });
    } catch {
      return "retry";
    }
    if (response.ok) {
      await removeQueued(userId, item.key);
    } else if (response.status === 401) {
      return "signedOut";
    } else if ([400, 403, 404, 409, 422].includes(response.status)) {
      const body = (await response.json().catch(() => null)) as { error?: { fieldErrors?: Record<string, string[]> } } | null;
      await markFailed(item, body?.error?.fieldErrors ?? { _form: [String(response.status)] });
    } else {
      outcome = "retry";
    }
  }
  return outcome;
}
