// The message box shown when the app cannot start, in the app's language. The core's
// errors carry a code; the one a person can act on (another process writes the index)
// is translated here with its facts, the rest show the core's own message.
import { SiftError } from '../../src/api/errors.js';
import { IndexBusyError } from '../../src/index/writer-lock.js';

export interface StartErrorText {
  title: string;
  body: string;
}

export function startErrorText(error: unknown, locale: string): StartErrorText {
  const zh = locale.toLowerCase().startsWith('zh');
  if (error instanceof IndexBusyError) {
    const { command, pid, hostname, startedAt } = error.holder;
    return zh
      ? {
          title: 'Sift 的索引正在被使用',
          body: `索引 ${error.indexDir} 正被 ${command}（${hostname} 上的进程 ${pid}，自 ${startedAt} 起）写入。请等它结束或将其关闭，然后重新启动 Sift。`,
        }
      : {
          title: "Sift's index is in use",
          body: `The index at ${error.indexDir} is being written by ${command} (pid ${pid} on ${hostname}, since ${startedAt}). Wait for it to finish or close it, then start Sift again.`,
        };
  }
  const message = error instanceof SiftError || error instanceof Error ? error.message : String(error);
  return { title: zh ? 'Sift 无法启动' : 'Sift could not start', body: message };
}
