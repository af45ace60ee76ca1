import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { waitFor } from './harness.js';
import type { Desk, World } from './lifecycle-world.js';

/**
 * The model of one conversation's lifecycle and the commands that drive it (fast-check `fc.commands`).
 *
 * The model predicts what the relay promises EVENTUALLY, not at each step: Zendesk's webhooks are
 * asynchronous (and here lost, repeated, late), so the relay may not have seen an agent's action when
 * the next command runs. `synced` says the relay has seen everything (just after a Settle, and as long
 * as only synchronous API calls followed); only then are answers that depend on the session's state
 * checked exactly, and the predicted state is compared with the relay's after the next Settle.
 */
export type Predicted = 'waiting' | 'human' | 'returned' | 'ended' | 'unknown';

export interface Model {
  step: number;
  sessions: Array<{ id: string; createdStep: number }>;
  predicted: Predicted;
  synced: boolean;
  /** End-user messages the relay answered 2xx (invariant 2). */
  messages: Array<{ id: string; text: string; sessionId: string }>;
  /** Public agent comments (invariant 1); `atMostOnce` when the conversation's session was ended then. */
  agentReplies: Array<{ commentId: number; step: number; atMostOnce: boolean; settledStep?: number }>;
  /** Agent actions that may legitimately make a session `human` (invariant 4). */
  humanActs: Array<{ step: number; what: 'reply' | 'reopen' | 'takeover' }>;
  /** The latest session was ended by the platform: terminal, whatever Zendesk does later. */
  latestEnded: boolean;
  /** Lines accepted since the last Settle may still be on their way to the ticket when it closes. */
  linesInFlight: boolean;
  restarts: number;
  n: number;
}

export interface Real {
  world: World;
  desk: Desk;
  conversationId: string;
  /** Unique per sequence: makes every text findable on the tickets. */
  tag: string;
}

export const newModel = (): Model => ({
  step: 0, sessions: [], predicted: 'unknown', synced: true, messages: [], agentReplies: [], humanActs: [], latestEnded: false, linesInFlight: false, restarts: 0, n: 0,
});

type Cmd = fc.AsyncCommand<Model, Real, false>;
const OPEN = ['waiting', 'human'];
const current = (m: Model) => m.sessions.at(-1)!.id;
const hasSession = (m: Model) => m.sessions.length > 0;

function expectAnswer(what: string, got: { status: number; body: any }, allowed: Array<[number, string?]>) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const code = got.body?.error?.code as string | undefined;
  if (!allowed.some(([status, c]) => status === got.status && (c === undefined || c === code))) {
    throw new Error(`${what}: answered ${got.status} ${JSON.stringify(got.body).slice(0, 300)}; expected ${allowed.map(([s, c]) => `${s}${c ? ` ${c}` : ''}`).join(' or ')}`);
  }
}

/** A Zendesk-side change: the relay learns of it later; predictions hold for one such change after a Settle. */
function zendeskChanged(m: Model, next: (p: Predicted) => Predicted) {
  m.predicted = m.latestEnded ? 'ended' : m.synced ? next(m.predicted) : 'unknown';
  m.synced = false;
}

/** The ticket of the conversation's latest session, once the relay has recorded it. */
async function currentTicket(m: Model, r: Real): Promise<number> {
  const session = await waitFor('the session to have its ticket', async () => {
    const res = await r.world.api(r.desk, 'GET', `/v1/sessions/${current(m)}`);
    return res.body?.session?.ticket ? res.body.session : undefined;
  }, 30_000);
  return Number(session.ticket.id);
}

/** An end user's line written through the Requests API reopens a solved ticket (Zendesk's rule); an API comment does not. */
const linesReopenSolved = (r: Real) => r.desk.path === 'requests_api';

async function ticketStatus(m: Model, r: Real): Promise<string | undefined> {
  const res = await r.world.api(r.desk, 'GET', `/v1/sessions/${current(m)}`);
  const id = res.body?.session?.ticket?.id as string | undefined;
  return id === undefined ? undefined : r.desk.z.ticket(Number(id))?.status;
}

