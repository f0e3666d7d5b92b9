// The ApiClient for the whole tree, chosen once at start (see api/client.ts).
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.js';

export const ClientContext = createContext<ApiClient | null>(null);

export function useClient(): ApiClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ClientContext.Provider>.');
  return client;
}
