import * as fs from 'fs';
import * as path from 'path';
import { TemplateInputError } from './errors';

/**
 * Resolves a path a manifest or template names (`templateFile`, `directoryName`, `aws:asset:path`)
 * against `dir`, refusing any that leaves `root` (the folder the user passed): an absolute path,
 * `..`, or a symlink pointing out. The refused file is never opened.
 */
export function resolveInside(root: string, dir: string, relative: unknown, referrer: string, what: string): string {
  if (typeof relative !== 'string' || relative === '') throw new TemplateInputError(`${referrer}: ${what} is not a file name.`);
  if (path.isAbsolute(relative) || /^[a-zA-Z]:[\\/]/.test(relative)) {
    throw new TemplateInputError(`${referrer}: ${what} "${relative}" is an absolute path; only files inside the assembly folder ${root} are read.`);
  }
  const resolved = path.resolve(dir, relative);
  if (!isInside(root, resolved)) {
    throw new TemplateInputError(`${referrer}: ${what} "${relative}" is outside the assembly folder ${root}; refusing to read it.`);
  }
  if (fs.existsSync(resolved) && !isInside(root, fs.realpathSync(resolved))) {
    throw new TemplateInputError(`${referrer}: ${what} "${relative}" is a link that leaves the assembly folder ${root}; refusing to read it.`);
  }
  return resolved;
}

/** Whether `file` is `root` or below it. */
function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
