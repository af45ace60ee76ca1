import type { VNode } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { agentsTabLabel } from '../agents-i18n.js';
import type { Strings } from '../i18n.js';
import type { InsightsStrings } from '../insights-i18n.js';
import { Insights } from './Insights.js';
import { RulesTab } from './rules/RulesTab.js';
import { TabShown } from './tab-shown.js';
import { Tabs, type Tab } from './Tabs.js';

type Call = <T>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown) => Promise<T>;
type TabId = 'insights' | 'rules' | 'agents' | 'connection';

/**
 * The nav_bar page: insights first (what admins come for), rules, AI agents and the connection a tab away for admins.
 * Loaded lazily by main.tsx. A panel, once opened, stays (hidden while another tab is shown): a rule being edited, a
 * new agent's name, waiting settings typed but not saved — or an API key shown once — are there when the admin comes
 * back, and the panel reads its data again then (TabShown), as it did when switching tabs rebuilt it.
 */
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
  initialTab?: TabId;
}) {
  const { t } = props;
  const tabs: Array<Tab<TabId>> = [
    { id: 'insights', label: t.insights.tabInsights },
    ...(props.canEditRules ? [{ id: 'rules' as const, label: t.insights.tabRules }, { id: 'agents' as const, label: agentsTabLabel(props.locale) }] : []),
    ...(props.canEditRules && props.connection ? [{ id: 'connection' as const, label: props.connection.label }] : []),
  ];
  const first = tabs.some((x) => x.id === props.initialTab) ? props.initialTab! : 'insights';
  const [tab, setTab] = useState<TabId>(first);
  // How often each tab has been shown: a panel is built the first time, and told of every later time (TabShown).
  const [shown, setShown] = useState<Partial<Record<TabId, number>>>({ [first]: 1 });
  const select = (id: TabId) => {
    if (id === tab) return;
    setTab(id);
    setShown((s) => ({ ...s, [id]: (s[id] ?? 0) + 1 }));
  };
  // The AI agents page's code loads when its tab first opens (the admin page's first load stays within budget).
  const agentsPanel = useCallback(async () => {
    const { AgentsPage } = await import('./AgentsAdmin.js');
    return <AgentsPage call={props.call} errors={t.errors} locale={props.locale} signInAsAdmin={props.signInAsAdmin} />;
  }, [props.call, t.errors, props.locale, props.signInAsAdmin]);
  const panel = (id: TabId) =>
    id === 'insights' ? <Insights call={props.call} t={t.insights} errors={t.errors} locale={props.locale} openTicket={props.openTicket} download={props.download} />
    : id === 'rules' ? <RulesTab call={props.call} errors={t.errors} locale={props.locale} loading={t.insights.loading} signInAsAdmin={props.signInAsAdmin} />
    : id === 'agents' ? <Lazy load={agentsPanel} />
    : <Lazy load={props.connection!.panel} />;
  // One <main> for the whole page, the tab list included (axe's "region": nothing outside a landmark). The tabs'
  // pages are plain blocks inside it: a <main> of their own would nest in this one.
  return (
    <main class="admin-page">
      <Tabs tabs={tabs} selected={tab} onSelect={select} />
      {/* Every tab's panel is there for its aria-controls to point at; what is in it, from the tab's first showing on. */}
      {tabs.map((x) => (
        <div key={x.id} class="tabpanel" role="tabpanel" id={`panel-${x.id}`} aria-labelledby={`tab-${x.id}`} hidden={x.id !== tab}>
          {shown[x.id] && <TabShown.Provider value={shown[x.id]!}>{panel(x.id)}</TabShown.Provider>}
        </div>
      ))}
    </main>
  );
}

/** A panel whose code and strings arrive when it is first shown. */
function Lazy({ load }: { load: () => Promise<VNode> }) {
  const [node, setNode] = useState<VNode | undefined>();
  useEffect(() => void load().then(setNode), [load]);
  return node ?? <p class="muted" role="status">…</p>;
}
