/**
 * `npm run package`: the Zendesk app as zcli would zip it, made offline. Copies manifest.json (with the
 * relay's host written into domainWhitelist, so secure settings may reach it), translations/ and the
 * built assets/ into dist/app/, then writes dist/baton-app.zip. RELAY_PUBLIC_URL sets the relay host.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';

export function buildAppFolder(root: string, relayUrl: string): string {
  const out = join(root, 'dist', 'app');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.domainWhitelist = [new URL(relayUrl).host];
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(root, 'translations'), join(out, 'translations'), { recursive: true });
  cpSync(join(root, 'assets'), join(out, 'assets'), { recursive: true });
  return out;
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A plain deflate zip (what zcli's archiver writes), entries sorted by path. */
export function zipFolder(folder: string, zipPath: string): string[] {
  const entries = files(folder).map((f) => ({ name: relative(folder, f).split('\\').join('/'), data: readFileSync(f) })).sort((a, b) => a.name.localeCompare(b.name));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(e.data.length, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  writeFileSync(zipPath, Buffer.concat([...locals, cd, end]));
  return entries.map((e) => e.name);
}

if (process.argv[1]?.endsWith('package-app.ts')) {
  const root = process.cwd();
  const folder = buildAppFolder(root, process.env.RELAY_PUBLIC_URL ?? 'https://relay.baton.example');
  const names = zipFolder(folder, join(root, 'dist', 'baton-app.zip'));
  process.stdout.write(`dist/baton-app.zip: ${names.length} files\n${names.map((n) => `  ${n}`).join('\n')}\n`);
}
