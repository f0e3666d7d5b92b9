// Excel .xlsx -> text: sheet by sheet in the workbook's order, each headed by its name,
// one line per row with the cells' text separated by tabs. Cells of type "s" index the
// shared-string table; inline strings, formula results and numbers are taken as stored.
// Formulas themselves and error values are left out: they are not what a person reads.
import type { Extracted } from './extract-result.js';
import { mainPart, readRelationships, walkRequiredPart } from './ooxml-parts.js';
import { extractZipDocument, type ZipArchive, type ZipLimits } from './zip-archive.js';

async function readXlsx(zip: ZipArchive): Promise<string> {
  const workbook = await mainPart(zip, 'xl/workbook.xml');
  const rels = await readRelationships(zip, workbook);
  const sheets: { name: string; part: string }[] = [];
  await walkRequiredPart(zip, workbook, {
    open(name, attributes) {
      const target = name === 'sheet' ? rels.get(attributes['r:id'] ?? '') : undefined;
      if (target?.type.endsWith('/worksheet')) sheets.push({ name: attributes.name ?? '', part: target.target });
    },
  });
  let shared: string[] = [];
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings') && zip.has(rel.target)) shared = await sharedStrings(zip, rel.target);
  }
  const blocks: string[] = [];
  for (const sheet of sheets) {
    if (!zip.has(sheet.part)) continue;
    const rows = await sheetRows(zip, sheet.part, shared);
    if (rows.length > 0) blocks.push([sheet.name, ...rows].join('\n'));
  }
  return blocks.join('\n\n');
}

/** xl/sharedStrings.xml -> the strings by index (rich-text runs joined, phonetic runs left out). */
async function sharedStrings(zip: ZipArchive, part: string): Promise<string[]> {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  await walkRequiredPart(zip, part, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current ?? '');
        current = undefined;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText && phonetic === 0 && current !== undefined) current += text;
    },
  });
  return strings;
}

/** A worksheet's rows as lines of tab-separated cell text; empty rows left out. */
async function sheetRows(zip: ZipArchive, part: string, shared: readonly string[]): Promise<string[]> {
  const rows: string[] = [];
  let cells: string[] = [];
  let type = '';
  let value = '';
  let reading: 'v' | 't' | undefined;
  await walkRequiredPart(zip, part, {
    open(name, attributes) {
      if (name === 'row') cells = [];
      else if (name === 'c') {
        type = attributes.t ?? 'n';
        value = '';
      } else if (name === 'v' || name === 't') reading = name;
    },
    close(name) {
      if (name === 'v' || name === 't') reading = undefined;
      else if (name === 'c') {
        const text = (type === 's' ? (shared[Number(value)] ?? '') : type === 'e' ? '' : type === 'b' ? (value === '1' ? 'TRUE' : 'FALSE') : value).trim();
        if (text) cells.push(text.replace(/\s*\n\s*/g, ' '));
      } else if (name === 'row' && cells.length > 0) rows.push(cells.join('\t'));
    },
    text(text) {
      if (reading) value += text;
    },
  });
  return rows;
}

export function extractXlsx(bytes: Uint8Array, limits?: ZipLimits): Promise<Extracted> {
  return extractZipDocument(bytes, { label: 'Excel workbook', encoding: 'xlsx' }, readXlsx, limits);
}
