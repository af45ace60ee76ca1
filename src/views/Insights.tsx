import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { relayProblem, statusOf, withCode } from '../connection-problem.js';
import type { Strings } from '../i18n.js';
import { formatters } from '../insights-format.js';
import type { InsightsStrings } from '../insights-i18n.js';
import { rowLabels } from '../insights-labels.js';
import { relayJson } from '../relay-json.js';
import { insightsQuery, type PeriodChoice } from '../insights-query.js';
import { AgentListSchema, InsightsReportSchema, type InsightsReport } from '../insights-schema.js';
import { Bars } from './charts/Bars.js';
import { Tile } from './charts/Tile.js';
import { TrendChart } from './charts/TrendChart.js';
import { InsightsControls } from './InsightsControls.js';
import { KnowledgeGaps } from './KnowledgeGaps.js';
import { RisingReasons } from './RisingReasons.js';
import { useTabShown } from './tab-shown.js';

type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;
const DAY_MS = 86_400_000;

/** The insights page: how often and why the AI hands off, what happens next, and where its knowledge falls short. */
export function Insights({ call, t, errors, locale, openTicket, download, now = () => new Date(), timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone }: {
  call: Call;
  t: InsightsStrings;
  errors: Strings;
  locale: string | undefined;
  openTicket: (ticketId: string) => void;
  download: (fileName: string, csv: string) => void;
  now?: () => Date;
  /** Days and weeks as the admin lives them (the browser's zone); custom dates are local days too. */
  timeZone?: string;
}) {
  const [agents, setAgents] = useState<Array<{ id: string; name: string }>>([]);
  const [choice, setChoice] = useState<PeriodChoice>(() => {
    const today = now().toISOString().slice(0, 10);
    const custom = { from: new Date(Date.parse(today) - 30 * DAY_MS).toISOString().slice(0, 10), to: today };
    return { days: 30, custom, agentId: '', bucket: 'day' };
  });
  const [report, setReport] = useState<InsightsReport | undefined>();
  const [error, setError] = useState('');
  const f = useMemo(() => formatters(locale), [locale]);
  const label = useMemo(() => rowLabels(t, f), [t, f]);
  // "Now" is taken when the choice changes, not at every render: one choice, one request, one file name.
  const { query, fileName } = useMemo(() => insightsQuery(choice, now(), timeZone), [choice]); // eslint-disable-line react-hooks/exhaustive-deps
  // The admin's choices stay while another tab is shown; the report is read again on coming back.
  const shown = useTabShown();
  // A failed read is not retried by itself (the page has no poll): Retry reads again once the relay is back.
  const [attempt, setAttempt] = useState(0);
  const title = useRef<HTMLHeadingElement>(null);
  const retry = () => {
    setAttempt((n) => n + 1);
    // The button goes while the report loads: the focus waits on the page's title rather than falling to the body.
    title.current?.focus();
  };

  useEffect(() => {
    // Without the list the page still works for all AI agents together, so a failure here stays quiet.
    call<unknown>('/app/v1/agents', 'GET')
      .then((body) => AgentListSchema.safeParse(relayJson(body)))
      .then((parsed) => parsed.success && setAgents(parsed.data.agents), () => undefined);
  }, [call, shown, attempt]);
  // Typed custom dates can be reversed or too far apart (min/max only guide the pickers): say so instead of asking
  // the relay, whose refusal would read as "an unexpected answer".
  const periodInvalid = choice.days === 0 && !customPeriodOk(choice.custom);
  useEffect(() => {
    let current = true; // an answer for a choice the admin already left must not overwrite the newer one
    setReport(undefined);
    setError('');
    if (periodInvalid) return void setError(t.periodInvalid);
    call<unknown>(`/app/v1/insights?${query}`, 'GET')
      .then((body) => {
        const parsed = InsightsReportSchema.safeParse(relayJson(body));
        if (!parsed.success) throw new Error('The relay answered a report of an unexpected shape.');
        return parsed.data;
      })
      .then((r) => current && setReport(r), (caught: unknown) => current && setError(problemText(caught, errors)));
    return () => {
      current = false;
    };
  }, [call, query, errors, periodInvalid, t, shown, attempt]);

  const exportCsv = () =>
    periodInvalid ? setError(t.periodInvalid) : void call<string>(`/app/v1/insights/csv?${query}`, 'GET').then(
      (csv) => download(fileName, typeof csv === 'string' ? csv : String(csv)),
      (caught: unknown) => setError(problemText(caught, errors)),
    );

  const s = report?.summary;
  return (
    <div class="page insights">
      <h1 ref={title} tabIndex={-1}>{t.title}</h1>
      <InsightsControls t={t} choice={choice} onChange={setChoice} agents={agents} onExport={exportCsv} />
      {error && <p class="error" role="alert">{error}</p>}
      {error && !report && !periodInvalid && <button class="secondary" onClick={retry} data-testid="insights-retry">{errors.retry}</button>}
      {!error && !report && <p class="empty">{t.loading}</p>}
      {report && s && s.handoffs === 0 && <p class="empty" data-testid="empty">{t.empty}</p>}
      {report && s && s.handoffs > 0 && (
        <>
          <div class="tiles">
            <Tile testId="tile-handoffs" caption={t.handoffs} value={f.number(s.handoffs)} />
            <Tile testId="tile-rate" caption={t.rate} value={f.percent(s.handoffRate)} detail={t.ofConversations.replace('{m}', f.number(s.handedOffConversations ?? s.handoffs)).replace('{n}', f.number(s.conversations))} />
            <Tile testId="tile-first-reply-median" caption={t.firstReplyMedian} value={f.duration(s.firstReply.medianSeconds)} />
            <Tile testId="tile-first-reply-p90" caption={t.firstReplyP90} value={f.duration(s.firstReply.p90Seconds)} />
            <Tile testId="tile-solve-median" caption={t.solveMedian} value={f.duration(s.solve.medianSeconds)} />
            <Tile testId="tile-returned" caption={t.returned} value={f.percent(s.returnedShare)} />
            <Tile testId="tile-reescalated" caption={t.reescalated} value={f.percent(s.reescalatedShare)} />
            <Tile testId="tile-failed" caption={t.failed} value={f.number(s.failed)} />
          </div>
          {s.waiting && (
            <section class="card" aria-labelledby="waiting-title" data-testid="waiting">
              <h2 id="waiting-title">{t.waiting}</h2>
              <div class="tiles">
                <Tile testId="tile-first-reply-within" caption={t.firstReplyWithin} value={f.duration(s.waiting.firstReplyWithinHours.medianSeconds)} detail={t.waitingCount.replace('{n}', f.number(s.waiting.firstReplyWithinHours.count))} />
                <Tile testId="tile-first-reply-outside" caption={t.firstReplyOutside} value={f.duration(s.waiting.firstReplyOutsideHours.medianSeconds)} detail={t.waitingCount.replace('{n}', f.number(s.waiting.firstReplyOutsideHours.count))} />
                <Tile testId="tile-no-agent-timeouts" caption={t.noAgentTimeouts} value={f.number(s.waiting.timeouts.noAgent)} />
                <Tile testId="tile-agent-silent" caption={t.agentSilentNudges} value={f.number(s.waiting.timeouts.agentSilent)} />
              </div>
            </section>
          )}
          <section class="card">
            <h2>{t.trend}</h2>
            <TrendChart points={report.trend} rateLabel={t.rateLine} label={`${t.trend}: ${report.trend.map((p) => `${f.date(p.start)} ${f.number(p.handoffs)}`).join(', ')}`}
              describe={(p) => `${f.date(p.start)}: ${f.number(p.handoffs)} ${t.handoffs} (${f.percent(p.rate)})`} formatDate={f.date} formatNumber={f.number} />
            {/* A day's rate compares its handoffs with the conversations that began that day: it can pass 100 %, and says why. */}
            {report.trend.some((p) => (p.rate ?? 0) > 1) && <p class="muted note" data-testid="rate-note">{t.rateOver}</p>}
          </section>
          <div class="breakdowns">
            <Bars title={t.byReason} rows={report.breakdowns.reason} labelOf={label.reason} isUnset={label.isUnset} number={f.number} percent={f.percent} testId="bars-reason" />
            <Bars title={t.byRule} rows={report.breakdowns.rule} labelOf={label.plain} isUnset={label.isUnset} number={f.number} percent={f.percent} testId="bars-rule" />
            <Bars title={t.byIntent} rows={report.breakdowns.intent} labelOf={label.plain} isUnset={label.isUnset} number={f.number} percent={f.percent} testId="bars-intent" />
            <Bars title={t.byLanguage} rows={report.breakdowns.language} labelOf={label.language} isUnset={label.isUnset} number={f.number} percent={f.percent} testId="bars-language" />
            {/* Per AI agent only says something when several share the account and none is picked. */}
            {!choice.agentId && (report.breakdowns.agent?.length ?? 0) > 1 && (
              <Bars title={t.byAgent} rows={report.breakdowns.agent!} labelOf={label.plain} isUnset={label.isUnset} number={f.number} percent={f.percent} testId="bars-agent" />
            )}
          </div>
          <RisingReasons title={t.rising} rows={report.rising} labelOf={label.reason} previousWord={t.previous} newWord={t.newReason} number={f.number} change={f.change} />
          <KnowledgeGaps title={t.gaps} help={t.gapsHelp} gaps={report.gaps} openTicket={openTicket}
            labelOf={(g) => (g.dimension === 'reason' ? label.reason(g) : label.plain(g))}
            describe={(g) => `${f.number(g.handoffs)} (${f.percent(g.share)})`} />
        </>
      )}
    </div>
  );
}

/** Both ends given, from on or before to, and at most 366 days (the relay's MAX_PERIOD_DAYS) counting both ends. */
function customPeriodOk({ from, to }: { from: string; to: string }): boolean {
  const start = Date.parse(from);
  const end = Date.parse(to);
  return Number.isFinite(start) && Number.isFinite(end) && start <= end && (end - start) / DAY_MS + 1 <= 366;
}

/**
 * One sentence for a failed request: the same words as the Connection tab for the failures an admin meets most (no
 * answer, the relay's own error, a refused app, a rate limit), with the relay's code kept for support. Zendesk's proxy
 * rejects with the HTTP status; anything without a status failed here, on an answer we could not read.
 */
function problemText(caught: unknown, errors: Strings): string {
  if (typeof (caught as { status?: unknown } | null)?.status !== 'number') return errors.unexpected;
  const known = relayProblem(caught, errors);
  if (known) return known;
  const status = statusOf(caught);
  if (status === 403 || status === 409) return withCode(errors.not_connected, caught, errors);
  return withCode(errors.unexpected, caught, errors);
}