const TEXTS = {
  plain: (n: number, tag: string) => `Where is my parcel? (${tag}/${n})`,
  html: (n: number, tag: string) => `Price < 5 & "cheap" > 3? <b>really</b> (${tag}/${n})`,
  multiline: (n: number, tag: string) => `First line (${tag}/${n})\nsecond line\n  indented third`,
  unicode: (n: number, tag: string) => `Grüße aus Köln — 日本語 ✓ émoji 🚚 (${tag}/${n})`,
  everything: (n: number, tag: string) => `<script>alert("x")</script> & Ünïcödé\n"quoted" line (${tag}/${n})`,
};

class Handoff implements Cmd {
  check = () => true;
  async run(m: Model, r: Real) {
    m.step++;
    const res = await r.world.api(r.desk, 'POST', '/v1/handoffs', {
      conversationId: r.conversationId,
      endUser: { id: `u-${r.tag}`, name: 'Dana Doe', email: `dana-${r.tag}@example.com` },
      transcript: [{ id: `t${m.step}`, role: 'user', text: `I want a human & "now" (${r.tag}/handoff ${m.step})`, createdAt: new Date().toISOString() }],
      reason: { code: 'customer_request' },
    }, { 'idempotency-key': randomUUID() });
    expectAnswer('handoff', res, [[200], [201]]);
    if (m.latestEnded && res.status !== 201) throw new Error(`handoff answered ${res.status} though the latest session was ended`);
    if (m.synced && hasSession(m)) {
      const open = OPEN.includes(m.predicted);
      if (open !== (res.status === 200)) throw new Error(`handoff answered ${res.status} while the model's session is ${m.predicted}`);
    }
    if (res.status === 200) {
      if (res.body.session.id !== current(m)) throw new Error(`handoff answered another open session ${res.body.session.id} than the latest ${current(m)}`);
      return;
    }
    m.sessions.push({ id: res.body.session.id, createdStep: m.step });
    m.latestEnded = false;
    m.predicted = m.synced ? 'waiting' : 'unknown';
  }
  toString = () => 'handoff';
}

class EndUserMessage implements Cmd {
  constructor(readonly kind: keyof typeof TEXTS) {}
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const n = ++m.n;
    const text = TEXTS[this.kind](n, r.tag);
    // Read before the line is sent: once written as the end user, it may already have reopened a solved ticket.
    const solvedBefore = !m.synced && linesReopenSolved(r) && (await ticketStatus(m, r)) === 'solved';
    const res = await r.world.api(r.desk, 'POST', `/v1/sessions/${current(m)}/messages`, { id: `u${n}`, role: 'user', text, createdAt: new Date().toISOString() });
    if (m.synced || m.latestEnded) expectAnswer('end-user message', res, OPEN.includes(m.predicted) ? [[202]] : [[409, 'session_closed']]);
    else expectAnswer('end-user message', res, [[202], [409, 'session_closed']]);
    if (res.status === 202) {
      m.messages.push({ id: `u${n}`, text, sessionId: current(m) });
      m.linesInFlight = true;
    }
    // Accepted while the ticket is already closed (the relay had not seen it): the message goes to a follow-up
    // ticket and the session follows it — still with its human, or waiting for one again if the close returned it first.
    // Likewise on a solved ticket the end user's own line reopens (Requests API): the session stays or becomes open again.
    if (res.status === 202 && !m.synced && (solvedBefore || (await ticketStatus(m, r)) === 'closed')) m.predicted = m.latestEnded ? 'ended' : 'unknown';
  }
  toString = () => `userMessage(${this.kind})`;
}

class AssistantMessage implements Cmd {
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const n = ++m.n;
    const res = await r.world.api(r.desk, 'POST', `/v1/sessions/${current(m)}/messages`, { id: `a${n}`, role: 'assistant', text: `AI says ${n}`, createdAt: new Date().toISOString() });
    const expected: Record<string, Array<[number, string?]>> = { waiting: [[202]], human: [[409, 'human_owns_session']], returned: [[409, 'session_closed']], ended: [[409, 'session_closed']] };
    expectAnswer('assistant message', res, (m.synced || m.latestEnded) && expected[m.predicted] ? expected[m.predicted]! : [[202], [409, 'human_owns_session'], [409, 'session_closed']]);
    if (res.status === 202) m.linesInFlight = true;
  }
  toString = () => 'assistantMessage';
}

