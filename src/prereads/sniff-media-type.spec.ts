import { aDocx, anOdt, DANGEROUS, zip } from '../../test/support/documents';
import { downloadName, nameFitsType, sniffMediaType } from './sniff-media-type';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('sniffMediaType', () => {
  it('recognises a PDF by its header, whatever it is called', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('application/pdf');
  });
  it('recognises a Word document from its zip directory and its main part', () => {
    expect(sniffMediaType(aDocx())).toBe(DOCX);
  });
  it('recognises OpenDocument text by its stored mimetype entry, content and manifest', () => {
    expect(sniffMediaType(anOdt())).toBe('application/vnd.oasis.opendocument.text');
  });
  it('accepts UTF-8 text, with accents', () => {
    expect(sniffMediaType(Buffer.from('Report from the school nurse — Zoë attended 94%.\r\n'))).toBe('text/plain');
  });
  it.each(DANGEROUS)('refuses $name', ({ content }) => {
    expect(sniffMediaType(content) === null || !nameFitsType('x.bat', sniffMediaType(content)!)).toBe(true);
  });
  it('refuses OLE2 (.doc, .msi), executables, images, bare zips and binary noise', () => {
    expect(sniffMediaType(DANGEROUS[0].content)).toBeNull();
    expect(sniffMediaType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull(); // MZ
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull(); // PNG
    expect(
      sniffMediaType(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml')])),
    ).toBeNull(); // no directory
    expect(sniffMediaType(Buffer.from([0x00, 0x01, 0x02]))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
  it('refuses markup as text: HTML, SVG, HTA, XML', () => {
    for (const name of ['run.hta', 'image.svg', 'page.html', 'report.txt'])
      expect(sniffMediaType(DANGEROUS.find((d) => d.name === name)!.content)).toBeNull();
    expect(sniffMediaType(Buffer.from('<?xml version="1.0"?><a/>'))).toBeNull();
  });
  it('refuses zip bombs, encrypted, ZIP64-sized and escaping entries', () => {
    expect(
      sniffMediaType(aDocx([{ name: 'word/media/big.xml', content: Buffer.alloc(4 * 1024 * 1024, 0x20) }])),
    ).toBeNull(); // 4 MB from ~4 kB
    expect(sniffMediaType(aDocx([{ name: 'word/x.xml', content: 'x', declaredSize: 200 * 1024 * 1024 }]))).toBeNull();
    expect(sniffMediaType(aDocx([{ name: '../../etc/passwd', content: 'x' }]))).toBeNull();
    expect(sniffMediaType(aDocx([{ name: 'word/embeddings/oleObject1.bin', content: 'x' }]))).toBeNull();
    const encrypted = aDocx();
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect(sniffMediaType(encrypted)).toBeNull();
    expect(sniffMediaType(zip([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' }]))).toBeNull(); // deflated mimetype, no content
  });
});

describe('nameFitsType and downloadName', () => {
  it('takes a name with no extension or the right one, and refuses a .bat or .hta that is text', () => {
    expect(nameFitsType('Report', 'text/plain')).toBe(true);
    expect(nameFitsType('school.TXT', 'text/plain')).toBe(true);
    expect(nameFitsType('clean.bat', 'text/plain')).toBe(false);
    expect(nameFitsType('report.pdf', 'text/plain')).toBe(false);
    expect(nameFitsType('report.docx', DOCX)).toBe(true);
  });
  it('names a download by a safe stem and the extension of the checked type', () => {
    expect(downloadName('Police report.PDF', 'application/pdf')).toBe('Police report.pdf');
    expect(downloadName('../../evil".hta', 'text/plain')).toBe('evil.txt');
    expect(downloadName('..', DOCX)).toBe('document.docx');
    expect(downloadName('old.doc', 'application/msword')).toBe('old.bin');
  });
});
