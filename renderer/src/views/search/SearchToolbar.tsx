// Under the search box: the mode (hybrid / meaning / words) and the filters (folder,
// file type, date). Native selects: keyboard and screen-reader friendly, themed by CSS.
import type { FolderInfo, SearchMode } from '../../../../src/api/contract.js';
import { Segmented } from '../../components/Segmented.js';
import { useI18n } from '../../i18n/context.js';
import { baseName } from '../../paths.js';
import { DATE_RANGES, TYPE_GROUPS, type DateRangeId, type TypeGroupId } from './filters.js';

export interface Filters {
  mode: SearchMode;
  folder: string;
  type: TypeGroupId;
  date: DateRangeId;
}

export const NO_FILTERS: Omit<Filters, 'mode'> = { folder: '', type: 'all', date: 'any' };

interface Props {
  filters: Filters;
  folders: FolderInfo[];
  onChange(next: Filters): void;
}

export function SearchToolbar({ filters, folders, onChange }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const filtered = filters.folder !== '' || filters.type !== 'all' || filters.date !== 'any';

  return (
    <div className="search-toolbar">
      <Segmented<SearchMode>
        testId="search-mode"
        label={t('mode.label')}
        value={filters.mode}
        onChange={(mode) => set({ mode })}
        options={[
          { value: 'hybrid', label: t('mode.hybrid'), title: t('mode.hybridHint') },
          { value: 'vector', label: t('mode.vector'), title: t('mode.vectorHint') },
          { value: 'keyword', label: t('mode.keyword'), title: t('mode.keywordHint') },
        ]}
      />
      <div className="filters">
        <select
          className="select"
          data-testid="filter-folder"
          aria-label={t('filter.folder')}
          value={filters.folder}
          onChange={(event) => set({ folder: event.target.value })}
        >
          <option value="">{t('filter.allFolders')}</option>
          {folders.map((folder) => (
            <option key={folder.path} value={folder.path} title={folder.path}>
              {baseName(folder.path)}
            </option>
          ))}
        </select>
        <select
          className="select"
          data-testid="filter-type"
          aria-label={t('filter.type')}
          value={filters.type}
          onChange={(event) => set({ type: event.target.value as TypeGroupId })}
        >
          {TYPE_GROUPS.map((group) => (
            <option key={group.id} value={group.id}>
              {t(`type.${group.id}`)}
            </option>
          ))}
        </select>
        <select
          className="select"
          data-testid="filter-date"
          aria-label={t('filter.date')}
          value={filters.date}
          onChange={(event) => set({ date: event.target.value as DateRangeId })}
        >
          {DATE_RANGES.map((range) => (
            <option key={range.id} value={range.id}>
              {t(`date.${range.id}`)}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="link-button" data-testid="filter-clear" onClick={() => set(NO_FILTERS)}>
            {t('filter.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
