#!/usr/bin/env node
// Parses a RIS or BibTeX file with citation-js (@citation-js/core + @citation-js/plugin-ris or
// @citation-js/plugin-bibtex) and prints what that real client makes of it as CSL-JSON.
//
//   node citation.mjs ris|bibtex [--strict] FILE      (FILE may be '-' for standard input)
//
// stdout, one JSON object:
//   {"count": N,                 number of CSL-JSON items citation-js produced
//    "items": [...],             the CSL-JSON items, exactly as citation-js made them
//    "warnings": [...],          what citation-js logged (warn/error) plus checks made here:
//                                U+FFFD in an item, runs of '?' or a stray '?' (at the start of a
//                                value, inside a word, alone between spaces), UTF-8 read as
//                                Latin-1/CP1252 (mojibake), input that is not valid UTF-8, and
//                                a different number of items than records in the text
//    "input": {"bytes", "validUtf8", "bom", "records"}}   facts about the raw file
// Exit 0 when citation-js parsed the file into one or more items (warnings do not change it; the
// calling test decides), 1 with a message on stderr when parsing threw or gave zero items, 2 on
// wrong usage or an unreadable file.
//
// The input is decoded as UTF-8 the way a browser or Node client would (TextDecoder, BOM
// dropped, invalid bytes become U+FFFD, so they show in the items and in "warnings").
// The format is forced (@ris/file, @bibtex/text): citation-js never guesses a type, so it never
// treats the text as a URL or DOI and never touches the network.
// --strict (BibTeX only) turns on plugin-bibtex's parse.strict, which rejects entries of an
// unknown type or missing the fields BibTeX requires for their type.

import { readFileSync } from 'node:fs';
import { plugins, logger } from '@citation-js/core';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-bibtex';

const USAGE = 'usage: node citation.mjs ris|bibtex [--strict] FILE   (FILE may be - for stdin)';

function die(code, message) {
  process.stderr.write(`citation.mjs: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const positional = args.filter((a) => a !== '--strict');
if (positional.length !== 2 || !['ris', 'bibtex'].includes(positional[0])) die(2, USAGE);
const [mode, file] = positional;

let bytes;
try {
  bytes = file === '-' ? readFileSync(0) : readFileSync(file);
} catch (e) {
  die(2, `cannot read ${file}: ${e.message}`);
}

const warnings = [];

// Decode as a UTF-8 client would; note where the bytes are not UTF-8.
let validUtf8 = true;
try {
  new TextDecoder('utf-8', { fatal: true }).decode(bytes);
} catch {
  validUtf8 = false;
  let offset = 0;
  // Find the first bad byte for the message (decode growing prefixes is slow; scan instead).
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (!ok) { offset = i; break; }
    i += need + 1;
  }
  warnings.push(`input is not valid UTF-8 (first bad byte at offset ${offset}, 0x${bytes[offset].toString(16)}); decoded with U+FFFD replacements`);
}
const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
const text = new TextDecoder('utf-8').decode(bytes);

// Records the raw text claims to hold, to compare with what citation-js returns.
const records = mode === 'ris'
  ? (text.match(/^\s*TY {2}- /gm) || []).length
  : (text.match(/^\s*@\s*(?!(?:string|preamble|comment)\b)[A-Za-z]+\s*[{(]/gim) || []).length;

// Collect what citation-js logs instead of letting it print.
logger._console = { log: (scope, ...msg) => warnings.push(`citation-js ${scope} ${msg.join(' ')}`) };
logger.level = 'warn';

if (mode === 'bibtex' && strict) plugins.config.get('@bibtex').parse.strict = true;

let items;
try {
  items = plugins.input.chain(text, {
    forceType: mode === 'ris' ? '@ris/file' : '@bibtex/text',
    generateGraph: false,
    strict: true,
  });
} catch (e) {
  for (const w of warnings) process.stderr.write(`citation.mjs: warning: ${w}\n`);
  die(1, `citation-js could not parse ${file} as ${mode}: ${e && e.stack ? e.stack : e}`);
}

if (!Array.isArray(items) || items.length === 0) {
  for (const w of warnings) process.stderr.write(`citation.mjs: warning: ${w}\n`);
  die(1, `citation-js found no ${mode} items in ${file} (${bytes.length} bytes, ${records} record(s) in the text)`);
}

if (items.length !== records) {
  warnings.push(`the text has ${records} ${mode === 'ris' ? '"TY  - "' : '@entry'} record(s) but citation-js made ${items.length} item(s)`);
}

// Look through every string in the items for signs of lost or mangled characters.
// A '?' that no writer would put there: at the start of a value, between two letters ("plan?s"),
// or standing alone between spaces ("2020/21 ? action"); URLs and DOIs are not looked at.
const STRAY_QUESTION_MARK = /^\s*\?|\p{L}\?\p{L}|(?:^|\s)\?(?:\s|$)/u;
function walk(value, path) {
  if (typeof value === 'string') {
    if (value.includes('\uFFFD')) warnings.push(`${path} contains U+FFFD (replacement character): ${JSON.stringify(value)}`);
    if (/\?{2,}/.test(value)) {
      warnings.push(`${path} contains a run of '?' (characters lost to an encoder?): ${JSON.stringify(value)}`);
    } else if (!/\.(URL|DOI|link|href)$/i.test(path) && STRAY_QUESTION_MARK.test(value)) {
      warnings.push(`${path} contains a stray '?' (a character lost to an encoder?): ${JSON.stringify(value)}`);
    }
    if (/[\u00C2-\u00C3\u00E2\u00CE\u00CF\u00D0\u00D1\u00E3-\u00ED][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/.test(value)) {
      warnings.push(`${path} looks like UTF-8 read as Latin-1/CP1252 (mojibake): ${JSON.stringify(value)}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  }
}
items.forEach((item, i) => walk(item, `items[${i}]`));

process.stdout.write(JSON.stringify({
  count: items.length,
  items,
  warnings,
  input: { bytes: bytes.length, validUtf8, bom, records },
}, null, 2) + '\n');
