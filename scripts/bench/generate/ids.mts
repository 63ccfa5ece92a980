/** Identifiers of generated rows: time-ordered record and client ids, unique client references. */
import type { Random } from "@/lib/demo/demo-random";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Time-ordered UUIDs (version 7: creation time first, then random bits), so that the bulk load
 * appends to the primary-key indexes instead of writing all over them.
 */
export function uuid7(rng: Random, ms: number): string {
  const t = ms.toString(16).padStart(12, "0");
  const a = (rng.next() * 4294967296) >>> 0;
  const b = (rng.next() * 4294967296) >>> 0;
  const c = (rng.next() * 4294967296) >>> 0;
  const rand = HEX[(a >>> 24) & 0x0f] + HEX[(a >>> 16) & 0xff];
  const variant = HEX[((a >>> 8) & 0x3f) | 0x80] + HEX[a & 0xff];
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${rand.slice(1)}-${variant}-${HEX[b >>> 24]}${HEX[(b >>> 16) & 0xff]}${HEX[(b >>> 8) & 0xff]}${HEX[b & 0xff]}${HEX[c >>> 24]}${HEX[(c >>> 16) & 0xff]}`;
}

const REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const REF_SPACE = 1n << 40n; // 32^8
const REF_MULTIPLIER = 0x9e3779b97fn; // odd: multiplication is a bijection modulo 2^40

/** A unique, random-looking client reference (K-XXXX-XXXX) for the n-th client, without remembering the others. */
export function refOf(n: number): string {
  let x = (BigInt(n) * REF_MULTIPLIER + 0x5bd1e995n) % REF_SPACE;
  let s = "";
  for (let i = 0; i < 8; i++) {
    s = REF_ALPHABET[Number(x & 31n)] + s;
    x >>= 5n;
  }
  return `K-${s.slice(0, 4)}-${s.slice(4)}`;
}
