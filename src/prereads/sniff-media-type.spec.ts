import { sniffMediaType } from './sniff-media-type';

describe('sniffMediaType', () => {
  it('recognises a PDF by its header, whatever it is called', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('application/pdf');
  });
  it('recognises Word 97-2003 and OOXML Word documents', () => {
    expect(sniffMediaType(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('application/msword');
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]);
    expect(sniffMediaType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  it('recognises OpenDocument text by its mimetype entry', () => {
    const odt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]);
    expect(sniffMediaType(odt)).toBe('application/vnd.oasis.opendocument.text');
  });
  it('accepts UTF-8 text, with accents', () => {
    expect(sniffMediaType(Buffer.from('Report from the school nurse — Zoë attended 94%.\r\n'))).toBe('text/plain');
  });
  it('refuses executables, images, other zips and binary noise', () => {
    expect(sniffMediaType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull(); // MZ
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull(); // PNG
    expect(sniffMediaType(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('evil.exe')]))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x00, 0x01, 0x02]))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
