// A streaming walk over an XML part of a document package, for the extractors that need
// text in document order with element boundaries (paragraphs, cells, slides).
//
// saxes (the parser jsdom uses) rather than a tree parser such as fast-xml-parser: the
// extractors need only a pass over open/close/text events, a tree of a 20 MB sheet would
// cost its size many times over in heap, and saxes is strict: malformed XML is an error
// with a position, not a guess. It expands only XML's five predefined entities and
// character references, never ones a DOCTYPE declares, so a "billion laughs" part is
// an error too.
import { SaxesParser } from 'saxes';
import type { ZipArchive } from './zip-archive.js';

export interface XmlHandlers {
  /** An element opens; names keep their prefix ('text:p', 'a:t'). */
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** Character data, CDATA included, with entities decoded. */
  text?(text: string): void;
}

export class XmlError extends Error {
  constructor(part: string, detail: string) {
    super(`malformed XML in ${part}: ${detail}`);
    this.name = 'XmlError';
  }
}

export interface XmlWalker {
  write(text: string): void;
  close(): void;
}

/** A parser for the part `name` (named in messages) that calls the handlers in document order. */
export function xmlWalker(name: string, handlers: XmlHandlers): XmlWalker {
  const parser = new SaxesParser({ position: true });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(tag.name, tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag) => close(tag.name));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const guard = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if (error instanceof XmlError) throw error;
      // saxes's message starts with "fileName:line:column: ".
      throw new XmlError(name, (error as Error).message.split('\n')[0]!);
    }
  };
  return {
    write: (chunk) => guard(() => parser.write(chunk)),
    close: () => guard(() => parser.close()),
  };
}

/** Walks a whole XML text. */
export function walkXml(name: string, xml: string, handlers: XmlHandlers): void {
  const walker = xmlWalker(name, handlers);
  walker.write(xml);
  walker.close();
}

/**
 * Walks an XML part of a package as it inflates, never holding it whole (a 30 MB sheet
 * costs its text, not 30 MB of XML twice over). False when the package has no such part.
 */
export async function walkPart(zip: ZipArchive, part: string, handlers: XmlHandlers): Promise<boolean> {
  const walker = xmlWalker(part, handlers);
  const decoder = new TextDecoder('utf-8');
  const found = await zip.stream(part, (chunk) => walker.write(decoder.decode(chunk, { stream: true })));
  if (found) {
    walker.write(decoder.decode());
    walker.close();
  }
  return found;
}
