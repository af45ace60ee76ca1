/** Names for the generated types, so callers never spell `components['schemas'][…]`. */
import type { components, paths, webhooks } from './generated/openapi.js';

export type { components, paths, webhooks };

type Schemas = components['schemas'];
export type HandoffRequest = Schemas['HandoffRequest'];
export type HandoffResponse = Schemas['HandoffResponse'];
export type Session = Schemas['Session'];
export type Message = Schemas['Message'];
export type TranscriptMessage = Schemas['TranscriptMessage'];
export type PostMessageRequest = Schemas['PostMessageRequest'];
export type MessageAccepted = Schemas['MessageAccepted'];
export type ErrorCode = Schemas['Error']['error']['code'];

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Post<P extends keyof paths> = paths[P] extends { post: infer O } ? O : never;
type Get<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;

/** The body a POST route takes (the input type: fields with defaults are optional). */
export type PostBody<P extends keyof paths> = Post<P> extends { requestBody?: infer R } ? JsonBody<NonNullable<R>> : never;
/** The query a GET route takes. */
export type GetQuery<P extends keyof paths> = Get<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type EvaluateRequest = PostBody<'/v1/conversations/{conversationId}/evaluate'>;
/** A partial change of an AI agent's waiting settings (objects merge one level deep). */
export type WaitingSettingsPatch = JsonBody<NonNullable<paths['/v1/agents/{id}/waiting-settings']['patch']['requestBody']>>;
export type ListSessionsQuery = GetQuery<'/v1/sessions'>;
export type InsightsQuery = GetQuery<'/v1/insights'>;
export type InsightsSection = paths['/v1/insights/{section}']['get']['parameters']['path']['section'];

/** Every event Baton posts to the AI agent's callback URL, discriminated by `type`. */
export type BatonEvent = {
  [T in keyof webhooks]: webhooks[T] extends { post: { requestBody?: infer R } } ? JsonBody<NonNullable<R>> : never;
}[keyof webhooks];
export type BatonEventType = BatonEvent['type'];
export type BatonEventOf<T extends BatonEventType> = Extract<BatonEvent, { type: T }>;

/**
 * Routes a relay may serve before this SDK's generated file knows them (the lead regenerates with
 * `npm run sdk:generate`): the answer is typed once the path is in `paths`, `unknown` until then.
 */
export type ResponseOf<P extends string, M extends 'get' | 'post' | 'put' | 'delete'> = P extends keyof paths
  ? paths[P] extends Record<M, { responses: infer R }>
    ? JsonBody<R[keyof R & (200 | 201)]>
    : unknown
  : unknown;

/** The JSON body a route takes, or `unknown` while the generated file does not list the route. */
export type BodyOf<P extends string, M extends 'post' | 'put'> = P extends keyof paths
  ? paths[P] extends Record<M, { requestBody?: infer R }>
    ? JsonBody<NonNullable<R>>
    : unknown
  : unknown;
