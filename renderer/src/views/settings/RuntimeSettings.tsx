// Settings rows of the model runtime: which reranker and when it reranks (Search), the GPU
// memory Sift may use and when idle models give their memory back (Engine).
import { useEffect, useState } from 'react';
import type { RerankMode, Settings, SettingsPatch } from '../../../../src/api/settings-contract.js';
import type { RerankerStatus } from '../../../../src/api/runtime-contract.js';
import { SETTING_EFFECTS, SETTING_LIMITS as LIMITS } from '../../../../src/api/setting-effects.js';
import type { ApiError } from '../../api/api-error.js';
import { Segmented } from '../../components/Segmented.js';
import { useClient } from '../../hooks/use-client.js';
import { useModels } from '../../hooks/use-models.js';
import { useI18n } from '../../i18n/context.js';
import { DraftField, SettingRow, useSaveStatus } from './fields.js';

interface Props {
  settings: Settings;
  save(patch: SettingsPatch): Promise<ApiError | null>;
}

const IDLE_CHOICES = [1, 5, 10, 30, 60] as const;

/** The reranker's state as the core reports it, refreshed after each change of these rows. */
function useRerankerStatus(key: string): RerankerStatus | undefined {
  const client = useClient();
  const [state, setState] = useState<RerankerStatus | undefined>();
  useEffect(() => {
    let live = true;
    client.status({}).then(
      (status) => live && setState(status.reranker),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, key]);
  return state;
}

export function RerankerRows({ settings, save }: Props) {
  const { t } = useI18n();
  const effect = (key: keyof Settings) => t(`effect.${SETTING_EFFECTS[key]}`);
  const models = useModels(useClient());
  const choice = useSaveStatus();
  const mode = useSaveStatus();
  const state = useRerankerStatus(`${settings.reranker}:${settings.rerank}`);
  const rerankers = (models.list?.models ?? []).filter((m) => m.role === 'reranker' && m.path && (m.status === 'installed' || m.imported));
  const chosen = settings.reranker;
  const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

  let note: string | null = null;
  if (chosen && state) {
    if (state.error) note = t('reranker.failed', { message: state.error });
    else if (state.tooSlowP95Ms !== undefined) note = t('reranker.slow', { ms: state.tooSlowP95Ms });
    else if (!state.loaded && state.mode !== 'off') note = t('reranker.notLoaded');
    else note = state.enabled ? t('reranker.on', { backend: (state.backend ?? '').toUpperCase() }) : t('reranker.off');
  }

  return (
    <>
      <SettingRow label={t('settings.reranker')} htmlFor="setting-reranker" hint={t('settings.rerankerHint')} effect={effect('reranker')} status={choice.view}>
        <select
          id="setting-reranker"
          className="select"
          data-testid="settings-reranker"
          value={chosen ?? ''}
          onChange={async (event) => choice.report(await save({ reranker: event.target.value === '' ? null : event.target.value }))}
        >
          <option value="">{t('settings.rerankerNone')}</option>
          {rerankers.map((m) => (
            <option key={m.id} value={m.path}>
              {m.name}
            </option>
          ))}
          {chosen && !rerankers.some((m) => m.path === chosen) && <option value={chosen}>{t('settings.rerankerMissing', { name: fileName(chosen) })}</option>}
        </select>
      </SettingRow>
      <SettingRow label={t('settings.rerankMode')} hint={t('settings.rerankModeHint')} effect={effect('rerank')} status={mode.view}>
        <Segmented<RerankMode>
          testId="settings-rerank-mode"
          label={t('settings.rerankMode')}
          value={settings.rerank}
          onChange={async (value) => mode.report(await save({ rerank: value }))}
          options={[
            { value: 'auto', label: t('rerankMode.auto') },
            { value: 'on', label: t('rerankMode.on') },
            { value: 'off', label: t('rerankMode.off') },
          ]}
        />
        {note && (
          <p className="setting-hint" data-testid="settings-reranker-state">
            {note}
          </p>
        )}
      </SettingRow>
    </>
  );
}

/** GB with up to one decimal, from MiB. */
function gbText(mb: number): string {
  return String(Math.round((mb / 1024) * 10) / 10);
}

export function MemoryRows({ settings, save }: Props) {
  const { t } = useI18n();
  const effect = (key: keyof Settings) => t(`effect.${SETTING_EFFECTS[key]}`);
  const idle = useSaveStatus();
  const minGb = Math.ceil((LIMITS.gpuMemoryMbMin / 1024) * 10) / 10;
  const maxGb = LIMITS.gpuMemoryMbMax / 1024;

  return (
    <>
      <SettingRow label={t('settings.gpuMemory')} htmlFor="setting-gpu-memory" hint={t('settings.gpuMemoryHint')} effect={effect('gpuMemoryMB')}>
        <DraftField<number | null>
          id="setting-gpu-memory"
          testId="settings-gpu-memory"
          value={settings.gpuMemoryMB}
          placeholder={t('settings.gpuMemoryAuto')}
          format={(mb) => (mb === null ? '' : gbText(mb))}
          parse={(text) => {
            const trimmed = text.trim().replace(',', '.');
            if (trimmed === '') return { ok: true, value: null };
            const gb = Number(trimmed);
            const mb = Math.round(gb * 1024);
            if (!Number.isFinite(gb) || mb < LIMITS.gpuMemoryMbMin || mb > LIMITS.gpuMemoryMbMax) {
              return { ok: false, message: t('settings.gpuMemoryRange', { min: minGb, max: maxGb }) };
            }
            return { ok: true, value: mb };
          }}
          save={(gpuMemoryMB) => save({ gpuMemoryMB })}
          suffix="GB"
          inputMode="text"
        />
      </SettingRow>
      <SettingRow label={t('settings.idleUnload')} htmlFor="setting-idle-unload" hint={t('settings.idleUnloadHint')} effect={effect('idleUnloadMinutes')} status={idle.view}>
        <select
          id="setting-idle-unload"
          className="select"
          data-testid="settings-idle-unload"
          value={settings.idleUnloadMinutes === null ? 'never' : String(settings.idleUnloadMinutes)}
          onChange={async (event) =>
            idle.report(await save({ idleUnloadMinutes: event.target.value === 'never' ? null : Number(event.target.value) }))
          }
        >
          {/* A value set elsewhere (the settings file) is kept as a choice. */}
          {[...new Set([...IDLE_CHOICES, ...(settings.idleUnloadMinutes === null ? [] : [settings.idleUnloadMinutes])])]
            .sort((a, b) => a - b)
            .map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t('idle.minutes', { count: minutes })}
              </option>
            ))}
          <option value="never">{t('idle.never')}</option>
        </select>
      </SettingRow>
    </>
  );
}
