// Writes the marketplace logos (PNG, 320×320 and 128×128) without image tools: a baton mark drawn per pixel.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const u = x / size, v = y / size;
      const r = 0.18; // rounded square
      const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0), dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
      const inside = dx * dx + dy * dy <= r * r;
      // a diagonal baton with two round ends, in white
      const t = Math.max(0, Math.min(1, ((u - 0.28) + (v - 0.72) * -1) / 0.88 + 0.5 - 0.5));
      const px = 0.28 + 0.44 * t, py = 0.72 - 0.44 * t;
      const d = Math.hypot(u - px, v - py);
      const baton = d < 0.075 && u > 0.2 && u < 0.8;
      const ends = Math.hypot(u - 0.28, v - 0.72) < 0.11 || Math.hypot(u - 0.72, v - 0.28) < 0.11;
      const o = 1 + x * 4;
      if (!inside) row.writeUInt32BE(0x00000000, o);
      else if (baton || ends) row.writeUInt32BE(0xffffffff, o);
      else row.writeUInt32BE(0x1f73b7ff, o); // Zendesk Garden blue
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync('public/logo.png', png(320));
writeFileSync('public/logo-small.png', png(128));
writeFileSync(
  'public/logo.svg',
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#1f73b7"/><line x1="28" y1="72" x2="72" y2="28" stroke="#fff" stroke-width="15" stroke-linecap="round"/><circle cx="28" cy="72" r="11" fill="#fff"/><circle cx="72" cy="28" r="11" fill="#fff"/></svg>\n',
);
