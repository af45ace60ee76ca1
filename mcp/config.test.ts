import { describe, expect, it } from 'vitest';
import { loadMcpConfig } from './config.js';

const base = { BATON_API_KEY: 'bk_abc', BATON_AGENT_ID: 'agt_1' };

describe('MCP server configuration', () => {
  it('runs over stdio against the local relay unless told otherwise', () => {
    expect(loadMcpConfig(base)).toMatchObject({ transport: 'stdio', relayUrl: 'http://127.0.0.1:8787', agentId: 'agt_1', port: 8788 });
    expect(loadMcpConfig({ ...base, MCP_PORT: '9000' }, ['--http'])).toMatchObject({ transport: 'http', port: 9000 });
  });

  it('says which setting is missing or wrong', () => {
    expect(() => loadMcpConfig({ BATON_AGENT_ID: 'agt_1' })).toThrow(/BATON_API_KEY/);
    expect(() => loadMcpConfig({ ...base, BATON_API_KEY: 'sk_live_x' })).toThrow(/BATON_API_KEY: a Baton API key/);
    expect(() => loadMcpConfig({ ...base, BATON_URL: 'ftp://relay' })).toThrow(/BATON_URL/);
  });

  it('reads a variable set empty as unset: the default port and loopback, not any free port on every interface', () => {
    const blank = { ...base, MCP_PORT: '', MCP_HOST: ' ', MCP_TRANSPORT: '', BATON_URL: '', MCP_HTTP_TOKEN: '' };
    expect(loadMcpConfig(blank, ['--http'])).toMatchObject({ transport: 'http', port: 8788, host: '127.0.0.1', relayUrl: 'http://127.0.0.1:8787', httpToken: undefined });
    expect(() => loadMcpConfig({ ...base, MCP_PORT: '1e3' })).toThrow(/MCP_PORT: must be a whole number/);
    expect(() => loadMcpConfig({ ...base, BATON_API_KEY: '' })).toThrow(/BATON_API_KEY/);
  });

  it('refuses to serve HTTP beyond loopback without a token', () => {
    expect(() => loadMcpConfig({ ...base, MCP_HOST: '0.0.0.0' }, ['--http'])).toThrow(/MCP_HTTP_TOKEN is required/);
    expect(loadMcpConfig({ ...base, MCP_HOST: '0.0.0.0', MCP_HTTP_TOKEN: 'x'.repeat(32) }, ['--http']).httpToken).toBe('x'.repeat(32));
  });
});
