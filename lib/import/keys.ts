import { createHmac } from "node:crypto";

/**
 * The keys by which a later import recognises what an earlier one made (table import_keys), keyed
 * with the server's pseudonym secret: a spreadsheet's own client reference is often a person's
 * name, and neither it nor a row's content may stay readable, or be guessed by hashing likely
 * names, after the client's personal data has been erased.
 */
export interface ImportKeys {
  /** A client's or scheme's reference as the file writes it. */
  ref(ref: string): string;
  /** A row's content, keyed: what identical rows of a file share. */
  content(content: string): string;
  /** The `n`-th occurrence of a keyed content among identical rows of the file. */
  row(keyedContent: string, n: number): string;
}

export function importKeysWith(secret: string): ImportKeys {
  const keyed = (text: string) => createHmac("sha256", secret).update(text).digest("base64url");
  return { ref: (ref) => `ref:${keyed(ref)}`, content: keyed, row: (keyedContent, n) => `row:${keyedContent}:${n}` };
}
