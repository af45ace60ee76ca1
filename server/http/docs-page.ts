import { escapeHtml } from '../core/transcript-html.js';

type Doc = {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};
type Operation = {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};

const md = (text: string) =>
  escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\n\n/g, '</p><p>');

function schemaRef(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '';
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) {
    const name = ref.split('/').pop()!;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  return `<pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`;
}

function operation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''})</li>`)
    .join('');
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<li><code>${escapeHtml(code)}</code> ${md(r.description ?? '')}</li>`)
    .join('');
  return `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${md(op.summary ?? '')}</p>${op.description ? `<p>${md(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${body ? `<h4>Body</h4>${schemaRef(body)}` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`;
}

/** A readable, dependency-free page over the OpenAPI document (works offline, no CDN). */
export function renderDocsPage(doc: Doc): string {
  const ops = (group: Record<string, Record<string, Operation>> | undefined) =>
    Object.entries(group ?? {})
      .flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => operation(m, path, op)))
      .join('');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(s, null, 2))}</pre>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#2f3941}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f8f9f9;padding:.75rem;overflow:auto;border-radius:4px}
.op{border:1px solid #d8dcde;border-radius:6px;padding:0 1rem;margin:1rem 0}.m{padding:2px 6px;border-radius:3px;color:#fff}
.get{background:#1f73b7}.post{background:#038153}h2{border-bottom:1px solid #d8dcde}</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1><p>${md(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1)</p>
<h2>Endpoints</h2>${ops(doc.paths)}<h2>Webhooks</h2>${ops(doc.webhooks)}<h2>Schemas</h2>${schemas}</body></html>`;
}
