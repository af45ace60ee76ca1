import { describe, expect, it } from 'vitest';
import { dayLabel, languageName, linkParts, messageTime, relativeTime } from './format.js';

describe('sidebar formatting', () => {
  it('links only http(s) URLs and leaves trailing punctuation and other schemes as text', () => {
    expect(linkParts('See https://shop.test/o/1. Or javascript:alert(1) or http://a.test/x?y=1)')).toEqual([
      'See ', { href: 'https://shop.test/o/1' }, '. Or javascript:alert(1) or ', { href: 'http://a.test/x?y=1' }, ')',
    ]);
    expect(linkParts('no links here')).toEqual(['no links here']);
    expect(linkParts('ftp://x.test data:text/html,<b>')).toEqual(['ftp://x.test data:text/html,<b>']);
  });

  it('says how long ago, and which day, in the UI language', () => {
    const now = Date.parse('2026-03-10T12:00:00');
    expect(relativeTime('2026-03-10T11:55:00', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-03-10T11:59:50', now, 'en')).toBe('now');
    expect(relativeTime('2026-03-10T09:00:00', now, 'de')).toBe('vor 3 Stunden');
    expect(dayLabel('2026-03-10T08:00:00', now, 'en')).toBe('Today');
    expect(dayLabel('2026-03-09T23:00:00', now, 'fr')).toBe('Hier');
    expect(dayLabel('2026-03-01T08:00:00', now, 'en')).toBe('Mar 1, 2026');
    expect(messageTime('2026-03-10T11:15:00', now, 'en')).toBe('45 minutes ago');
    expect(messageTime('2026-03-09T16:05:00', now, 'en')).toBe('4:05 PM');
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('pt-BR', 'ja')).toBe('ポルトガル語 (ブラジル)');
  });
});
