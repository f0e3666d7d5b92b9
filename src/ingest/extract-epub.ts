// EPUB (2 and 3) -> text: the book's title, then its XHTML documents in spine (reading)
// order, each turned into text by the same htmlToText as saved web pages. The navigation
// document (a table of contents) is left out: it would repeat every chapter title.
// A book whose content documents are listed in META-INF/encryption.xml (DRM) is reported
// as encrypted; fonts obfuscated by the IDPF or Adobe algorithms are no bar to reading.
import type { Extracted } from './extract-result.js';
import { htmlToText } from './extract-html.js';
import { walkXml } from './xml-walk.js';
import { ArchiveError, extractZipDocument, resolvePart, type ZipArchive, type ZipLimits } from './zip-archive.js';

const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);
const DOCUMENT_TYPES = new Set(['application/xhtml+xml', 'text/html', 'application/x-dtbook+xml']);

const local = (name: string) => name.slice(name.indexOf(':') + 1);

interface Package {
  title: string;
  /** Content documents' paths in reading order. */
  spine: string[];
}

async function readEpub(zip: ZipArchive): Promise<string> {
  const container = await zip.readText('META-INF/container.xml');
  if (container === undefined) throw new ArchiveError('corrupt', 'no META-INF/container.xml');
  let opfPath: string | undefined;
  walkXml('META-INF/container.xml', container, {
    open(name, attributes) {
      if (local(name) === 'rootfile' && !opfPath && attributes['full-path']) opfPath = resolvePart('', attributes['full-path']);
    },
  });
  if (!opfPath) throw new ArchiveError('corrupt', 'no package document in META-INF/container.xml');
  const opf = await zip.readText(opfPath);
  if (opf === undefined) throw new ArchiveError('corrupt', `missing package document ${opfPath}`);
  const book = readPackage(opfPath, opf);
  const encrypted = await encryptedParts(zip);
  if (book.spine.some((part) => encrypted.has(part))) throw new ArchiveError('encrypted', 'encrypted (DRM-protected)');
  const texts = book.title ? [book.title] : [];
  for (const part of book.spine) {
    const bytes = await zip.read(part);
    if (!bytes) continue; // a spine entry whose file is missing: read the rest of the book
    const html = decodeXhtml(bytes).replace(/<head\b[\s\S]*?<\/head\s*>/i, '');
    const text = htmlToText(html);
    if (text) texts.push(text);
  }
  return texts.join('\n\n');
}

/** The OPF package document -> title and spine. */
function readPackage(opfPath: string, xml: string): Package {
  const dir = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/')) : '';
  const manifest = new Map<string, { href: string; type: string; nav: boolean }>();
  const idrefs: string[] = [];
  let title = '';
  let inTitle = false;
  walkXml(opfPath, xml, {
    open(name, attributes) {
      const tag = local(name);
      if (tag === 'item' && attributes.id && attributes.href) {
        manifest.set(attributes.id, {
          href: attributes.href,
          type: attributes['media-type'] ?? '',
          nav: (attributes.properties ?? '').split(/\s+/).includes('nav'),
        });
      } else if (tag === 'itemref' && attributes.idref) idrefs.push(attributes.idref);
      else if (name === 'dc:title' && !title) inTitle = true;
    },
    close(name) {
      if (name === 'dc:title') inTitle = false;
    },
    text(text) {
      if (inTitle) title += text;
    },
  });
  const spine: string[] = [];
  for (const id of idrefs) {
    const item = manifest.get(id);
    if (item && !item.nav && DOCUMENT_TYPES.has(item.type)) spine.push(resolvePart(dir, item.href));
  }
  return { title: title.trim(), spine };
}

/** Parts that META-INF/encryption.xml lists as encrypted with anything but font obfuscation. */
async function encryptedParts(zip: ZipArchive): Promise<Set<string>> {
  const parts = new Set<string>();
  const xml = await zip.readText('META-INF/encryption.xml');
  if (xml === undefined) return parts;
  let algorithm = '';
  walkXml('META-INF/encryption.xml', xml, {
    open(name, attributes) {
      const tag = local(name);
      if (tag === 'EncryptedData') algorithm = '';
      else if (tag === 'EncryptionMethod') algorithm = attributes.Algorithm ?? '';
      else if (tag === 'CipherReference' && attributes.URI && !FONT_OBFUSCATION.has(algorithm)) parts.add(resolvePart('', attributes.URI));
    },
  });
  return parts;
}

/** XHTML is UTF-8 unless a byte-order mark says UTF-16. */
function decodeXhtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export function extractEpub(bytes: Uint8Array, limits?: ZipLimits): Promise<Extracted> {
  return extractZipDocument(bytes, { label: 'EPUB book', encoding: 'epub' }, readEpub, limits);
}
