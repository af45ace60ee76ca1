import type { VNode } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { agentsTabLabel } from '../agents-i18n.js';
import type { Strings } from '../i18n.js';
import type { InsightsStrings } from '../insights-i18n.js';
import { Insights } from './Insights.js';
import { RulesTab } from './rules/RulesTab.js';

type Call = <T>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown) => Promise<T>;

/** The nav_bar page: insights first (what admins come for), rules one tab away for admins. Loaded lazily by main.tsx. */
export function AdminPage(props: {
  call: Call;
  locale: string | undefined;
  t: { insights: InsightsStrings; errors: Strings };
  /** The Connection tab (admins): its label, and its panel, loaded when the tab opens (not with the page). */
  connection?: { label: string; panel: () => Promise<VNode> };
  openTicket: (ticketId: string) => void;
  download: (fileName: string, csv: string) => void;
  canEditRules: boolean;
  /** Opens the Zendesk sign-in popup that gets this page an admin session (rule changes need one). */
  signInAsAdmin?: () => Promise<void>;
  /** Right after Connect Baton the page opens on the connection's health. */
  initialTab?: 'insights' | 'rules' | 'agents' | 'connection';
}) {
  const [tab, setTab] = useState<'insights' | 'rules' | 'agents' | 'connection'>(props.initialTab ?? 'insights');
  const { t } = props;
  // The AI agents page's code loads when its tab first opens (the admin page's first load stays within budget).
  const agentsPanel = useCallback(async () => {
    const { AgentsPage } = await import('./AgentsAdmin.js');
    return <AgentsPage call={props.call} errors={t.errors} locale={props.locale} signInAsAdmin={props.signInAsAdmin} />;
  }, [props.call, t.errors, props.locale, props.signInAsAdmin]);
  return (
    <>
      <nav class="tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'insights'} onClick={() => setTab('insights')} data-testid="tab-insights">{t.insights.tabInsights}</button>
        {props.canEditRules && <button role="tab" aria-selected={tab === 'rules'} onClick={() => setTab('rules')} data-testid="tab-rules">{t.insights.tabRules}</button>}
        {props.canEditRules && <button role="tab" aria-selected={tab === 'agents'} onClick={() => setTab('agents')} data-testid="tab-agents">{agentsTabLabel(props.locale)}</button>}
        {props.canEditRules && props.connection && <button role="tab" aria-selected={tab === 'connection'} onClick={() => setTab('connection')} data-testid="tab-connection">{props.connection.label}</button>}
      </nav>
      {tab === 'connection' && props.canEditRules && props.connection
        ? <Lazy load={props.connection.panel} />
        : tab === 'agents' && props.canEditRules
        ? <Lazy load={agentsPanel} />
        : tab === 'insights' || !props.canEditRules
        ? <Insights call={props.call} t={t.insights} errors={t.errors} locale={props.locale} openTicket={props.openTicket} download={props.download} />
        : <RulesTab call={props.call} errors={t.errors} locale={props.locale} loading={t.insights.loading} signInAsAdmin={props.signInAsAdmin} />}
    </>
  );
}

/** A panel whose code and strings arrive when it is first shown. */
function Lazy({ load }: { load: () => Promise<VNode> }) {
  const [node, setNode] = useState<VNode | undefined>();
  useEffect(() => void load().then(setNode), [load]);
  return node ?? <p class="muted" role="status">…</p>;
}
