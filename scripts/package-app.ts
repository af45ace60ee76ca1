/**
 * `npm run package`: the Zendesk app as zcli would zip it, made offline, in one of two explicit modes.
 *
 * - `--public`: the Marketplace listing of the hosted relay. manifest.json as committed: `private: false`, the hosted
 *   relay's fixed domain in `domainWhitelist` and as the Relay URL default. A public listing is one package for every
 *   customer, so it can only ever serve that one relay (secure settings reach whitelisted hosts only: reference/zaf.md §3).
 * - `--relay-url https://relay.acme.com` (or RELAY_PUBLIC_URL): a private app for a self-hosted relay. `private: true`
 *   (installable only in the account that uploads it), that relay's host in `domainWhitelist` and as the Relay URL default.
 *
 * Copies the manifest, translations/ and the built assets/ into dist/app/, then writes dist/baton-app.zip.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';

export type PackageMode = { kind: 'public' } | { kind: 'private'; relayUrl: string };

type Parameter = { name: string; default?: string };

export function buildAppFolder(root: string, mode: PackageMode): string {
  const out = join(root, 'dist', 'app');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, unknown> & { parameters: Parameter[] };
  const relayParameter = manifest.parameters.find((p) => p.name === 'relay_url')!;
  if (mode.kind === 'public') {
    // The listing serves exactly the hosted relay: its default must be a whitelisted https host.
    const hosted = new URL(String(relayParameter.default));
    if (hosted.protocol !== 'https:' || !(manifest.domainWhitelist as string[]).includes(hosted.host) || manifest.private !== false) {
      throw new Error('manifest.json is not a public listing: private must be false and relay_url\'s https default host must be in domainWhitelist.');
    }
  } else {
    const relay = new URL(mode.relayUrl);
    manifest.private = true;
    manifest.domainWhitelist = [relay.host];
    relayParameter.default = relay.origin + relay.pathname.replace(/\/$/, '');
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(root, 'translations'), join(out, 'translations'), { recursive: true });
  cpSync(join(root, 'assets'), join(out, 'assets'), { recursive: true });
  return out;
}

/** `--public`, or `--relay-url <url>` / RELAY_PUBLIC_URL; anything else is a usage error (no silent default host). */
export function packageModeOf(argv: string[], env: Record<string, string | undefined>): PackageMode | string {
  const usage = 'Usage: npm run package -- --public   (Marketplace listing of the hosted relay, manifest.json as is)\n' +
    '       npm run package -- --relay-url https://relay.example.com   (private app for a self-hosted relay; or RELAY_PUBLIC_URL)';
  const i = argv.indexOf('--relay-url');
  const relayUrl = i >= 0 ? argv[i + 1] : env.RELAY_PUBLIC_URL;
  if (argv.includes('--public')) return relayUrl && i >= 0 ? `Give --public or --relay-url, not both.\n${usage}` : { kind: 'public' };
  if (!relayUrl) return usage;
  try {
    const url = new URL(relayUrl);
    if (url.protocol !== 'https:' && url.hostname !== 'localhost') return `The relay URL must be https (Zendesk calls it from the browser): ${relayUrl}\n${usage}`;
  } catch {
    return `Not a URL: ${relayUrl}\n${usage}`;
  }
  return { kind: 'private', relayUrl };
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
  const mode = packageModeOf(process.argv.slice(2), process.env);
  if (typeof mode === 'string') {
    process.stderr.write(`${mode}\n`);
    process.exit(64);
  }
  const folder = buildAppFolder(root, mode);
  const names = zipFolder(folder, join(root, 'dist', 'baton-app.zip'));
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { private: boolean; domainWhitelist: string[] };
  process.stdout.write(`dist/baton-app.zip (${manifest.private ? 'private app' : 'public listing'} for ${manifest.domainWhitelist.join(', ')}): ${names.length} files\n${names.map((n) => `  ${n}`).join('\n')}\n`);
}
