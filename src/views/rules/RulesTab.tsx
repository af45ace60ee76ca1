import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadAdminStrings, type AdminStrings } from '../../admin-i18n.js';
import type { Strings } from '../../i18n.js';
import type { Call } from '../RulesAdmin.js';

type Props = { call: Call; errors: Strings; locale: string | undefined; loading: string; signInAsAdmin?: () => Promise<void> };
type Loaded = { RulesAdmin: ComponentType<Parameters<typeof import('../RulesAdmin.js').RulesAdmin>[0]>; t: AdminStrings };

/**
 * The rules tab, fetched when first opened: the editor and its strings (the admin's language only) are their own
 * chunks, so the insights most visitors come for stay within the admin page's bundle budget.
 */
export function RulesTab(props: Props) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    Promise.all([import('../RulesAdmin.js'), loadAdminStrings(props.locale)])
      .then(([m, t]) => setLoaded({ RulesAdmin: m.RulesAdmin, t }))
      .catch(() => setFailed(true));
  }, [props.locale]);
  if (failed) return <p class="error" role="alert">{props.errors.unreachable}</p>;
  if (!loaded) return <p class="empty" role="status">{props.loading}</p>;
  const { RulesAdmin, t } = loaded;
  return <RulesAdmin call={props.call} t={t} errors={props.errors} locale={props.locale} signInAsAdmin={props.signInAsAdmin} />;
}
