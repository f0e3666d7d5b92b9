// Zip files written byte by byte, for the tests of the capped zip reader: honest ones, and
// the hostile kinds a real folder may hold (bombs whose declared sizes are true, bombs
// whose central directory lies, archives of many entries, encrypted entries). Deflate is
// Node's zlib; a bomb's data is deflated as a stream, so making one costs no big buffer.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** The entry's content, or a generator of a large repetitive content. */
  data: string | Buffer | { prefix?: string; repeat: string; bytes: number; suffix?: string };
  /** The uncompressed size written to the headers (defaults to the true one). */
  declaredSize?: number;
  /** Marks the entry encrypted (general purpose bit 0); the data stays as it is. */
  encrypted?: boolean;
}

interface Deflated {
  compressed: Buffer;
  size: number;
  crc: number;
}

async function deflateEntry(data: ZipEntrySpec['data']): Promise<Deflated> {
  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    const bytes = Buffer.from(data);
    return { compressed: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
  }
  const unit = Buffer.from(data.repeat.repeat(Math.max(1, Math.floor(1048576 / Buffer.byteLength(data.repeat)))));
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let written = 0;
  const write = async (piece: Buffer) => {
    crc = crc32(piece, crc);
    written += piece.length;
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(data.prefix ?? ''));
  const end = data.bytes - Buffer.byteLength(data.suffix ?? '');
  // Whole repeats only, so a repeated XML element stays well-formed.
  const step = Buffer.byteLength(data.repeat);
  while (written + unit.length <= end) await write(unit);
  if (end - written >= step) await write(unit.subarray(0, Math.floor((end - written) / step) * step));
  await write(Buffer.from(data.suffix ?? ''));
  deflate.end();
  await done;
  return { compressed: Buffer.concat(chunks), size: written, crc };
}

export async function makeZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { compressed, size, crc } = await deflateEntry(entry.data);
    const name = Buffer.from(entry.name);
    const declared = entry.declaredSize ?? size;
    const flags = 0x0800 | (entry.encrypted ? 1 : 0); // UTF-8 names
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a minimal .docx package around the given word/document.xml. */
export function docxEntries(documentXml: ZipEntrySpec['data'], declaredSize?: number): ZipEntrySpec[] {
  return [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    },
    { name: 'word/document.xml', data: documentXml, ...(declaredSize !== undefined ? { declaredSize } : {}) },
  ];
}

/** A word/document.xml of about `bytes` bytes: the same paragraph over and over. */
export function repeatedDocumentXml(bytes: number, paragraph = 'The same sentence again, for the size of it.'): ZipEntrySpec['data'] {
  return {
    prefix: '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
    repeat: `<w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p>`,
    bytes,
    suffix: '</w:body></w:document>',
  };
}
