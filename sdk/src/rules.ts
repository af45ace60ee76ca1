/**
 * `/v1/rules*`: the escalation rules of the key's own AI agent. Typed from the generated document once
 * it lists these routes (ResponseOf falls back to `unknown` before), through the same transport.
 */
import type { CallOptions } from './call-options.js';
import type { BodyOf, ResponseOf } from './types.js';

type Transport = (request: Request) => Promise<Response>;
/** No Idempotency-Key: the relay does not dedupe rule writes by key (the transport retries only the safe ones). */
export type RulesCallOptions = Pick<CallOptions, 'signal'>;

export function createRulesApi(baseUrl: string, transport: Transport) {
  const send = async <T>(method: string, path: string, body: unknown, call: RulesCallOptions | undefined): Promise<T> => {
    const init: RequestInit = { method };
    // The request's signal is the caller's: the transport ends an attempt or a back-off on it.
    if (call?.signal) init.signal = call.signal;
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await transport(new Request(`${baseUrl}${path}`, init));
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const id = (ruleId: string) => `/v1/rules/${encodeURIComponent(ruleId)}`;
  return {
    list: (call?: RulesCallOptions) => send<ResponseOf<'/v1/rules', 'get'>>('GET', '/v1/rules', undefined, call),
    fields: (call?: RulesCallOptions) => send<ResponseOf<'/v1/rules/fields', 'get'>>('GET', '/v1/rules/fields', undefined, call),
    create: (rule: BodyOf<'/v1/rules', 'post'>, call?: RulesCallOptions) => send<ResponseOf<'/v1/rules', 'post'>>('POST', '/v1/rules', rule, call),
    update: (ruleId: string, rule: BodyOf<'/v1/rules/{ruleId}', 'put'>, call?: RulesCallOptions) =>
      send<ResponseOf<'/v1/rules/{ruleId}', 'put'>>('PUT', id(ruleId), rule, call),
    remove: (ruleId: string, call?: RulesCallOptions) => send<void>('DELETE', id(ruleId), undefined, call),
    reorder: (ids: BodyOf<'/v1/rules/reorder', 'post'> extends { ids: infer I } ? I : string[], call?: RulesCallOptions) =>
      send<ResponseOf<'/v1/rules/reorder', 'post'>>('POST', '/v1/rules/reorder', { ids }, call),
    /** Evaluates a turn against one candidate rule (or the saved rules) without saving anything. */
    test: (
      body: BodyOf<'/v1/rules/test', 'post'> extends object ? BodyOf<'/v1/rules/test', 'post'> : { rule?: unknown; turn: unknown },
      call?: RulesCallOptions,
    ) => send<ResponseOf<'/v1/rules/test', 'post'>>('POST', '/v1/rules/test', body, call),
  };
}
