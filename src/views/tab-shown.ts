import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * How many times the tab panel around a view has been shown. The admin page keeps a panel once opened, so that what an
 * admin typed survives a look at another tab; a view adds this to its reads' dependencies, so coming back still
 * reads its data afresh (what another admin changed meanwhile). 0 outside any tab panel.
 */
export const TabShown = createContext(0);

export const useTabShown = () => useContext(TabShown);
