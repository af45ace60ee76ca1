import type { Model, Real } from './lifecycle-commands.js';

const OPEN_SESSION = new Set(['pending', 'waiting', 'human']);
const CLOSED_TICKET = new Set(['solved', 'closed']);

interface SessionDetail {
  id: string;
  state: string;
  version: number;
  ticket: { id: string } | null;
  transitions: Array<{ version: number; from: string; to: string; cause: string }>;
}

/**
 * The lifecycle invariants of issue 10, checked once the world is quiet. Returns every violation
 * (not only the first), so one failing sequence tells the whole story.
 */
export async function lifecycleViolations(m: Model, r: Real): Promise<string[]> {
  const v: string[] = [];
  const { world, desk } = r;
  const list = await world.api(desk, 'GET', `/v1/sessions?conversationId=${encodeURIComponent(r.conversationId)}&limit=200`);
  const sessions: SessionDetail[] = [];
  for (const s of list.body.sessions as Array<{ id: string }>) {
    sessions.push((await world.api(desk, 'GET', `/v1/sessions/${s.id}`)).body.session as SessionDetail);
  }
  const ids = new Set(sessions.map((s) => s.id));
  const known = new Set(m.sessions.map((s) => s.id));
  for (const id of ids) if (!known.has(id)) v.push(`session ${id} exists though no handoff created it`);
  const createdStep = new Map(m.sessions.map((s) => [s.id, s.createdStep]));
  const events = desk.receiver.unique().filter((e) => ids.has(String(e.data.sessionId)));

  // (1) every public agent comment reaches the platform exactly once, and never into a later session.
  const agentMessages = events.filter((e) => e.type === 'message.created' && (e.data.message as { role?: string })?.role === 'agent');
  for (const reply of m.agentReplies) {
    const got = agentMessages.filter((e) => (e.data.message as { id: string }).id === `zd-${reply.commentId}`);
    if (got.length > 1 || (!reply.atMostOnce && got.length === 0)) {
      v.push(`(1) agent comment ${reply.commentId} (step ${reply.step}) reached the platform ${got.length} times (sessions ${got.map((e) => e.data.sessionId).join(', ') || '-'})`);
    }
    // Once the relay had settled, a comment belongs to the session of its time: a later one must not get it.
    for (const e of got) {
      if (reply.settledStep !== undefined && (createdStep.get(String(e.data.sessionId)) ?? 0) > reply.settledStep) v.push(`(1) agent comment ${reply.commentId} (step ${reply.step}) was replayed into session ${e.data.sessionId}, created later`);
    }
  }
  const replyIds = new Set(m.agentReplies.map((x) => `zd-${x.commentId}`));
  for (const e of agentMessages) {
    const id = (e.data.message as { id: string }).id;
    if (!replyIds.has(id)) v.push(`(1) the platform got an agent message ${id} that no agent wrote publicly`);
  }

  // (2) every end-user message answered 2xx is on exactly one ticket, exactly once.
  const tickets = desk.z.tickets();
  const segments = new Map<string, number[]>();
  for (const t of tickets) {
    for (const c of t.comments) {
      if (!c.public) continue;
      for (const segment of c.body.split('\n\n')) segments.set(segment, [...(segments.get(segment) ?? []), t.id]);
    }
  }
  for (const msg of m.messages) {
    const on = segments.get(msg.text) ?? [];
    if (on.length !== 1) v.push(`(2) end-user message ${msg.id} ${JSON.stringify(msg.text)} is on tickets [${on.join(', ')}] (${on.length} times)`);
  }

  // (3) at most one open session and one open ticket per conversation.
  const open = sessions.filter((s) => OPEN_SESSION.has(s.state));
  if (open.length > 1) v.push(`(3) ${open.length} open sessions: ${open.map((s) => `${s.id}=${s.state}`).join(', ')}`);
  const ticketIds = new Set(sessions.flatMap((s) => (s.ticket ? [Number(s.ticket.id)] : [])));
  for (const t of tickets) if (t.external_id && ids.has(t.external_id.replace(/^baton:/, ''))) ticketIds.add(t.id);
  const openTickets = tickets.filter((t) => ticketIds.has(t.id) && !CLOSED_TICKET.has(t.status));
  if (openTickets.length > 1) v.push(`(3) ${openTickets.length} open tickets: ${openTickets.map((t) => `#${t.id}=${t.status}`).join(', ')}`);

  // (4) a session is human only after an agent's public reply (or reopening) made after it was created.
  for (const s of sessions) {
    const toHuman = s.transitions.filter((x) => x.to === 'human');
    const since = createdStep.get(s.id) ?? Infinity;
    if (toHuman.length > 0 && !m.humanActs.some((a) => a.step > since)) {
      v.push(`(4) session ${s.id} became human (${toHuman.map((x) => x.cause).join(', ')}) with no agent reply or reopen after its creation (step ${since})`);
    }
  }

  // (5) each session's webhooks arrive in order, and its last change is announced.
  for (const s of sessions) {
    const versions = events.filter((e) => e.type === 'session.state_changed' && e.data.sessionId === s.id).map((e) => Number(e.data.version));
    if (versions.some((x, i) => i > 0 && x <= versions[i - 1]!)) v.push(`(5) session ${s.id} state changes arrived as versions [${versions.join(', ')}]`);
    if (s.version > 1 && Math.max(0, ...versions) !== s.version) v.push(`(5) session ${s.id} is at version ${s.version} but the platform last heard ${Math.max(0, ...versions)}`);
  }

  // (6) no 5xx, no error-level log line.
  for (const e of world.serverErrors) v.push(`(6) ${e}`);
  for (const line of world.errorLogs) v.push(`(6) error log: ${line.slice(0, 400)}`);
  return v;
}
