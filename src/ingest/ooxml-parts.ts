// Finding the parts of an Office Open XML package (pptx, xlsx) the way Office does: from
// the package relationships, never by guessing file names, so slides and sheets come out
// in the order the person sees them, not the order of the zip's entries.
import { walkPart, type XmlHandlers } from './xml-walk.js';
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
  await walkPart(zip, relsPath, {
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

/** Walks an XML part that must exist: a missing one makes the package corrupt. */
export async function walkRequiredPart(zip: ZipArchive, part: string, handlers: XmlHandlers): Promise<void> {
  if (!(await walkPart(zip, part, handlers))) throw new ArchiveError('corrupt', `missing part ${part}`);
}
