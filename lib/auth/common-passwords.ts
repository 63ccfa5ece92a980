import { dictionary } from "@zxcvbn-ts/language-common";

// About 49,000 of the passwords most often found in breaches, from a maintained list
// (zxcvbn-ts), kept on the server: the browser never downloads it.
const COMMON = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));

/**
 * A password that is a common one, or a common one with digits and signs added at the
 * end or the start ("password2024!", "!!qwertyuiop"), is refused.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  return core.length >= 4 && COMMON.has(core);
}
