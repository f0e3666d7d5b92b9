// Finding the parts of an Office Open XML package (pptx, xlsx) the way Office does: from
// the package relationships, never by guessing file names, so slides and sheets come out
// in the order the person sees them, not the order of the zip's entries.
import { walkXml } from './xml-walk.js';
import { ArchiveError, resolvePart, type ZipArchive } from './zip-archive.js';

export interface Relationship {
  type: string;
  /** The target part's path inside the package. */
  target: string;
}

/** The relationships of `part` (from its _rels/<name>.rels), by id; external targets left out. */
export async function readRelationships(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const slash = part.lastIndexOf('/');
  const dir = slash >= 0 ? part.slice(0, slash) : '';
  const relsPath = `${dir ? `${dir}/` : ''}_rels/${part.slice(slash + 1)}.rels`;
  const found = new Map<string, Relationship>();
  const xml = await zip.readText(relsPath);
  if (xml === undefined) return found;
  walkXml(relsPath, xml, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
      const { Id: id, Type: type = '', Target: target } = attributes;
      if (id && target) found.set(id, { type, target: resolvePart(dir, target) });
    },
  });
  return found;
}

/** The package's main part (officeDocument relationship of _rels/.rels). */
export async function mainPart(zip: ZipArchive, fallback: string): Promise<string> {
  const rels = await readRelationships(zip, '');
  for (const rel of rels.values()) if (rel.type.endsWith('/officeDocument')) return rel.target;
  if (zip.has(fallback)) return fallback;
  throw new ArchiveError('corrupt', `no ${fallback}`);
}

/** An XML part's text, or a corrupt-file error naming the missing part. */
export async function requirePart(zip: ZipArchive, part: string): Promise<string> {
  const xml = await zip.readText(part);
  if (xml === undefined) throw new ArchiveError('corrupt', `missing part ${part}`);
  return xml;
}
