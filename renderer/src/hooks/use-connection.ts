// Whether the event stream is live: null until the first answer.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';

export function useConnection(client: ApiClient): boolean | null {
  const [connected, setConnected] = useState<boolean | null>(null);
  useEffect(() => client.onConnection(setConnected), [client]);
  return connected;
}
