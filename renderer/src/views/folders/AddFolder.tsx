// Browser: a path field and "Add folder". Desktop: "Add folder…" opens the native picker.
// Errors (no such folder, not a folder, ...) show right below.
import { useState, type FormEvent } from 'react';
import { toApiError } from '../../api/api-error.js';
import type { DesktopHelpers } from '../../api/client.js';
import type { AddFolders } from '../../hooks/use-add-folders.js';
import { useI18n } from '../../i18n/context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { FolderPlusIcon } from '../../components/icons.js';

interface Props {
  adding: AddFolders;
  desktop: DesktopHelpers | null;
}

export function AddFolder({ adding, desktop }: Props) {
  const { t } = useI18n();
  const [path, setPath] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await adding.add([path])) setPath('');
  };

  const pick = async () => {
    if (!desktop) return;
    try {
      const chosen = await desktop.pickFolder();
      if (chosen) await adding.add([chosen]);
    } catch (error) {
      adding.setError(toApiError(error));
    }
  };

  const label = adding.pending ? t('folders.adding') : desktop ? t('folders.pick') : t('folders.add');

  return (
    <div className="add-folder">
      {desktop ? (
        <button type="button" className="button primary wide" data-testid="add-folder-pick" onClick={pick} disabled={adding.pending}>
          <FolderPlusIcon />
          {label}
        </button>
      ) : (
        <form className="add-folder-form" onSubmit={submit}>
          <input
            data-testid="add-folder-input"
            className="text-input"
            aria-label={t('folders.inputLabel')}
            placeholder={t('folders.inputPlaceholder')}
            value={path}
            onChange={(event) => {
              setPath(event.target.value);
              if (adding.error) adding.setError(null);
            }}
            spellCheck={false}
            autoComplete="off"
          />
          <button type="submit" className="button primary" data-testid="add-folder-button" disabled={adding.pending}>
            <FolderPlusIcon />
            {label}
          </button>
        </form>
      )}
      {adding.error && <ErrorMessage compact testId="add-folder-error" error={adding.error} />}
    </div>
  );
}
