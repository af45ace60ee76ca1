import { useRef } from 'preact/hooks';

export type Tab<Id extends string> = { id: Id; label: string };

/** Which key moves the selection where (WAI-ARIA tabs pattern; both ends wrap, as Zendesk Garden's tabs do). */
const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/**
 * A tab list as the WAI-ARIA tabs pattern has it: one tab stop (the selected tab; roving tabindex), the arrow keys,
 * Home and End move between tabs, and selection follows focus (the panels are on hand: kept, or loaded with a status
 * that says so). Each tab controls the panel `panel-<id>`, labelled by the tab `tab-<id>` (AdminPage renders both).
 */
export function Tabs<Id extends string>({ tabs, selected, onSelect }: { tabs: Array<Tab<Id>>; selected: Id; onSelect: (id: Id) => void }) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    if (!move || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const next = move(Math.max(0, tabs.findIndex((tab) => tab.id === selected)), tabs.length);
    onSelect(tabs[next]!.id);
    buttons.current[next]?.focus();
  };
  return (
    <div class="tabs" role="tablist" onKeyDown={onKeyDown}>
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => void (buttons.current[i] = el)}
          role="tab"
          id={`tab-${tab.id}`}
          aria-controls={`panel-${tab.id}`}
          aria-selected={tab.id === selected}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          data-testid={`tab-${tab.id}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
