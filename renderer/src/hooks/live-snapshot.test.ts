// The folder list's two sources racing: replies to listFolders and `folders` events.
import { describe, expect, it } from 'vitest';
import { LiveSnapshot } from './live-snapshot.js';

function track() {
  const shown: string[] = [];
  return { shown, live: new LiveSnapshot<string>((value) => shown.push(value)) };
}

describe('LiveSnapshot', () => {
  it('applies a reply when nothing else happened', () => {
    const { shown, live } = track();
    expect(live.reply(live.request(), 'indexing')).toBe(true);
    expect(shown).toEqual(['indexing']);
  });

  it('drops a reply that an event overtook: the event is at least as new', () => {
    const { shown, live } = track();
    const token = live.request(); // the server answers "indexing" ...
    live.event('watching'); // ... and the stream says "watching" before that answer lands
    expect(live.reply(token, 'indexing')).toBe(false);
    expect(shown).toEqual(['watching']);
  });

  it('drops the older of two replies that land out of order', () => {
    const { shown, live } = track();
    const first = live.request(); // before the event stream opened
    const second = live.request(); // after it opened
    expect(live.reply(second, 'watching')).toBe(true);
    expect(live.reply(first, 'indexing')).toBe(false);
    expect(shown).toEqual(['watching']);
  });

  it('applies the first reply at once while a second request is still out', () => {
    const { shown, live } = track();
    const first = live.request();
    const second = live.request();
    expect(live.reply(first, 'indexing')).toBe(true);
    expect(live.reply(second, 'watching')).toBe(true);
    expect(shown).toEqual(['indexing', 'watching']);
  });

  it('judges a failed request\'s answer the same way (take), without applying anything', () => {
    const { shown, live } = track();
    const first = live.request();
    const second = live.request();
    expect(live.take(second)).toBe(true); // the newer request failed: its error is news
    expect(live.take(first)).toBe(false); // the older one's answer is not any more
    expect(live.reply(first, 'indexing')).toBe(false);
    expect(shown).toEqual([]);
  });

  it('applies every event, and a later request again', () => {
    const { shown, live } = track();
    live.event('indexing');
    live.event('watching');
    expect(live.reply(live.request(), 'paused')).toBe(true);
    expect(shown).toEqual(['indexing', 'watching', 'paused']);
  });
});
