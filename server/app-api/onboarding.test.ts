import { describe, expect, it } from 'vitest';
import { onboardingMessage } from './onboarding.js';

describe('the onboarding popup message', () => {
  it("carries a failed access check's code (and what its wording names), so the app can say it in the admin's language", () => {
    const access = { code: 'tickets_forbidden', user: 'Ada', status: 403, zendesk: 'https://acme.zendesk.com' } as const;
    expect(onboardingMessage({ ok: false, code: 'zendesk_check_failed', message: 'The token lacks ticket access.', access })).toEqual({
      type: 'baton.onboarding',
      error: 'zendesk_check_failed',
      message: 'The token lacks ticket access.',
      access,
    });
    // Other refusals have no access check to word.
    expect(onboardingMessage({ ok: false, code: 'admin_required', message: 'Not an admin.' })).toEqual({ type: 'baton.onboarding', error: 'admin_required', message: 'Not an admin.' });
  });
});
