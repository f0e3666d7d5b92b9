// Numbers for people: durations, sizes, rates. Pure, so they get table tests.

/** Seconds as a short duration split in two units at most: "45 s", "3 min 20 s", "2 h 5 min". */
export function durationParts(seconds: number): { h: number; min: number; s: number } {
  const total = Math.max(0, Math.round(seconds));
  return { h: Math.floor(total / 3600), min: Math.floor((total % 3600) / 60), s: total % 60 };
}

export function formatDuration(seconds: number, units: { h: string; min: string; s: string }): string {
  const { h, min, s } = durationParts(seconds);
  if (h > 0) return min > 0 ? `${h} ${units.h} ${min} ${units.min}` : `${h} ${units.h}`;
  if (min > 0) return s > 0 && min < 10 ? `${min} ${units.min} ${s} ${units.s}` : `${min} ${units.min}`;
  return `${s} ${units.s}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1500 -> "1.5 KB", 639_000_000 -> "639 MB". Decimal units, as model catalogs publish sizes. */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${BYTE_UNITS[unit]}`;
}

/** A rate with sensible precision: 0.35 -> "0.35", 12.4 -> "12.4", 1234.5 -> "1,235". */
export function formatRate(value: number, locale = 'en'): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toLocaleString(locale, { maximumFractionDigits: digits });
}
