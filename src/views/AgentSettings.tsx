/**
 * What the AI agents tab fetches only when an admin changes an agent's settings: one chunk, outside the
 * tab's own budget (scripts/app-package.test.ts measures it separately).
 */
export { CallbackUrlForm } from './CallbackUrlForm.js';
export { WaitingSettings } from './WaitingSettings.js';
