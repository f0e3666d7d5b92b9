// Where the local API listens and the token clients need, read after each change of the
// switch or port. The address comes from the core's status; the token only from the
// desktop app's own IPC channel (no contract call returns it, so HTTP never can). In
// browser mode `sift serve` runs the API itself and prints both, so this row says so.
import { useEffect, useState } from 'react';
import type { LocalApiStateInfo } from '../../../../src/api/contract.js';
import { useClient } from '../../hooks/use-client.js';
import { useI18n } from '../../i18n/context.js';

export function ApiInfo({ changeKey }: { changeKey: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [api, setApi] = useState<LocalApiStateInfo | null | undefined>(undefined);
  const [token, setToken] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .status({})
      .then((status) => live && setApi(status.api ?? null))
      .catch(() => live && setApi(null));
    return () => {
      live = false;
    };
  }, [client, changeKey]);

  const running = api?.running === true;
  useEffect(() => {
    let live = true;
    if (running && client.desktop) {
      client.desktop
        .localApiToken()
        .then((value) => live && setToken(value))
        .catch(() => live && setToken(null));
    }
    return () => {
      live = false;
    };
  }, [client, running]);

  if (api === undefined) return null;
  if (api === null) return <p className="muted" data-testid="settings-api-info">{t('settings.apiServeNote')}</p>;
  if (api.error) return <p className="api-info-error" role="alert" data-testid="settings-api-info">{api.error}</p>;
  if (!api.running) return null;
  return (
    <dl className="api-info" data-testid="settings-api-info">
      <dt>{t('settings.apiUrl')}</dt>
      <dd>
        <code>{api.url}/v1</code>
      </dd>
      <dt>{t('settings.apiToken')}</dt>
      <dd>
        <code data-testid="settings-api-token">{token ?? '…'}</code>
      </dd>
    </dl>
  );
}
