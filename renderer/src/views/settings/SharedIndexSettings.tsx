// Settings → Index location: where the index lives (Sift's data folder, another folder, or
// s3://bucket/prefix shared with other computers) and, for a shared index written
// elsewhere, where its folders are on this computer (the folder mapping).
import type { Settings, SettingsPatch } from '../../../../src/api/contract.js';
import { isIndexLocation, isRootsText, SETTING_EFFECTS } from '../../../../src/api/setting-effects.js';
import type { ApiError } from '../../api/api-error.js';
import { useI18n } from '../../i18n/context.js';
import { DraftField, SettingRow } from './fields.js';

interface Props {
  settings: Settings;
  save(patch: SettingsPatch): Promise<ApiError | null>;
}

export function SharedIndexSettings({ settings, save }: Props) {
  const { t } = useI18n();
  return (
    <section className="settings-group" aria-labelledby="settings-shared-index">
      <h2 id="settings-shared-index">{t('settings.sharedIndex')}</h2>
      <SettingRow
        label={t('settings.indexLocation')}
        htmlFor="setting-index-location"
        hint={t('settings.indexLocationHint')}
        effect={t(`effect.${SETTING_EFFECTS.indexLocation}`)}
        wide
      >
        <DraftField<string | null>
          id="setting-index-location"
          testId="settings-index-location"
          fullWidth
          value={settings.indexLocation}
          format={(value) => value ?? ''}
          placeholder={t('settings.indexLocationDefault')}
          parse={(text) => {
            const trimmed = text.trim();
            if (trimmed === '') return { ok: true, value: null };
            return isIndexLocation(trimmed) ? { ok: true, value: trimmed } : { ok: false, message: t('settings.indexLocationInvalid') };
          }}
          save={(indexLocation) => save({ indexLocation })}
        />
      </SettingRow>
      <SettingRow
        label={t('settings.indexRoots')}
        htmlFor="setting-index-roots"
        hint={t('settings.indexRootsHint')}
        effect={t(`effect.${SETTING_EFFECTS.indexRoots}`)}
        wide
      >
        <DraftField
          id="setting-index-roots"
          testId="settings-index-roots"
          fullWidth
          value={settings.indexRoots}
          format={String}
          placeholder="/srv/share=/Volumes/share"
          parse={(text) => (isRootsText(text) ? { ok: true, value: text.trim() } : { ok: false, message: t('settings.indexRootsInvalid') })}
          save={(indexRoots) => save({ indexRoots })}
        />
      </SettingRow>
    </section>
  );
}
