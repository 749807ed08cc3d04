import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './webhook-delivery.js';
import { webhookEventsOf } from './webhook-events.js';

describe('webhookEventsOf', () => {
  it.each([
    ['draft', 'published', ['post.published', 'site.changed']],
    ['scheduled', 'published', ['post.published', 'site.changed']],
    ['published', 'published', ['post.published.edited', 'site.changed']],
    ['published', 'unpublished', ['post.unpublished', 'site.changed']],
    ['draft', 'scheduled', ['post.scheduled']],
    ['scheduled', 'scheduled', []],
    ['draft', 'in_review', []],
  ] as const)('reads a post going from %s to %s as %j', (before, after, events) => {
    expect(webhookEventsOf('post', before, after)).toEqual(events);
  });

  it('never schedules a page', () => {
    expect(webhookEventsOf('page', null, 'published')).toEqual(['page.published', 'site.changed']);
    expect(webhookEventsOf('page', 'draft', 'scheduled')).toEqual([]);
  });
});

describe('nextAttemptAt', () => {
  const o = { retryBaseMs: 10_000, maxRetryMs: 7_200_000, giveUpAfterMs: 86_400_000 };
  it('doubles the wait after each failure, up to the most, and gives up 24 hours after queueing', () => {
    expect(nextAttemptAt(1, 0, 0, o)).toBe(10_000);
    expect(nextAttemptAt(3, 0, 0, o)).toBe(40_000);
    expect(nextAttemptAt(20, 0, 0, o)).toBe(7_200_000);
    expect(nextAttemptAt(20, 80_000_000, 0, o)).toBeNull();
  });
});
