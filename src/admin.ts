/** Everything the nav_bar page needs, loaded by main.tsx with one import(): one chunk, one request through Zendesk's CDN. */
export { AdminPage } from './views/AdminPage.js';
export { adminStringsFor } from './admin-i18n.js';
export { insightsStringsFor } from './insights-i18n.js';
export { stringsFor } from './i18n.js';
export { createAdminSession } from './admin-session.js';
