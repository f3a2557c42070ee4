import * as fs from 'fs';
import { TemplateInputError } from './errors';

/** Deeper than any template CloudFormation accepts; deeper input is refused before it is parsed. */
export const MAX_JSON_DEPTH = 256;

/** Files larger than this are not read (CloudFormation's own limit for a template is 1 MB). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/**
 * Reads a JSON file: a UTF-8 BOM is accepted and stripped; too deep, too large or invalid JSON is
 * a `TemplateInputError` that names the file and where, but never quotes its content.
 */
export function readJsonFile(file: string, what = 'file'): unknown {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new TemplateInputError(`${file}: no such ${what}.`);
  }
  if (stat.isDirectory()) throw new TemplateInputError(`${file}: is a folder, not a ${what}.`);
  if (!stat.isFile()) throw new TemplateInputError(`${file}: not a regular file.`);
  if (stat.size > MAX_JSON_BYTES) throw new TemplateInputError(`${file}: larger than ${MAX_JSON_BYTES / 1024 / 1024} MB; not read.`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new TemplateInputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const depth = maxDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new TemplateInputError(`${file}: nested deeper than ${MAX_JSON_DEPTH} levels; not a synthesized template.`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TemplateInputError(`${file}: not JSON (${where(text, (e as Error).message)}); pass the JSON template from cdk.out (YAML is not read).`);
  }
}

/** The deepest nesting of objects and arrays, outside strings, in one pass. */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return max;
}

/** `line L, column C` of a JSON.parse error, from its position (the message itself may quote the content). */
function where(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return text.trim() === '' ? 'the file is empty' : 'unexpected end or token';
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `syntax error at line ${line}, column ${column}`;
}
