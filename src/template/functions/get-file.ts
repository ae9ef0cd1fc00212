/** get_file: which file a path names, and whether hotdock may read it. */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** File access for get_file. `realPath` resolves symlinks (defaults to the file system's). */
export interface FileAccess {
  /** Absolute workspace root: nothing outside it is ever read. */
  workspace: string;
  readFile(absPath: string): string;
  realPath?(absPath: string): string;
}

/** The outcome of reading a get_file path. */
export type FileRead =
  | { ok: true; content: string; absPath: string }
  | { ok: false; code: 'get-file-outside-workspace' | 'get-file-not-found'; message: string };

function inside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function defaultRealPath(p: string): string {
  return realpathSync.native(p);
}

/** The directory get_file paths are relative to: the template's own. */
export function templateDir(workspace: string, templateFile: string): string {
  return dirname(resolve(workspace, templateFile));
}

/**
 * Reads `path` (relative to `baseDir`) if it stays inside the workspace, symlinks included:
 * a template must not be able to publish /etc/passwd or a runner secret into a container.
 */
export function readTemplateFile(path: string, baseDir: string, access: FileAccess): FileRead {
  const outside = (why: string): FileRead => ({ ok: false, code: 'get-file-outside-workspace', message: `get_file '${path}' ${why}` });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    return outside('is a URL; hotdock only reads files of the workspace, relative to the template');
  }
  if (isAbsolute(path)) return outside('is an absolute path; get_file paths are relative to the template and stay inside the workspace');
  const workspace = resolve(access.workspace);
  const abs = resolve(baseDir, path);
  if (!inside(workspace, abs)) return outside(`resolves to ${abs}, outside the workspace ${workspace}`);
  const realPath = access.realPath ?? defaultRealPath;
  let real: string | undefined;
  try {
    real = realPath(abs);
  } catch {
    // Not on disk (or a reader without a file system behind it): readFile decides below.
  }
  if (real !== undefined) {
    let realWorkspace = workspace;
    try {
      realWorkspace = realPath(workspace);
    } catch {
      // Keep the lexical root.
    }
    if (!inside(realWorkspace, real)) return outside(`is a symbolic link to ${real}, outside the workspace`);
  }
  try {
    return { ok: true, content: access.readFile(real ?? abs), absPath: abs };
  } catch {
    return { ok: false, code: 'get-file-not-found', message: `get_file '${path}': no readable file at ${relative(workspace, abs) || abs} (paths are relative to the template's directory)` };
  }
}
