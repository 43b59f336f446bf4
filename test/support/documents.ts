import { deflateRawSync } from 'node:zlib';

/** Test documents built byte by byte: real zip packages (local headers and a central directory), OLE2, markup. */
export interface ZipFile {
  name: string;
  content: Buffer | string;
  /** Stored (0) or deflated (8, the default); `declaredSize` lets a test lie about the inflated size. */
  method?: 0 | 8;
  declaredSize?: number;
}

export function zip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const raw = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content);
    const method = file.method ?? 8;
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(file.name);
    const size = file.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

export const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

export function aDocx(extra: ZipFile[] = [], main = DOCX_MAIN): Buffer {
  return zip([
    { name: '[Content_Types].xml', content: contentTypes(main) },
    { name: '_rels/.rels', content: '<Relationships/>' },
    {
      name: 'word/document.xml',
      content: '<w:document><w:body><w:p><w:r><w:t>School report</w:t></w:r></w:p></w:body></w:document>',
    },
    ...extra,
  ]);
}

export function anOdt(): Buffer {
  return zip([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text', method: 0 },
    { name: 'content.xml', content: '<office:document-content/>' },
    { name: 'META-INF/manifest.xml', content: '<manifest:manifest/>' },
  ]);
}

/** An OLE2 compound file header: what .doc, .msi and .msg files start with. */
export const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** What a parent's link was seen to take and serve back as such (issue 17). */
export const DANGEROUS: { name: string; content: Buffer }[] = [
  { name: 'setup.msi', content: OLE2 },
  { name: 'letter.doc', content: OLE2 },
  {
    name: 'run.hta',
    content: Buffer.from(
      '<html><head><hta:application id="x"/><script>new ActiveXObject("WScript.Shell")</script></head></html>',
    ),
  },
  {
    name: 'image.svg',
    content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  },
  { name: 'page.html', content: Buffer.from('<!doctype html><p>Hello</p>') },
  { name: 'report.txt', content: Buffer.from('\uFEFF  <script>alert(1)</script>') },
  { name: 'clean.bat', content: Buffer.from('@echo off\r\ndel /q C:\\*\r\n') },
  {
    name: 'tool.exe',
    content: Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(62),
      Buffer.from('This program cannot be run in DOS mode'),
    ]),
  },
  { name: 'macros.docx', content: aDocx([{ name: 'word/vbaProject.bin', content: OLE2 }]) },
  { name: 'macros2.docx', content: aDocx([], 'application/vnd.ms-word.document.macroEnabled.main+xml') },
  {
    name: 'fake.docx',
    content: zip([
      { name: 'word/', content: '' },
      { name: 'evil.exe', content: 'MZ' },
    ]),
  },
];
