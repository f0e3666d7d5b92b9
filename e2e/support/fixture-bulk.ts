// A larger folder for the tests that need indexing to take a while (progress, pause,
// resume, the live charts) and for paging through many results: warehouse stock notes,
// a topic none of the small notes share, plus two files that cannot be indexed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ITEMS = ['screws', 'bolts', 'washers', 'hinges', 'brackets', 'nails', 'rivets', 'clamps', 'springs', 'pulleys'];
const PLACES = ['north', 'south', 'east', 'west', 'upper', 'lower'];

/** `count` stock notes in sub-folders of 100, plus a binary file and an empty one. A
 *  different `first` number gives different texts (nothing comes from the embedding cache). */
export function writeBulkFolder(dir: string, count: number, first = 0): string {
  for (let i = first; i < first + count; i++) {
    const sub = join(dir, `aisle-${String(Math.floor((i - first) / 100)).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    const item = ITEMS[i % ITEMS.length]!;
    const place = PLACES[i % PLACES.length]!;
    const lines = [
      `Warehouse stock report ${i}`,
      '',
      `Shelf ${i} in the ${place} aisle holds ${(i * 37) % 500} boxes of ${item}.`,
      `The inventory count for ${item} was checked on delivery and matches the order sheet.`,
      `Reorder ${item} when fewer than ${(i % 9) + 2} boxes remain on the shelf; the supplier ships within a week.`,
      `Forklift access to the ${place} aisle is clear; pallets are stacked two high.`,
    ];
    writeFileSync(join(sub, `stock-${String(i).padStart(4, '0')}.txt`), lines.join('\n'));
  }
  writeFileSync(join(dir, 'scanner-dump.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x03, 0x00]));
  writeFileSync(join(dir, 'empty-notes.md'), '   \n');
  return dir;
}
