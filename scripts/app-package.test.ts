import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppFolder, packageModeOf, zipFolder } from './package-app.js';

/**
 * What `zcli apps:validate` would check (it needs Zendesk online): the manifest's fields and types,
 * every translation key the manifest needs in every locale, the assets and logo sizes, and that the
 * zip holds exactly the app. `npm test` builds assets/ first.
 */
const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const locales = readdirSync(join(root, 'translations')).map((f) => f.replace(/\.json$/, ''));
const pngSize = (file: string) => {
  const b = readFileSync(file);
  return { signature: b.subarray(1, 4).toString(), width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

/**
 * The chunks a browser fetches before running `files`: theirs and, transitively, their static imports
 * (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`), not the dynamic `import("./x.js")`.
 */
function staticClosure(files: string[], read: (file: string) => string): string[] {
  const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^'"`();]*?\bfrom\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, imported] of read(file).matchAll(STATIC_IMPORT)) visit(imported!);
  };
  files.forEach(visit);
  return [...seen];
}

describe('the Zendesk app package', () => {
  it('has a manifest Zendesk accepts', () => {
    expect(manifest.frameworkVersion).toBe('2.0');
    expect(manifest.defaultLocale).toMatch(/^[a-z]{2,3}(-\w{2,3})?$/);
    expect(typeof manifest.author.name).toBe('string');
    expect(manifest.author.email).toMatch(/@/);
    // The committed manifest is the public listing's (npm run package -- --public); private apps are built from it.
    expect(manifest.private).toBe(false);
    expect(manifest.location.support.ticket_sidebar).toEqual({ url: 'assets/iframe.html', flexible: true });
    expect(manifest.location.support.nav_bar).toEqual({ url: 'assets/iframe.html' });
    const names = manifest.parameters.map((p: { name: string }) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of manifest.parameters) {
      expect(['text', 'checkbox', 'url', 'number', 'multiline', 'hidden']).toContain(p.type);
      if (p.secure) expect(p.scopes).toEqual(['jwt_secret_key']);
      if (/secret|token|key/.test(p.name)) expect(p.secure).toBe(true);
    }
    expect(Array.isArray(manifest.domainWhitelist)).toBe(true);
  });

  it('translates the listing and every parameter in English, German, French, Spanish, Brazilian Portuguese and Japanese', () => {
    expect(locales.sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    for (const locale of locales) {
      const t = JSON.parse(readFileSync(join(root, 'translations', `${locale}.json`), 'utf8')).app;
      for (const key of ['name', 'short_description', 'long_description', 'installation_instructions']) expect(t[key], `${locale}.${key}`).toBeTruthy();
      for (const p of manifest.parameters) expect(t.parameters[p.name].label, `${locale} ${p.name}`).toBeTruthy();
    }
  });

  it('ships the built sidebar and logos of the required sizes, under the bundle budget', () => {
    expect(existsSync(join(root, 'assets', 'iframe.html'))).toBe(true);
    expect(pngSize(join(root, 'assets', 'logo.png'))).toEqual({ signature: 'PNG', width: 320, height: 320 });
    expect(pngSize(join(root, 'assets', 'logo-small.png'))).toEqual({ signature: 'PNG', width: 128, height: 128 });
    expect(existsSync(join(root, 'assets', 'icon_nav_bar.svg'))).toBe(true);
    // Marketplace screenshots: screenshot-0.png onwards (at most three are shown), 1024x768, at most 500 KB.
    for (const name of ['screenshot-0.png', 'screenshot-1.png']) {
      expect(pngSize(join(root, 'assets', name)), name).toMatchObject({ signature: 'PNG', width: 1024, height: 768 });
      expect(readFileSync(join(root, 'assets', name)).length, name).toBeLessThan(500 * 1024);
    }
    // The sidebar loads the entry chunk and what it imports statically; the admin page (nav_bar) loads its own
    // chunks on demand with import(), so those count against the admin budget only.
    const html = readFileSync(join(root, 'assets', 'iframe.html'), 'utf8');
    const js = readdirSync(join(root, 'assets')).filter((f) => f.endsWith('.js'));
    const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(root, 'assets', f))).length, 0);
    const roots = js.filter((f) => html.includes(`./${f}`));
    expect(roots).toHaveLength(1);
    const entry = staticClosure(roots, (f) => readFileSync(join(root, 'assets', f), 'utf8'));
    // The sidebar also fetches its agent's language (src/locales/, one chunk each): count the largest one.
    const localeChunks = js.filter((f) => /^(en|de|fr|es|pt-BR|ja)-[\w-]+\.js$/.test(f));
    expect(localeChunks).toHaveLength(6);
    const sidebar = gz(entry) + Math.max(...localeChunks.map((f) => gz([f])));
    // The rules editor is fetched when its tab first opens, with its strings in the admin's language only (one
    // chunk per language, src/admin-locales/): it has its own budget, the largest language counted.
    const rulesLocales = js.filter((f) => /^admin-(en|de|fr|es|pt-BR|ja)-[\w-]+\.js$/.test(f));
    expect(rulesLocales).toHaveLength(6);
    const rulesEditor = js.filter((f) => /^RulesAdmin-[\w-]+\.js$/.test(f));
    expect(rulesEditor).toHaveLength(1);
    const rules = gz(rulesEditor) + Math.max(...rulesLocales.map((f) => gz([f])));
    // The admin page fetches the sidebar's strings in its admin's language only (errors, reason words): the largest
    // counts, as for the sidebar. What loads later, on demand, is measured on its own: Connect Baton (only on an
    // unconfigured installation) and the Connection tab, each with the largest of its languages (src/connect-locales/).
    const adminRoots = js.filter((f) => /^admin-[\w-]+\.js$/.test(f) && !rulesLocales.includes(f));
    expect(adminRoots).toHaveLength(1);
    const admin = gz(staticClosure(adminRoots, (f) => readFileSync(join(root, 'assets', f), 'utf8')).filter((f) => !entry.includes(f)))
      + Math.max(...localeChunks.map((f) => gz([f])));
    const connectLocales = js.filter((f) => /^connect-(en|de|fr|es|pt-BR|ja)-[\w-]+\.js$/.test(f));
    expect(connectLocales).toHaveLength(6);
    const onDemand = (prefixes: string[]) => gz(js.filter((f) => prefixes.some((p) => f.startsWith(`${p}-`)))) + Math.max(...connectLocales.map((f) => gz([f])));
    const connectPage = onDemand(['ConnectPage', 'onboarding']);
    const connectionTab = onDemand(['ConnectionHealth']);
    console.log(`Connect Baton page: ${(connectPage / 1024).toFixed(1)} KB, Connection tab: ${(connectionTab / 1024).toFixed(1)} KB gzipped on demand (budget 5 KB each)`);
    expect(connectPage).toBeLessThan(5 * 1024);
    expect(connectionTab).toBeLessThan(5 * 1024);
    // The AI agents tab: its code and its strings in the admin's language (src/agents-locales/), fetched when it opens.
    const agentsLocales = js.filter((f) => /^agents-(en|de|fr|es|pt-BR|ja)-[\w-]+\.js$/.test(f));
    expect(agentsLocales).toHaveLength(6);
    const agentsTab = gz(js.filter((f) => f.startsWith('AgentsAdmin-'))) + Math.max(...agentsLocales.map((f) => gz([f])));
    console.log(`AI agents tab: ${(agentsTab / 1024).toFixed(1)} KB gzipped on demand (budget 5 KB)`);
    expect(agentsTab).toBeLessThan(5 * 1024);
    // An agent's settings (callback URL, "While the customer waits"): their own chunk and strings (src/waiting-locales/),
    // fetched when an admin opens them.
    const waitingLocales = js.filter((f) => /^waiting-(en|de|fr|es|pt-BR|ja)-[\w-]+\.js$/.test(f));
    expect(waitingLocales).toHaveLength(6);
    const waitingSettings = gz(js.filter((f) => f.startsWith('AgentSettings-'))) + Math.max(...waitingLocales.map((f) => gz([f])));
    console.log(`agent settings (callback URL, waiting): ${(waitingSettings / 1024).toFixed(1)} KB gzipped on demand (budget 5 KB)`);
    expect(waitingSettings).toBeLessThan(5 * 1024);
    console.log(`sidebar JS: ${(sidebar / 1024).toFixed(1)} KB gzipped (budget 30 KB); admin page chunks: ${(admin / 1024).toFixed(1)} KB (budget 20 KB); rules editor tab: ${(rules / 1024).toFixed(1)} KB (budget 10 KB)`);
    expect(sidebar).toBeLessThan(30 * 1024);
    expect(admin).toBeGreaterThan(0);
    expect(admin).toBeLessThan(20 * 1024);
    expect(rules).toBeLessThan(10 * 1024);
    expect(readFileSync(join(root, 'assets', 'iframe.html'), 'utf8')).toContain('static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js');
  });

  it('packages a private app for a self-hosted relay: private, its host whitelisted and as the Relay URL default', () => {
    const folder = buildAppFolder(root, { kind: 'private', relayUrl: 'https://relay.customer.example:8443/' });
    const names = zipFolder(folder, join(root, 'dist', 'test-app.zip'));
    expect(names.every((n) => n === 'manifest.json' || n.startsWith('assets/') || n.startsWith('translations/'))).toBe(true);
    expect(names).toContain('assets/iframe.html');
    expect(names.filter((n) => n.startsWith('translations/'))).toHaveLength(6);
    const built = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(built.private).toBe(true);
    expect(built.domainWhitelist).toEqual(['relay.customer.example:8443']);
    expect(built.parameters.find((p: { name: string }) => p.name === 'relay_url').default).toBe('https://relay.customer.example:8443');
  });

  it('packages the public listing as committed: not private, the hosted relay fixed; and says how when the mode is missing', () => {
    const built = JSON.parse(readFileSync(join(buildAppFolder(root, { kind: 'public' }), 'manifest.json'), 'utf8'));
    expect(built.private).toBe(false);
    const relay = new URL(built.parameters.find((p: { name: string }) => p.name === 'relay_url').default);
    expect(built.domainWhitelist).toEqual([relay.host]);
    // Connect Baton fills these after install: the install form cannot demand them.
    for (const name of ['tenant_id', 'shared_secret']) expect(built.parameters.find((p: { name: string }) => p.name === name).required).toBe(false);
    expect(packageModeOf([], {})).toMatch(/^Usage: npm run package -- --public/);
    expect(packageModeOf([], { RELAY_PUBLIC_URL: 'https://relay.acme.example' })).toEqual({ kind: 'private', relayUrl: 'https://relay.acme.example' });
    expect(packageModeOf(['--relay-url', 'http://relay.acme.example'], {})).toMatch(/must be https/);
    expect(packageModeOf(['--public'], {})).toEqual({ kind: 'public' });
  });
});