class AgentComment implements Cmd {
  constructor(readonly isPublic: boolean) {}
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const ticketId = await currentTicket(m, r);
    if (r.desk.z.ticket(ticketId)!.status === 'closed') return; // closed is final: the agent cannot write
    await r.desk.z.agentReply(ticketId, { body: `Agent ${this.isPublic ? 'reply' : 'note'} ${m.step} & <ok> (${r.tag})`, public: this.isPublic, agentName: 'Sam Support' });
    if (!this.isPublic) return;
    const commentId = r.desk.z.ticket(ticketId)!.comments.at(-1)!.id;
    m.agentReplies.push({ commentId, step: m.step, atMostOnce: m.latestEnded });
    m.humanActs.push({ step: m.step, what: 'reply' });
    zendeskChanged(m, (p) => (p === 'waiting' || p === 'human' ? 'human' : p === 'ended' ? 'ended' : 'unknown'));
  }
  toString = () => (this.isPublic ? 'agentPublicReply' : 'agentInternalNote');
}

class SetStatus implements Cmd {
  constructor(readonly to: 'solved' | 'open' | 'closed' | 'solved→closed') {}
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const ticketId = await currentTicket(m, r);
    if (r.desk.z.ticket(ticketId)!.status === 'closed') return;
    for (const status of this.to === 'solved→closed' ? (['solved', 'closed'] as const) : [this.to]) await r.desk.z.setStatus(ticketId, status);
    if (this.to === 'open') {
      m.humanActs.push({ step: m.step, what: 'reopen' });
      // Reopened after solved: back to the human if an agent had answered, else back in the queue (waiting).
      zendeskChanged(m, (p) => (p === 'returned' ? 'unknown' : p));
    } else {
      zendeskChanged(m, (p) => (p === 'waiting' || p === 'human' ? 'returned' : p));
      // A line still on its way finds the ticket closed: it goes to a follow-up, and the session follows it;
      // written as the end user (Requests API) it reopens a solved ticket.
      if ((this.to !== 'solved' || linesReopenSolved(r)) && m.linesInFlight && !m.latestEnded) m.predicted = 'unknown';
    }
  }
  toString = () => `ticketStatus(${this.to})`;
}

class ReturnToAi implements Cmd {
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const res = await r.world.app(r.desk, 'POST', `/app/v1/sessions/${current(m)}/return-to-ai`, { note: 'Back to you, bot' });
    expectAnswer('return to AI', res, m.predicted === 'ended' ? [[409, 'invalid_transition']] : [[200], [409, 'invalid_transition']]);
    // A session still `pending` (its ticket not made yet) cannot be returned; any other refusal is wrong when synced.
    if (res.status === 409 && m.synced && m.predicted !== 'ended' && res.body.error.details?.state !== 'pending') {
      throw new Error(`return to AI refused in state ${String(res.body.error.details?.state)}; the model expected ${m.predicted}`);
    }
    if (res.status === 200) m.predicted = m.synced ? 'returned' : 'unknown';
  }
  toString = () => 'returnToAi';
}

/** An agent takes a waiting session over from the sidebar before replying. */
class TakeOver implements Cmd {
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const res = await r.world.app(r.desk, 'POST', `/app/v1/sessions/${current(m)}/take-over`, { agentName: 'Model Agent' });
    expectAnswer('take over', res, m.predicted === 'ended' ? [[409, 'invalid_transition']] : [[200], [409, 'invalid_transition']]);
    // A session still `pending` (no ticket yet, so no sidebar to press it in) cannot be taken over.
    if (res.status === 409 && m.synced && m.predicted === 'waiting' && res.body.error.details?.state !== 'pending') {
      throw new Error(`take over refused in state ${String(res.body.error.details?.state)}; the model expected waiting`);
    }
    if (res.status === 200) {
      m.humanActs.push({ step: m.step, what: 'takeover' });
      m.predicted = m.synced ? 'human' : 'unknown';
    }
  }
  toString = () => 'takeOver';
}

