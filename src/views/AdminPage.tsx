import { useState } from 'preact/hooks';
import type { AdminStrings } from '../admin-i18n.js';
import { agentsTabLabel } from '../agents-i18n.js';
import { AgentsPage } from './AgentsAdmin.js';
import type { Strings } from '../i18n.js';
import type { InsightsStrings } from '../insights-i18n.js';
import { Insights } from './Insights.js';
import { RulesAdmin } from './RulesAdmin.js';

type Call = <T>(path: string, type: 'GET' | 'POST', body?: unknown) => Promise<T>;

/** The nav_bar page: insights first (what admins come for), rules one tab away for admins. Loaded lazily by main.tsx. */
export function AdminPage(props: {
  call: Call;
  locale: string | undefined;
  t: { admin: AdminStrings; insights: InsightsStrings; errors: Strings };
  openTicket: (ticketId: string) => void;
  download: (fileName: string, csv: string) => void;
  canEditRules: boolean;
  /** Opens the Zendesk sign-in popup that gets this page an admin session (rule changes need one). */
  signInAsAdmin?: () => Promise<void>;
}) {
  const [tab, setTab] = useState<'insights' | 'rules' | 'agents'>('insights');
  const { t } = props;
  return (
    <>
      <nav class="tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'insights'} onClick={() => setTab('insights')} data-testid="tab-insights">{t.insights.tabInsights}</button>
        {props.canEditRules && <button role="tab" aria-selected={tab === 'rules'} onClick={() => setTab('rules')} data-testid="tab-rules">{t.insights.tabRules}</button>}
        {props.canEditRules && <button role="tab" aria-selected={tab === 'agents'} onClick={() => setTab('agents')} data-testid="tab-agents">{agentsTabLabel(props.locale)}</button>}
      </nav>
      {tab === 'agents' && props.canEditRules
        ? <AgentsPage call={props.call} errors={t.errors} locale={props.locale} signInAsAdmin={props.signInAsAdmin} />
        : tab === 'insights' || !props.canEditRules
        ? <Insights call={props.call} t={t.insights} errors={t.errors} locale={props.locale} openTicket={props.openTicket} download={props.download} />
        : <RulesAdmin call={props.call} t={t.admin} errors={t.errors} signInAsAdmin={props.signInAsAdmin} />}
    </>
  );
}
