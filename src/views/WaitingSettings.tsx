import { useEffect, useState } from 'preact/hooks';
import { fill } from '../agents-i18n.js';
import { loadWaitingStrings, type WaitingStrings } from '../waiting-i18n.js';
import { WaitingAnswerSchema, type WaitingAnswer } from '../waiting-schema.js';
import type { Run } from './AgentCard.js';

type Form = {
  useHours: boolean;
  naMinutes: string; naHours: boolean; action: WaitingAnswer['settings']['noAgentTimeout']['action']; priority: 'high' | 'urgent'; naTag: string;
  asMinutes: string; asHours: boolean; asTag: string; note: boolean;
  groups: Array<{ group: string; schedule: string }>;
  samples: string;
};
type Problems = Partial<Record<'naMinutes' | 'naTag' | 'asMinutes' | 'asTag' | 'samples' | `group${number}`, string>>;

const TAG = /^[a-z0-9_\-:]{1,80}$/;
const whole = (v: string, max: number) => /^\d+$/.test(v) && +v >= 1 && +v <= max;

const formOf = ({ settings: s }: WaitingAnswer): Form => ({
  useHours: s.useBusinessHours,
  naMinutes: s.noAgentTimeout.minutes?.toString() ?? '', naHours: s.noAgentTimeout.businessHours, action: s.noAgentTimeout.action, priority: s.noAgentTimeout.priority, naTag: s.noAgentTimeout.tag,
  asMinutes: s.agentSilent.minutes?.toString() ?? '', asHours: s.agentSilent.businessHours ?? false, asTag: s.agentSilent.tag ?? '', note: s.agentSilent.note,
  groups: Object.entries(s.scheduleByGroup).map(([group, schedule]) => ({ group, schedule })),
  samples: String(s.estimateMinSamples),
});

/** The same checks as the relay (server/core/waiting-settings.ts), so each mistake is named beside its control. */
function check(f: Form, t: WaitingStrings): Problems {
  const p: Problems = {};
  if (f.naMinutes.trim() && !whole(f.naMinutes.trim(), 10_080)) p.naMinutes = t.minutesInvalid;
  // The tag field shows only for the actions that add it: a problem there would block Save with nothing on screen.
  if (f.action !== 'keep_waiting' && !TAG.test(f.naTag)) p.naTag = t.tagInvalid;
  if (f.asMinutes.trim() && !whole(f.asMinutes.trim(), 10_080)) p.asMinutes = t.minutesInvalid;
  if (f.asTag && !TAG.test(f.asTag)) p.asTag = t.tagInvalid;
  if (!whole(f.samples.trim(), 1_000)) p.samples = t.samplesInvalid;
  // A group listed twice would keep only its last row (the relay stores one schedule per group): say so instead.
  f.groups.forEach((g, i) => {
    if (!/^\d{1,20}$/.test(g.group.trim())) p[`group${i}`] = t.groupInvalid;
    else if (f.groups.slice(0, i).some((h) => h.group.trim() === g.group.trim())) p[`group${i}`] = t.groupDuplicate;
  });
  return p;
}

const patchOf = (f: Form) => ({
  useBusinessHours: f.useHours,
  noAgentTimeout: {
    minutes: f.naMinutes.trim() ? +f.naMinutes : null, businessHours: f.naHours, action: f.action, priority: f.priority,
    // A hidden tag left invalid is not sent: the relay keeps the saved one (objects merge one level deep).
    ...(f.action === 'keep_waiting' && !TAG.test(f.naTag) ? {} : { tag: f.naTag }),
  },
  agentSilent: { minutes: f.asMinutes.trim() ? +f.asMinutes : null, businessHours: f.asHours, tag: f.asTag || null, note: f.note },
  scheduleByGroup: Object.fromEntries(f.groups.map((g) => [g.group.trim(), g.schedule])),
  estimateMinSamples: +f.samples,
});

/**
 * "While the customer waits" for one AI agent: business hours, the no-agent and agent-silent timeouts, the
 * schedule per group. Its own chunk with its own strings, fetched when an admin opens it.
 */
