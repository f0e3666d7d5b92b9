// `notice` events from the core, shown as toasts. Info and warnings fade after a while;
// errors stay until dismissed. The UI can push its own. A confirmation of what the person
// just did ("Copied notes.md") is a flash instead: one short line in the status bar for
// FLASH_MS, where it covers nothing (a toast over the results hid the next ones).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SiftEvent } from '../../../src/api/contract.js';
import type { ApiClient } from '../api/client.js';

type NoticeEvent = Extract<SiftEvent, { type: 'notice' }>;
export interface Notice {
  id: number;
  level: NoticeEvent['level'];
  message: string;
  /** The core's key and values for the message, translated when shown. */
  detail?: NoticeEvent['detail'];
}

const FADE_MS = 6000;
export const FLASH_MS = 2000;
const MAX_SHOWN = 4;

export function useNotices(client: ApiClient) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [flashText, setFlashText] = useState<string | null>(null);
  const flashTimer = useRef<number | undefined>(undefined);
  const nextId = useRef(1);
  const timers = useRef(new Set<number>());

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);

  const push = useCallback(
    (level: Notice['level'], message: string, fadeMs = FADE_MS, detail?: Notice['detail']) => {
      const id = nextId.current++;
      setNotices((list) => [...list, { id, level, message, detail }].slice(-MAX_SHOWN));
      if (level !== 'error') {
        const timer = window.setTimeout(() => {
          timers.current.delete(timer);
          dismiss(id);
        }, fadeMs);
        timers.current.add(timer);
      }
    },
    [dismiss],
  );

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'notice') push(event.level, event.message, FADE_MS, event.detail);
      }),
    [client, push],
  );

  const flash = useCallback((message: string) => {
    window.clearTimeout(flashTimer.current);
    setFlashText(message);
    flashTimer.current = window.setTimeout(() => setFlashText(null), FLASH_MS);
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      pending.forEach((timer) => window.clearTimeout(timer));
      window.clearTimeout(flashTimer.current);
    };
  }, []);

  return { notices, push, dismiss, flash, flashText };
}
