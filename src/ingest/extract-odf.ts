// OpenDocument (odt, ods, odp and their templates) -> text from content.xml, walked with
// saxes: paragraphs and headings on their own lines, each sheet under its name with one
// line per row (cells separated by tabs), each slide (with its speaker notes) a block.
// A password-protected document keeps content.xml encrypted and says so in
// META-INF/manifest.xml; it is reported as encrypted, never parsed as garbage.
import type { Extracted } from './extract-result.js';
import { walkPart } from './xml-walk.js';
import { ArchiveError, extractZipDocument, type ZipArchive, type ZipLimits } from './zip-archive.js';

/** Elements whose text is not the document's: deleted tracked changes, sequence declarations. */
const SKIPPED = new Set(['text:tracked-changes', 'text:sequence-decls', 'office:forms', 'table:shapes']);
const PARAGRAPHS = new Set(['text:p', 'text:h']);
/** Presentation frames that only repeat the page number, date, header or footer. */
const BOILERPLATE_FRAMES = new Set(['page-number', 'date-time', 'header', 'footer']);

async function readOdf(zip: ZipArchive): Promise<string> {
  const manifest = await zip.readText('META-INF/manifest.xml');
  if (manifest && /<manifest:encryption-data\b/.test(manifest)) throw new ArchiveError('encrypted', 'encrypted (password-protected)');
  return contentText(zip);
}

/** content.xml -> text, walked as it inflates. */
async function contentText(zip: ZipArchive): Promise<string> {
  const blocks: string[] = []; // sheets and slides
  let lines: string[] = []; // the current block's lines
  let line = ''; // the paragraph being read
  let skipDepth = 0;
  let cells: string[] | undefined; // the current table row's cells
  let cell: string[] | undefined; // the current cell's paragraphs
  let paragraphDepth = 0;
  let spreadsheet = false; // office:spreadsheet opens before its tables

  const endBlock = () => {
    const text = lines.join('\n').trim();
    if (text) blocks.push(text);
    lines = [];
  };

  const found = await walkPart(zip, 'content.xml', {
    open(name, attributes) {
      if (name === 'office:spreadsheet') spreadsheet = true;
      if (skipDepth > 0 || SKIPPED.has(name) || (name === 'draw:frame' && BOILERPLATE_FRAMES.has(attributes['presentation:class'] ?? ''))) {
        skipDepth++;
        return;
      }
      if (PARAGRAPHS.has(name)) {
        paragraphDepth++;
        if (paragraphDepth === 1) line = '';
      } else if (name === 'text:s') line += ' '.repeat(Math.min(Number(attributes['text:c'] ?? 1) || 1, 100));
      else if (name === 'text:tab') line += '\t';
      else if (name === 'text:line-break') line += '\n';
      else if (name === 'table:table-row') cells = [];
      else if (name === 'table:table-cell' || name === 'table:covered-table-cell') cell = [];
      else if (name === 'draw:page' || (name === 'table:table' && !cells)) {
        // A slide or a sheet starts a block; a sheet is headed by its name.
        endBlock();
        if (name === 'table:table' && spreadsheet && attributes['table:name']) lines.push(attributes['table:name']);
      }
    },
    close(name) {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (PARAGRAPHS.has(name)) {
        paragraphDepth--;
        if (paragraphDepth > 0) return;
        if (cell) cell.push(line.trim());
        else if (line.trim()) lines.push(line.trim());
        line = '';
      } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
        const text = (cell ?? []).filter(Boolean).join(' ');
        // Repeated empty cells (a row padded to column 1024) add nothing.
        if (text) cells?.push(text);
        cell = undefined;
      } else if (name === 'table:table-row') {
        if (cells && cells.length > 0) lines.push(cells.join('\t'));
        cells = undefined;
      } else if (name === 'draw:page' || (name === 'table:table' && !cells)) endBlock();
    },
    text(text) {
      if (skipDepth === 0 && paragraphDepth > 0) line += text.replace(/\s+/g, ' ');
    },
  });
  if (!found) throw new ArchiveError('corrupt', 'no content.xml');
  endBlock();
  return blocks.join('\n\n');
}

export function extractOdf(bytes: Uint8Array, limits?: ZipLimits): Promise<Extracted> {
  return extractZipDocument(bytes, { label: 'OpenDocument file', encoding: 'odf' }, readOdf, limits);
}
