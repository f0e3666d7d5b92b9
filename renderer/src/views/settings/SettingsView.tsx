// The Settings view: appearance, indexing, search, engine and the local API. Choices save
// at once; typed values save on Enter or on leaving the field. Each row says when the
// change takes effect.
import type { GpuBackend, Settings, SettingsPatch, Theme } from '../../../../src/api/contract.js';
import type { OcrLanguage } from '../../../../src/api/settings-contract.js';
import type { ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Segmented } from '../../components/Segmented.js';
import type { SettingsState } from '../../hooks/use-settings.js';
import { useI18n } from '../../i18n/context.js';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/locale.js';
import { DEFAULT_QUERY_INSTRUCTION, SETTING_EFFECTS, SETTING_LIMITS as LIMITS } from '../../../../src/api/setting-effects.js';
import { ApiInfo, ServeApiNote } from './ApiInfo.js';
import { useClient } from '../../hooks/use-client.js';
import { DraftField, intParser, SettingRow, Toggle, useSaveStatus } from './fields.js';
import { MemoryRows, RerankerRows } from './RuntimeSettings.js';
import { SharedIndexSettings } from './SharedIndexSettings.js';

interface Props {
  state: SettingsState;
  onLanguage(locale: Locale): Promise<ApiError | null>;
}

const GPU_BACKENDS: readonly GpuBackend[] = ['auto', 'cuda', 'vulkan', 'metal', 'cpu'];
const OCR_LANGUAGES: readonly OcrLanguage[] = ['eng', 'chi_sim'];

export function SettingsView({ state, onLanguage }: Props) {
  const { t } = useI18n();
  const { settings, loadError } = state;

  return (
    <section className="view view-settings" data-testid="view-settings" aria-labelledby="settings-title">
      <header className="view-header">
        <div className="view-title">
          <h1 id="settings-title">{t('settings.title')}</h1>
          <p>{t('settings.intro')}</p>
        </div>
      </header>
      <div className="view-body">
        {loadError && <ErrorMessage testId="settings-error" error={loadError} title={t('settings.loadFailed')} />}
        {!settings && !loadError && <p className="muted">{t('settings.loading')}</p>}
        {settings && <SettingsForm settings={settings} update={state.update} onLanguage={onLanguage} />}
      </div>
    </section>
  );
}

