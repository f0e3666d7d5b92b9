// electron-vite builds the three environments from the fixed top-level folders:
// electron/main (Node, ESM), electron/preload (sandboxed, so CommonJS) and renderer/ (browser).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Parses PDF/Word/HTML off the main thread; src/ingest/extractor-pool.ts looks
          // for it next to the code that starts it.
          'extract-worker': resolve(__dirname, 'src/ingest/extract-worker.ts'),
          // Renders scanned pages and drives Tesseract; src/ingest/ocr/ocr-pool.ts looks for it.
          'ocr-worker': resolve(__dirname, 'src/ingest/ocr/ocr-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
