import type { InsightsStrings } from '../insights-i18n.js';
import type { PeriodChoice } from '../insights-query.js';

const PRESET_DAYS = [7, 30, 90];

/** Period (a preset ending now, or custom local days), AI agent, bucket size, and the CSV export of that choice. */
export function InsightsControls({ t, choice, onChange, agents, onExport }: {
  t: InsightsStrings;
  choice: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
  agents: Array<{ id: string; name: string }>;
  onExport: () => void;
}) {
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...choice, ...patch });
  const value = (e: Event) => (e.target as HTMLSelectElement | HTMLInputElement).value;
  const { custom } = choice;
  return (
    <div class="controls">
      <select aria-label={t.period} value={choice.days} onChange={(e) => set({ days: Number(value(e)) })} data-testid="period">
        {PRESET_DAYS.map((n) => <option key={n} value={n}>{t.last.replace('{n}', String(n))}</option>)}
        <option value={0}>{t.custom}</option>
      </select>
      {choice.days === 0 && (
        <>
          {/* A cleared date input keeps the previous day: a period always has both ends. */}
          <input type="date" aria-label={t.from} value={custom.from} max={custom.to} data-testid="from"
            onChange={(e) => set({ custom: { ...custom, from: value(e) || custom.from } })} />
          <input type="date" aria-label={t.to} value={custom.to} min={custom.from} data-testid="to"
            onChange={(e) => set({ custom: { ...custom, to: value(e) || custom.to } })} />
        </>
      )}
      <select aria-label={t.agent} value={choice.agentId} onChange={(e) => set({ agentId: value(e) })} data-testid="agent">
        <option value="">{t.allAgents}</option>
        {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
      </select>
      <select aria-label={t.bucket} value={choice.bucket} onChange={(e) => set({ bucket: value(e) as PeriodChoice['bucket'] })} data-testid="bucket">
        <option value="day">{t.byDay}</option>
        <option value="week">{t.byWeek}</option>
      </select>
      <button class="primary" onClick={onExport} data-testid="export">{t.exportCsv}</button>
    </div>
  );
}
