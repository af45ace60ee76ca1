/**
 * `/v1/rules*`: the escalation rules of the key's own AI agent. Typed from the generated document once
 * it lists these routes (ResponseOf falls back to `unknown` before), through the same transport.
 */
import type { BodyOf, ResponseOf } from './types.js';

type Transport = (request: Request) => Promise<Response>;

export function createRulesApi(baseUrl: string, transport: Transport) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await transport(new Request(`${baseUrl}${path}`, init));
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const id = (ruleId: string) => `/v1/rules/${encodeURIComponent(ruleId)}`;
  return {
    list: () => call<ResponseOf<'/v1/rules', 'get'>>('GET', '/v1/rules'),
    fields: () => call<ResponseOf<'/v1/rules/fields', 'get'>>('GET', '/v1/rules/fields'),
    create: (rule: BodyOf<'/v1/rules', 'post'>) => call<ResponseOf<'/v1/rules', 'post'>>('POST', '/v1/rules', rule),
    update: (ruleId: string, rule: BodyOf<'/v1/rules/{ruleId}', 'put'>) => call<ResponseOf<'/v1/rules/{ruleId}', 'put'>>('PUT', id(ruleId), rule),
    remove: (ruleId: string) => call<void>('DELETE', id(ruleId)),
    reorder: (ids: BodyOf<'/v1/rules/reorder', 'post'> extends { ids: infer I } ? I : string[]) => call<ResponseOf<'/v1/rules/reorder', 'post'>>('POST', '/v1/rules/reorder', { ids }),
    /** Evaluates a turn against one candidate rule (or the saved rules) without saving anything. */
    test: (body: BodyOf<'/v1/rules/test', 'post'> extends object ? BodyOf<'/v1/rules/test', 'post'> : { rule?: unknown; turn: unknown }) => call<ResponseOf<'/v1/rules/test', 'post'>>('POST', '/v1/rules/test', body),
  };
}
