import type { z } from "zod";
import { requestLocale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { MAX_UPLOAD_BYTES } from "@/lib/import/operations";
import { MAX_FILE_MB } from "@/lib/import/read";
import { httpStatus, type Access, type Operation } from "@/lib/operation";
import { perform } from "@/lib/server";
import { sameOrigin } from "./api-call";

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * An upload to check or import: a form (multipart from the page; a form-encoded `file` field
 * holding the CSV text also does) with `contactPointId` and `file`, and the operation's `fields`
 * besides (the outcomes' source and its date). Route handlers have no body
 * limit of their own: a declared length past the file limit is refused before reading.
 */
export async function uploadResponse<A extends Access, S extends z.ZodType, R>(request: Request, op: Operation<A, S, R>, fields: readonly string[] = []): Promise<Response> {
  if (!sameOrigin(request)) return json({ error: { kind: "forbidden", reason: "cross-origin request" } }, 403);
  const t = translator(requestLocale(request));
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES) {
    return json({ error: { kind: "too_large", fieldErrors: { file: [t("errors.fileTooLarge", { max: MAX_FILE_MB })] } } }, 413);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json({ error: { kind: "validation", fieldErrors: { file: [t("errors.uploadUnreadable")] } } }, 422);
  }
  const given = form.get("file");
  const fileName = String(form.get("fileName") ?? (given instanceof File ? given.name : "upload.csv"));
  const file = typeof given === "string" ? new File([given], fileName) : given;
  const extra = Object.fromEntries(fields.map((f) => [f, form.get(f) ?? undefined]));
  const result = await perform(op, { contactPointId: form.get("contactPointId"), file, fileName, ...extra });
  return result.ok ? json(result.value, 200) : json({ error: result.error }, httpStatus(result.error));
}
