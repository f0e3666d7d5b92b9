// PowerPoint .pptx -> text: slide by slide in the order of the presentation's slide list,
// each slide's text frames and tables, then its speaker notes. Placeholders that only
// repeat the slide number, date, header or footer are left out (in notes, the slide image
// and number too), so a query does not match every slide on "1" or a date.
import type { Extracted } from './extract-result.js';
import { mainPart, readRelationships, walkRequiredPart } from './ooxml-parts.js';
import { extractZipDocument, type ZipArchive, type ZipLimits } from './zip-archive.js';

const BOILERPLATE = new Set(['sldNum', 'dt', 'ftr', 'hdr', 'sldImg']);

async function readPptx(zip: ZipArchive): Promise<string> {
  const presentation = await mainPart(zip, 'ppt/presentation.xml');
  const rels = await readRelationships(zip, presentation);
  const slideIds: string[] = [];
  await walkRequiredPart(zip, presentation, {
    open(name, attributes) {
      if (name === 'p:sldId' && attributes['r:id']) slideIds.push(attributes['r:id']);
    },
  });
  const slides: string[] = [];
  for (const id of slideIds) {
    const slide = rels.get(id)?.target;
    if (!slide || !zip.has(slide)) continue;
    const parts = [await shapesText(zip, slide)];
    for (const rel of (await readRelationships(zip, slide)).values()) {
      if (rel.type.endsWith('/notesSlide') && zip.has(rel.target)) parts.push(await shapesText(zip, rel.target));
    }
    const text = parts.filter(Boolean).join('\n');
    if (text) slides.push(text);
  }
  return slides.join('\n\n');
}

/** The text of a slide's (or a notes page's) shapes, one line per paragraph. */
async function shapesText(zip: ZipArchive, part: string): Promise<string> {
  const lines: string[] = [];
  let shape: string[] | undefined; // paragraphs of the current p:sp
  let boilerplate = false;
  let line: string | undefined; // the current a:p
  let inText = false;
  await walkRequiredPart(zip, part, {
    open(name, attributes) {
      if (name === 'p:sp') {
        shape = [];
        boilerplate = false;
      } else if (name === 'p:ph' && shape && BOILERPLATE.has(attributes.type ?? '')) boilerplate = true;
      else if (name === 'a:p') line = '';
      else if (name === 'a:t') inText = true;
      else if (name === 'a:br' && line !== undefined) line += '\n';
      else if (name === 'a:tab' && line !== undefined) line += '\t';
    },
    close(name) {
      if (name === 'a:t') inText = false;
      else if (name === 'a:p' && line !== undefined) {
        const text = line.trim();
        if (text) (shape ?? lines).push(text);
        line = undefined;
      } else if (name === 'p:sp' && shape) {
        if (!boilerplate) lines.push(...shape);
        shape = undefined;
      }
    },
    text(text) {
      if (inText && line !== undefined) line += text;
    },
  });
  return lines.join('\n');
}

export function extractPptx(bytes: Uint8Array, limits?: ZipLimits): Promise<Extracted> {
  return extractZipDocument(bytes, { label: 'PowerPoint file', encoding: 'pptx' }, readPptx, limits);
}