export function WaitingSettings({ agentId, run, locale }: { agentId: string; run: Run; locale: string | undefined }) {
  const [t, setT] = useState<WaitingStrings | undefined>();
  const [answer, setAnswer] = useState<WaitingAnswer | undefined>();
  const [form, setForm] = useState<Form | undefined>();
  const [problems, setProblems] = useState<Problems>({});
  // The answer to the last Save: a refusal is told at the top of the page, far above this button, so it is named here too.
  const [saved, setSaved] = useState<'saved' | 'refused'>();
  const path = `/app/v1/ai-agents/${encodeURIComponent(agentId)}/waiting-settings`;
  useEffect(() => void loadWaitingStrings(locale).then(setT), [locale]);
  useEffect(() => void run(path, undefined, (raw) => WaitingAnswerSchema.parse(raw)).then((r) => { if (r) { setAnswer(r); setForm(formOf(r)); } }), [path]);
  if (!t || !form || !answer) return null;

  const id = (k: string) => `w-${agentId}-${k}`;
  const set = (patch: Partial<Form>) => { setSaved(undefined); setForm({ ...form, ...patch }); };
  const text = (k: 'naMinutes' | 'naTag' | 'asMinutes' | 'asTag' | 'samples', label: string, extra: object = {}) => (
    <div class="field">
      <label for={id(k)}>{label}</label>
      <input id={id(k)} value={form[k]} onInput={(e) => set({ [k]: (e.target as HTMLInputElement).value })} aria-invalid={problems[k] ? true : undefined} aria-describedby={problems[k] ? id(`${k}-problem`) : undefined} autoComplete="off" {...extra} />
      {problems[k] && <p class="error inline" id={id(`${k}-problem`)}>{problems[k]}</p>}
    </div>
  );
  const box = (k: 'useHours' | 'naHours' | 'asHours' | 'note', label: string) => (
    <label class="switch check"><input type="checkbox" checked={form[k]} onChange={(e) => set({ [k]: (e.target as HTMLInputElement).checked })} /> {label}</label>
  );
  const save = async (e: Event) => {
    e.preventDefault();
    const found = check(form, t);
    setProblems(found);
    if (Object.keys(found).length) return;
    setSaved(undefined);
    const r = await run(path, patchOf(form), (raw) => WaitingAnswerSchema.parse(raw));
    if (r) { setAnswer(r); setForm(formOf(r)); }
    setSaved(r ? 'saved' : 'refused');
  };
  const numeric = { inputMode: 'numeric', maxLength: 5 };

  return (
    <form class="waiting" onSubmit={(e) => void save(e)} noValidate data-testid="waiting-settings" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{t.title}</h3>
      <p class="muted">{t.appliesLater}</p>
      {box('useHours', t.useHours)}
      <fieldset>
        <legend>{t.noAgent}</legend>
        {text('naMinutes', t.minutes, numeric)}
        {box('naHours', t.businessMinutes)}
        <div class="field">
          <label for={id('action')}>{t.action}</label>
          <select id={id('action')} value={form.action} onChange={(e) => set({ action: (e.target as HTMLSelectElement).value as Form['action'] })}>
            <option value="keep_waiting">{t.keepWaiting}</option>
            <option value="raise_priority">{t.raisePriority}</option>
            <option value="return_to_ai">{t.returnToAi}</option>
          </select>
        </div>
        {form.action === 'raise_priority' && (
          <div class="field">
            <label for={id('priority')}>{t.priority}</label>
            <select id={id('priority')} value={form.priority} onChange={(e) => set({ priority: (e.target as HTMLSelectElement).value as Form['priority'] })}>
              <option value="high">{t.high}</option>
              <option value="urgent">{t.urgent}</option>
            </select>
          </div>
        )}
        {form.action !== 'keep_waiting' && text('naTag', t.tag, { maxLength: 80 })}
      </fieldset>
      <fieldset>
        <legend>{t.agentSilent}</legend>
        {text('asMinutes', t.minutes, numeric)}
        {box('asHours', t.businessMinutes)}
        {text('asTag', t.silentTag, { maxLength: 80 })}
        {box('note', t.note)}
      </fieldset>
      <fieldset>
        <legend>{t.groups}</legend>
        {answer.schedules.length === 0 ? <p class="muted">{t.noSchedules}</p> : <p class="muted">{fill(t.groupsHint, { name: answer.schedules[0]!.name })}</p>}
        {(answer.unmappedSchedules ?? []).map((s) => (
          <p class="error inline" key={s.id} data-unmapped-schedule={s.id}>
            {fill(t.unmappedSchedule, { name: `"${s.name}"`, zone: `"${s.zendeskTimeZone}"` })}
          </p>
        ))}
        {form.groups.map((g, i) => (
          <div class="group-row" key={i}>
            <div class="field">
              <label for={id(`g${i}`)}>{t.groupId}</label>
              <input id={id(`g${i}`)} value={g.group} inputMode="numeric" maxLength={20} onInput={(e) => set({ groups: form.groups.map((x, j) => (j === i ? { ...x, group: (e.target as HTMLInputElement).value } : x)) })} aria-invalid={problems[`group${i}`] ? true : undefined} aria-describedby={problems[`group${i}`] ? id(`g${i}-problem`) : undefined} />
              {problems[`group${i}`] && <p class="error inline" id={id(`g${i}-problem`)}>{problems[`group${i}`]}</p>}
            </div>
            <div class="field">
              <label for={id(`s${i}`)}>{t.schedule}</label>
              <select id={id(`s${i}`)} value={g.schedule} onChange={(e) => set({ groups: form.groups.map((x, j) => (j === i ? { ...x, schedule: (e.target as HTMLSelectElement).value } : x)) })}>
                {answer.schedules.map((s) => <option key={s.id} value={s.id}>{`${s.name} (${s.timeZone})`}</option>)}
                {/* A schedule since deleted in Zendesk stays visible as what is saved (its tickets use the default now). */}
                {!answer.schedules.some((s) => s.id === g.schedule) && <option value={g.schedule}>{g.schedule}</option>}
              </select>
            </div>
            <button type="button" class="link" onClick={() => set({ groups: form.groups.filter((_, j) => j !== i) })} aria-label={`${t.remove} ${g.group}`}>{t.remove}</button>
          </div>
        ))}
        {answer.schedules.length > 0 && <button type="button" class="secondary" onClick={() => set({ groups: [...form.groups, { group: '', schedule: answer.schedules[0]!.id }] })}>{t.addGroup}</button>}
      </fieldset>
      {text('samples', t.samples, numeric)}
      <button class="primary" data-testid="waiting-save">{t.save}</button>
      <p role="status" class={saved === 'refused' ? 'error inline' : undefined} data-testid="waiting-saved">{saved === 'saved' ? t.saved : saved === 'refused' ? t.notSaved : ''}</p>
    </form>
  );
}
