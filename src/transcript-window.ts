/**
 * The messages the sidebar holds for a long conversation: the relay sends only its newest window each time (the first
 * screen must not wait for a thousand messages), and the agent fetches earlier pages on demand. These keep the held
 * list one contiguous, ordered tail of the timeline.
 */
type Identified = { id: string };

/**
 * What was held, with the relay's newest window laid over its end (fresher delivery states, new messages). When the
 * window does not start inside what was held (more new messages arrived than a window holds), the older part can no
 * longer be joined without a gap: only the window is kept, and earlier pages are fetched again from it.
 */
export function withWindow<M extends Identified>(held: readonly M[], window: readonly M[]): M[] {
  const first = window[0];
  const at = first ? held.findIndex((m) => m.id === first.id) : -1;
  return at > 0 ? [...held.slice(0, at), ...window] : [...window];
}

/** A page of earlier messages put before what is held (a message already held is not shown twice). */
export function withEarlier<M extends Identified>(page: readonly M[], held: readonly M[]): M[] {
  const ids = new Set(held.map((m) => m.id));
  return [...page.filter((m) => !ids.has(m.id)), ...held];
}
