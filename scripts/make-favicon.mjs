// Writes app/favicon.ico from the shapes of app/icon.svg (a rounded square, an "L"), drawn here
// with 4×4 samples per pixel: no image tool needed. Run after changing the icon: node scripts/make-favicon.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const ACCENT = [0x0b, 0x5c, 0x8e];
const WHITE = [0xff, 0xff, 0xff];

/** The colour at a point of the 32-unit icon, or null outside it. */
function colourAt(x, y) {
  const r = 6;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const inL = (x >= 10 && x < 14 && y >= 7 && y < 25) || (x >= 10 && x < 23 && y >= 21 && y < 25);
  return inL ? WHITE : ACCENT;
}

function pixels(size) {
  const n = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0]; // PNG filter: none
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(((px + (sx + 0.5) / n) * 32) / size, ((py + (sy + 0.5) / n) * 32) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      row.push(a ? Math.round(r / a) : 0, a ? Math.round(g / a) : 0, a ? Math.round(b / a) : 0, Math.round((a * 255) / (n * n)));
    }
    rows.push(...row);
  }
  return Buffer.from(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(pixels(size))), chunk("IEND", Buffer.alloc(0))]);
}

// An ICO holding one PNG per size (read by every current browser).
const images = [16, 32, 48].map((size) => ({ size, data: png(size) }));
const directory = Buffer.alloc(6 + 16 * images.length);
directory.writeUInt16LE(0, 0);
directory.writeUInt16LE(1, 2);
directory.writeUInt16LE(images.length, 4);
let offset = directory.length;
images.forEach(({ size, data }, i) => {
  const at = 6 + 16 * i;
  directory.writeUInt8(size, at);
  directory.writeUInt8(size, at + 1);
  directory.writeUInt16LE(1, at + 4);
  directory.writeUInt16LE(32, at + 6);
  directory.writeUInt32LE(data.length, at + 8);
  directory.writeUInt32LE(offset, at + 12);
  offset += data.length;
});
writeFileSync(new URL("../app/favicon.ico", import.meta.url), Buffer.concat([directory, ...images.map((i) => i.data)]));