class EndFromPlatform implements Cmd {
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const res = await r.world.api(r.desk, 'POST', `/v1/sessions/${current(m)}/end`, { reason: 'customer left' });
    expectAnswer('end', res, [[200]]);
    // Replies the relay may not have seen yet race the end: after it they stay on the ticket.
    for (const reply of m.agentReplies) if (reply.settledStep === undefined) reply.atMostOnce = true;
    m.latestEnded = true;
    m.predicted = 'ended'; // terminal: nothing Zendesk does later moves it
  }
  toString = () => 'endFromPlatform';
}

class WebhookFault implements Cmd {
  constructor(readonly fault: 'lose' | 'duplicate' | 'delay', readonly n: number) {}
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const f = r.desk.z.faults;
    if (this.fault === 'lose') f.loseWebhooks(this.n);
    else if (this.fault === 'duplicate') f.duplicateWebhooks(this.n);
    else f.holdWebhooks(this.n);
  }
  toString = () => `webhooks.${this.fault}(${this.n})`;
}

class ReleaseDelayedWebhooks implements Cmd {
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    await r.desk.z.faults.releaseHeldWebhooks();
  }
  toString = () => 'webhooks.releaseDelayedNewestFirst';
}

/** Zendesk commits the write but the relay sees the connection reset: it cannot know it succeeded. */
class UncertainWrite implements Cmd {
  constructor(readonly target: 'ticket PUT' | 'requests PUT' | 'ticket POST') {}
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    const [method, prefix] = this.target.split(' ') as ['ticket' | 'requests', string];
    r.desk.z.faults.dropConnections(1, method === 'requests' ? '/api/v2/requests/' : prefix === 'POST' ? '/api/v2/tickets' : '/api/v2/tickets/', true, prefix);
  }
  toString = () => `uncertainWrite(${this.target})`;
}

class RestartRelay implements Cmd {
  check = (m: Model) => hasSession(m) && m.restarts < 1; // a restart is slow on PGlite (seconds): one per sequence
  async run(m: Model, r: Real) {
    m.step++;
    m.restarts++;
    await r.world.t.restart();
  }
  toString = () => 'restartRelay';
}

/** Waits for "eventually" and compares the relay's session with the model's prediction. */
class Settle implements Cmd {
  check = hasSession;
  async run(m: Model, r: Real) {
    m.step++;
    await r.world.quiesce();
    const actual = (await r.world.api(r.desk, 'GET', `/v1/sessions/${current(m)}`)).body.session.state as string;
    if (m.predicted !== 'unknown' && actual !== m.predicted) {
      throw new Error(`after settling, the latest session is ${actual}; the model expected ${m.predicted}`);
    }
    m.predicted = actual as Predicted;
    m.synced = true;
    m.linesInFlight = false;
    for (const reply of m.agentReplies) reply.settledStep ??= m.step;
  }
  toString = () => 'settle';
}

export const commandArbitraries = [
  fc.constant(new Handoff()),
  fc.constant(new Handoff()),
  fc.constantFrom(...(Object.keys(TEXTS) as Array<keyof typeof TEXTS>)).map((k) => new EndUserMessage(k)),
  fc.constantFrom(...(Object.keys(TEXTS) as Array<keyof typeof TEXTS>)).map((k) => new EndUserMessage(k)),
  fc.constant(new AssistantMessage()),
  fc.boolean().map((p) => new AgentComment(p)),
  fc.constant(new AgentComment(true)),
  fc.constantFrom('solved', 'open', 'closed', 'solved→closed' as const).map((s) => new SetStatus(s)),
  fc.constant(new ReturnToAi()),
  fc.constant(new TakeOver()),
  fc.constant(new EndFromPlatform()),
  fc.tuple(fc.constantFrom('lose', 'duplicate', 'delay' as const), fc.integer({ min: 1, max: 2 })).map(([f, n]) => new WebhookFault(f, n)),
  fc.constant(new ReleaseDelayedWebhooks()),
  fc.constantFrom('ticket PUT', 'requests PUT', 'ticket POST' as const).map((t) => new UncertainWrite(t)),
  fc.constant(new RestartRelay()),
  fc.constant(new Settle()),
];
