// The top of a chart's scale: a round number just above the largest value.

/** A round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), at least `value` and 1. */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
