// Records live indexing figures from the moment the window opens (whichever view is
// shown), one sample a second; only components that read them re-render.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.js';
import { MetricsRecorder, type Sample } from '../metrics.js';

const SAMPLE_MS = 1000;

export interface LiveMetrics {
  subscribe(listener: () => void): () => void;
  samples(): readonly Sample[];
}

export function useLiveMetricsRecorder(client: ApiClient): LiveMetrics {
  const store = useMemo(() => {
    const recorder = new MetricsRecorder();
    const listeners = new Set<() => void>();
    return {
      recorder,
      listeners,
      subscribe(listener: () => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      samples: () => recorder.samples(),
    };
  }, []);

  useEffect(() => {
    const off = client.onEvent((event) => {
      if (event.type === 'progress') store.recorder.progress(event.progress);
      else if (event.type === 'folders') store.recorder.folders(event.folders);
      else if (event.type === 'benchmark') store.recorder.benchmark(event.benchmark);
    });
    const timer = window.setInterval(() => {
      store.recorder.sample(Date.now());
      for (const listener of store.listeners) listener();
    }, SAMPLE_MS);
    return () => {
      off();
      window.clearInterval(timer);
    };
  }, [client, store]);

  return store;
}

export function useLiveSamples(metrics: LiveMetrics): readonly Sample[] {
  return useSyncExternalStore(metrics.subscribe, metrics.samples);
}
