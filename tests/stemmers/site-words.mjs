// The distinct words of the example site: content/**/*.md, as the search index
// splits them (NFC, lower-cased, maximal runs of letters, digits and combining
// marks; a hyphenated word also gives its joined form, as in the search index).
// Files ending in .en.md are English, all others German.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function markdownFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) out.push(path);
  }
  return out.sort();
}

/** `{ de: Set<string>, en: Set<string> }` for the site at `root`. */
export function siteWords(root) {
  const words = { de: new Set(), en: new Set() };
  for (const file of markdownFiles(join(root, 'content'))) {
    const lang = file.endsWith('.en.md') ? 'en' : 'de';
    const text = readFileSync(file, 'utf8').normalize('NFC').toLowerCase();
    for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) words[lang].add(m[0]);
    for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)+/gu)) {
      words[lang].add(m[0].replace(/[-\u2010\u2011]/g, ''));
    }
  }
  return words;
}
