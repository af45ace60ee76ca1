import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Strings } from '../i18n.js';
import { formatters } from '../insights-format.js';
import type { InsightsStrings } from '../insights-i18n.js';
import { InsightsReportSchema, type BreakdownRow, type InsightsReport } from '../insights-schema.js';
import { Bars } from './charts/Bars.js';
import { Tile } from './charts/Tile.js';
import { TrendChart } from './charts/TrendChart.js';

type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;
const NONE = '(none)';
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
  // A number of days up to now, or 0 for the custom dates below (UTC days, both included).
  const [days, setDays] = useState(30);
  const [custom, setCustom] = useState(() => {
    const today = now().toISOString().slice(0, 10);
    return { from: new Date(Date.parse(today) - 30 * DAY_MS).toISOString().slice(0, 10), to: today };
  });
  const [agentId, setAgentId] = useState('');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [report, setReport] = useState<InsightsReport | undefined>();
  const [error, setError] = useState('');
  const f = useMemo(() => formatters(locale), [locale]);

  const query = useMemo(() => {
    const to = now();
    const params = days > 0
      ? new URLSearchParams({ from: new Date(to.getTime() - days * DAY_MS).toISOString(), to: to.toISOString(), bucket })
      : new URLSearchParams({ from: custom.from, to: custom.to, bucket });
    if (timeZone) params.set('tz', timeZone);
    if (agentId) params.set('agentId', agentId);
    return params.toString();
  }, [days, custom, agentId, bucket]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    call<{ agents: Array<{ id: string; name: string }> }>('/app/v1/agents', 'GET').then((r) => setAgents(parse(r).agents), () => undefined);
  }, [call]);
  useEffect(() => {
    let current = true;
    setReport(undefined);
    setError('');
    call<unknown>(`/app/v1/insights?${query}`, 'GET').then(
      (body) => {
        const parsed = InsightsReportSchema.safeParse(parse(body));
        if (current) (parsed.success ? setReport(parsed.data) : setError(errors.unexpected));
      },
      (caught: { status?: number }) => current && setError(!caught.status || caught.status >= 502 ? errors.unreachable : errors.unexpected),
    );
    return () => {
      current = false;
    };
  }, [call, query, errors]);

  const exportCsv = async () => {
    const csv = await call<string>(`/app/v1/insights/csv?${query}`, 'GET');
    download(`baton-insights-${query.slice(5, 15)}.csv`, typeof csv === 'string' ? csv : String(csv));
  };
  const reasonLabel = (r: BreakdownRow) => (r.key === NONE ? t.none : (t.reasons as Record<string, string>)[r.key] ?? r.label);
  const plainLabel = (r: BreakdownRow) => (r.key === NONE ? t.none : r.label);
  const languageLabel = (r: BreakdownRow) => (r.key === NONE ? t.none : f.language(r.key));

  const s = report?.summary;
  return (
    <main class="insights">
      <h1>{t.title}</h1>
      <div class="controls">
        <select aria-label={t.period} value={days} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))} data-testid="period">
          {[7, 30, 90].map((n) => <option key={n} value={n}>{t.last.replace('{n}', String(n))}</option>)}
          <option value={0}>{t.custom}</option>
        </select>
        {days === 0 && (
          <>
            <input type="date" aria-label={t.from} value={custom.from} max={custom.to} data-testid="from"
              onChange={(e) => setCustom({ ...custom, from: (e.target as HTMLInputElement).value || custom.from })} />
            <input type="date" aria-label={t.to} value={custom.to} min={custom.from} data-testid="to"
              onChange={(e) => setCustom({ ...custom, to: (e.target as HTMLInputElement).value || custom.to })} />
          </>
        )}
        <select aria-label={t.allAgents} value={agentId} onChange={(e) => setAgentId((e.target as HTMLSelectElement).value)} data-testid="agent">
          <option value="">{t.allAgents}</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
        <select value={bucket} onChange={(e) => setBucket((e.target as HTMLSelectElement).value as 'day' | 'week')} data-testid="bucket">
          <option value="day">{t.byDay}</option>
          <option value="week">{t.byWeek}</option>
        </select>
        <button class="primary" onClick={() => void exportCsv()} data-testid="export">{t.exportCsv}</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {!error && !report && <p class="empty">{t.loading}</p>}
      {report && s && s.handoffs === 0 && <p class="empty" data-testid="empty">{t.empty}</p>}
      {report && s && s.handoffs > 0 && (
        <>
          <div class="tiles">
            <Tile testId="tile-handoffs" caption={t.handoffs} value={f.number(s.handoffs)} />
            <Tile testId="tile-rate" caption={t.rate} value={f.percent(s.handoffRate)} detail={t.ofConversations.replace('{n}', f.number(s.conversations))} />
            <Tile testId="tile-first-reply-median" caption={t.firstReplyMedian} value={f.duration(s.firstReply.medianSeconds)} />
            <Tile testId="tile-first-reply-p90" caption={t.firstReplyP90} value={f.duration(s.firstReply.p90Seconds)} />
            <Tile testId="tile-solve-median" caption={t.solveMedian} value={f.duration(s.solve.medianSeconds)} />
            <Tile testId="tile-returned" caption={t.returned} value={f.percent(s.returnedShare)} />
            <Tile testId="tile-reescalated" caption={t.reescalated} value={f.percent(s.reescalatedShare)} />
            <Tile testId="tile-failed" caption={t.failed} value={f.number(s.failed)} />
          </div>
          <section class="card">
            <h2>{t.trend}</h2>
            <TrendChart points={report.trend} rateLabel={t.rateLine} label={`${t.trend}: ${report.trend.map((p) => `${p.start} ${p.handoffs}`).join(', ')}`}
              describe={(p) => `${p.start}: ${f.number(p.handoffs)} ${t.handoffs} (${f.percent(p.rate)})`} />
          </section>
          <div class="breakdowns">
            <Bars title={t.byReason} rows={report.breakdowns.reason} labelOf={reasonLabel} percent={f.percent} testId="bars-reason" />
            <Bars title={t.byRule} rows={report.breakdowns.rule} labelOf={plainLabel} percent={f.percent} testId="bars-rule" />
            <Bars title={t.byIntent} rows={report.breakdowns.intent} labelOf={plainLabel} percent={f.percent} testId="bars-intent" />
            <Bars title={t.byLanguage} rows={report.breakdowns.language} labelOf={languageLabel} percent={f.percent} testId="bars-language" />
            {!agentId && (report.breakdowns.agent?.length ?? 0) > 1 && (
              <Bars title={t.byAgent} rows={report.breakdowns.agent!} labelOf={plainLabel} percent={f.percent} testId="bars-agent" />
            )}
          </div>
          <section class="card">
            <h2>{t.rising}</h2>
            <ol data-testid="rising">
              {report.rising.map((r) => <li key={r.key} data-key={r.key}>{reasonLabel(r)}: {r.previous} {t.previous} → <b>{r.handoffs}</b> {r.change === null ? '' : `(+${f.percent(r.change)})`}</li>)}
            </ol>
          </section>
          <section class="card">
            <h2>{t.gaps}</h2>
            <p class="muted">{t.gapsHelp}</p>
            <ul class="gaps" data-testid="gaps">
              {report.gaps.map((g) => (
                <li key={`${g.dimension}:${g.key}`} data-key={g.key}>
                  <b>{g.dimension === 'reason' ? reasonLabel(g) : plainLabel(g)}</b> · {f.number(g.handoffs)} ({f.percent(g.share)})
                  {g.examples.map((e) => e.ticketId && (
                    <button key={e.sessionId} class="link ticket" title={e.summary ?? ''} onClick={() => openTicket(e.ticketId!)}>#{e.ticketId}</button>
                  ))}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}

/** Zendesk's proxy answers a string or parsed JSON depending on the response's content type. */
function parse<T>(body: T | string): T {
  return typeof body === 'string' ? (JSON.parse(body) as T) : body;
}
