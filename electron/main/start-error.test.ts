import { describe, expect, it } from 'vitest';
import { IndexBusyError } from '../../src/index/writer-lock.js';
import { startErrorText } from './start-error.js';

const busy = new IndexBusyError(
  '/home/ann/.config/Sift/index',
  { pid: 4242, hostname: 'laptop', startedAt: '2025-01-01T10:00:00.000Z', command: 'sift index', token: 't' },
  '/home/ann/.config/Sift/index/writer.lock',
);

describe('startErrorText', () => {
  it.each([
    ['en-US', "Sift's index is in use", 'is being written by sift index (pid 4242 on laptop'],
    ['zh-CN', 'Sift 的索引正在被使用', '正被 sift index（laptop 上的进程 4242'],
  ])('names who writes the index (%s)', (locale, title, body) => {
    const text = startErrorText(busy, locale);
    expect(text.title).toBe(title);
    expect(text.body).toContain(body);
    expect(text.body).toContain('/home/ann/.config/Sift/index');
  });

  it('shows any other error with its own message', () => {
    expect(startErrorText(new Error('disk on fire'), 'en')).toEqual({ title: 'Sift could not start', body: 'disk on fire' });
    expect(startErrorText(new Error('disk on fire'), 'zh-CN').title).toBe('Sift 无法启动');
  });
});
