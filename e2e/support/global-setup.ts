// Fails early, with the fix, when the UI the server should serve was never built.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function globalSetup(): void {
  const index = join(process.cwd(), 'out', 'renderer', 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: build the UI first (npm run build:ui, or npm run build).`);
  }
}
