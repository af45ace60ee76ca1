import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** Headers with a meaning in Baton's contract: a response that carries one must document it. */
const CONTRACT_HEADERS = ['retry-after', 'idempotent-replayed'];

type Operation = { responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, { required?: boolean; schema?: object }> }> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/**
 * Checks real responses against the relay's own OpenAPI 3.1 document, as a generated client would rely on it:
 * the status is documented for the operation, the media type is one it lists, the body matches the JSON schema
 * (JSON Schema 2020-12, which OpenAPI 3.1 uses), and documented headers are present and well-formed.
 */
export function createOpenApiValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi.json');
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (template.match(/\{/g) ?? []).length,
  }));
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  /** The documented operation a request reached; literal segments win over parameters (`/v1/rules/reorder`). */
  const operationOf = (method: string, path: string) => {
    const pathOnly = path.split('?')[0]!;
    const match = templates
      .filter((t) => t.pattern.test(pathOnly) && document.paths[t.template]![method.toLowerCase()])
      .sort((a, b) => a.params - b.params)[0];
    return match ? { key: `${method.toUpperCase()} ${match.template}`, template: match.template } : undefined;
  };

  /** Problems with one response (empty when it honours the document). */
  const check = (method: string, path: string, status: number, headers: Headers, bodyText: string): { operation: string; problems: string[] } => {
    const op = operationOf(method, path);
    if (!op) return { operation: `${method} ${path}`, problems: [`${method} ${path} is not a documented operation`] };
    const documented = document.paths[op.template]![method.toLowerCase()]!.responses[String(status)];
    if (!documented) return { operation: op.key, problems: [`${op.key} answered ${status}, which is not documented`] };
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${status}: required header ${name} is missing`);
        continue;
      }
      const typed = (header.schema as { type?: string } | undefined)?.type === 'integer' ? Number(value) : value;
      if (header.schema && !ajv.validate(header.schema, typed)) problems.push(`${status}: header ${name}: ${value} ${ajv.errorsText()}`);
    }
    const documentedHeaders = new Set(Object.keys(documented.headers ?? {}).map((h) => h.toLowerCase()));
    for (const name of CONTRACT_HEADERS) {
      if (headers.get(name) !== null && !documentedHeaders.has(name)) problems.push(`${status}: sends ${name}, which is not documented`);
    }
    const mediaType = (headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!documented.content) {
      if (bodyText !== '') problems.push(`${status}: documented without a body, got ${mediaType}`);
      return { operation: op.key, problems };
    }
    if (!(mediaType in documented.content)) return { operation: op.key, problems: [...problems, `${status}: media type ${mediaType} is not one of ${Object.keys(documented.content)}`] };
    if (mediaType === 'application/json') {
      const ref = `openapi.json#/${pointer('paths', op.template, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`;
      let body: unknown;
      try {
        body = JSON.parse(bodyText);
      } catch {
        return { operation: op.key, problems: [...problems, `${status}: body is not JSON`] };
      }
      if (!ajv.validate({ $ref: ref }, body)) problems.push(`${status}: body ${ajv.errorsText(ajv.errors, { separator: '; ' })}`);
    }
    return { operation: op.key, problems };
  };
  return { check, operations: () => Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)) };
}