function SettingsForm({ settings, update, onLanguage }: { settings: Settings; update: SettingsState['update']; onLanguage: Props['onLanguage'] }) {
  const { t } = useI18n();
  const effect = (key: keyof Settings) => t(`effect.${SETTING_EFFECTS[key]}`);
  const theme = useSaveStatus();
  const gpu = useSaveStatus();
  const api = useSaveStatus();
  const desktop = useClient().desktop;
  const language = useSaveStatus();
  const ocr = useSaveStatus();
  const ocrLanguages = useSaveStatus();
  const save = (patch: SettingsPatch) => update(patch);
  const intMessage = (min: number, max: number) => t('settings.intRange', { min, max });

  return (
    <div className="settings">
      <section className="settings-group" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t('settings.appearance')}</h2>
        <SettingRow label={t('settings.language')} htmlFor="setting-language" effect={effect('language')} status={language.view}>
          <select
            id="setting-language"
            className="select"
            data-testid="settings-language"
            value={settings.language}
            onChange={async (event) => {
              if (!isLocale(event.target.value)) return;
              language.report(await onLanguage(event.target.value));
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </SettingRow>
        <SettingRow label={t('settings.theme')} effect={effect('theme')} status={theme.view}>
          <Segmented<Theme>
            testId="settings-theme"
            label={t('settings.theme')}
            value={settings.theme}
            onChange={async (value) => theme.report(await save({ theme: value }))}
            options={[
              { value: 'light', label: t('theme.light') },
              { value: 'dark', label: t('theme.dark') },
              { value: 'system', label: t('theme.system') },
            ]}
          />
        </SettingRow>
      </section>

      <section className="settings-group" aria-labelledby="settings-indexing">
        <h2 id="settings-indexing">{t('settings.indexing')}</h2>
        <SettingRow label={t('settings.chunkTokens')} htmlFor="setting-chunk" hint={t('settings.chunkTokensHint')} effect={effect('chunkTokens')}>
          <DraftField
            id="setting-chunk"
            testId="settings-chunk"
            value={settings.chunkTokens}
            format={String}
            parse={intParser(LIMITS.chunkMin, LIMITS.chunkMax, intMessage(LIMITS.chunkMin, LIMITS.chunkMax))}
            save={(chunkTokens) => save({ chunkTokens })}
            suffix={t('unit.tokens')}
            inputMode="numeric"
          />
        </SettingRow>
        <SettingRow label={t('settings.overlap')} htmlFor="setting-overlap" hint={t('settings.overlapHint')} effect={effect('overlapTokens')}>
          <DraftField
            id="setting-overlap"
            testId="settings-overlap"
            value={settings.overlapTokens}
            format={String}
            parse={(text) => {
              const max = Math.max(0, Math.ceil(settings.chunkTokens / 2) - 1);
              return intParser(0, max, intMessage(0, max))(text);
            }}
            save={(overlapTokens) => save({ overlapTokens })}
            suffix={t('unit.tokens')}
            inputMode="numeric"
          />
        </SettingRow>
        <SettingRow label={t('settings.maxFile')} htmlFor="setting-maxfile" hint={t('settings.maxFileHint')} effect={effect('maxFileMB')}>
          <DraftField
            id="setting-maxfile"
            testId="settings-maxfile"
            value={settings.maxFileMB}
            format={String}
            parse={intParser(1, LIMITS.fileMbMax, intMessage(1, LIMITS.fileMbMax))}
            save={(maxFileMB) => save({ maxFileMB })}
            suffix="MB"
            inputMode="numeric"
          />
        </SettingRow>
        <SettingRow label={t('settings.ignore')} htmlFor="setting-ignore" hint={t('settings.ignoreHint')} effect={effect('ignorePatterns')} wide>
          <DraftField<string[]>
            id="setting-ignore"
            testId="settings-ignore"
            multiline
            rows={4}
            placeholder={'*.log\nbuild/\ndrafts/**/*.tmp'}
            value={settings.ignorePatterns}
            format={(lines) => lines.join('\n')}
            parse={(text) => ({ ok: true, value: text.split('\n').map((l) => l.trim()).filter((l) => l !== '') })}
            save={(ignorePatterns) => save({ ignorePatterns })}
          />
        </SettingRow>
      </section>

      <section className="settings-group" aria-labelledby="settings-ocr">
        <h2 id="settings-ocr">{t('settings.ocrGroup')}</h2>
        <SettingRow label={t('settings.ocr')} htmlFor="setting-ocr" hint={t('settings.ocrHint')} effect={effect('ocr')} status={ocr.view}>
          <Toggle id="setting-ocr" testId="settings-ocr" label={t('settings.ocr')} checked={settings.ocr} onChange={async (on) => ocr.report(await save({ ocr: on }))} />
        </SettingRow>
        <SettingRow label={t('settings.ocrLanguages')} hint={t('settings.ocrLanguagesHint')} effect={effect('ocrLanguages')} status={ocrLanguages.view}>
          <div className="checkbox-list" role="group" aria-label={t('settings.ocrLanguages')} data-testid="settings-ocr-languages">
            {OCR_LANGUAGES.map((code) => {
              const checked = settings.ocrLanguages.includes(code);
              // The last language stays: OCR needs one (switch OCR off instead).
              const last = checked && settings.ocrLanguages.length === 1;
              return (
                <label key={code} className="checkbox">
                  <input
                    type="checkbox"
                    data-testid={`settings-ocr-${code}`}
                    checked={checked}
                    disabled={last || !settings.ocr}
                    onChange={async (event) => {
                      const next = event.target.checked ? [...settings.ocrLanguages, code] : settings.ocrLanguages.filter((c) => c !== code);
                      ocrLanguages.report(await save({ ocrLanguages: OCR_LANGUAGES.filter((c) => next.includes(c)) }));
                    }}
                  />
                  {t(`ocrLanguage.${code}`)}
                </label>
              );
            })}
          </div>
        </SettingRow>
      </section>

      <section className="settings-group" aria-labelledby="settings-search">
        <h2 id="settings-search">{t('settings.search')}</h2>
        <SettingRow
          label={t('settings.instruction')}
          htmlFor="setting-instruction"
          hint={t('settings.instructionHint')}
          effect={effect('queryInstruction')}
          wide
        >
          <DraftField
            id="setting-instruction"
            testId="settings-instruction"
            multiline
            rows={2}
            value={settings.queryInstruction}
            format={String}
            parse={(text) => (text.trim() ? { ok: true, value: text.trim() } : { ok: false, message: t('settings.instructionEmpty') })}
            save={(queryInstruction) => save({ queryInstruction })}
          />
          {settings.queryInstruction !== DEFAULT_QUERY_INSTRUCTION && (
            <button type="button" className="link-button" data-testid="settings-instruction-reset" onClick={() => void save({ queryInstruction: DEFAULT_QUERY_INSTRUCTION })}>
              {t('settings.resetDefault')}
            </button>
          )}
        </SettingRow>
        <RerankerRows settings={settings} save={save} />
      </section>

      <section className="settings-group" aria-labelledby="settings-engine">
        <h2 id="settings-engine">{t('settings.engine')}</h2>
        <SettingRow label={t('settings.gpu')} htmlFor="setting-gpu" hint={t('settings.gpuHint')} effect={effect('gpuBackend')} status={gpu.view}>
          <select
            id="setting-gpu"
            className="select"
            data-testid="settings-gpu"
            value={settings.gpuBackend}
            onChange={async (event) => gpu.report(await save({ gpuBackend: event.target.value as GpuBackend }))}
          >
            {GPU_BACKENDS.map((b) => (
              <option key={b} value={b}>
                {t(`gpu.${b}`)}
              </option>
            ))}
          </select>
        </SettingRow>
        <MemoryRows settings={settings} save={save} />
      </section>

      <SharedIndexSettings settings={settings} save={save} />

      <section className="settings-group" aria-labelledby="settings-api">
        <h2 id="settings-api">{t('settings.api')}</h2>
        {/* In browser mode `sift serve` is the API already: a switch here would say "Saved"
            while nothing listens, so the section only says where the API is. */}
        {desktop ? (
          <>
            <SettingRow label={t('settings.apiServer')} htmlFor="setting-api" hint={t('settings.apiHint')} effect={effect('apiServer')} status={api.view}>
              <Toggle
                id="setting-api"
                testId="settings-api"
                label={t('settings.apiServer')}
                checked={settings.apiServer}
                onChange={async (apiServer) => api.report(await save({ apiServer }))}
              />
            </SettingRow>
            <SettingRow label={t('settings.apiPort')} htmlFor="setting-api-port" effect={effect('apiPort')}>
              <DraftField
                id="setting-api-port"
                testId="settings-api-port"
                value={settings.apiPort}
                format={String}
                parse={intParser(LIMITS.portMin, LIMITS.portMax, intMessage(LIMITS.portMin, LIMITS.portMax))}
                save={(apiPort) => save({ apiPort })}
                inputMode="numeric"
              />
            </SettingRow>
            <ApiInfo changeKey={`${settings.apiServer}:${settings.apiPort}`} />
          </>
        ) : (
          <ServeApiNote />
        )}
      </section>
    </div>
  );
}
