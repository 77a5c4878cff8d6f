/** Reads every curation file of a directory and turns them into statements (all or nothing). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Issue, type Result, type Source, type Statement } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import { curationToStatements, parseCurationFile, type CurationFile } from './curation-parser.js';

export interface Curation {
  sources: Source[];
  statements: Statement[];
  rows: number;
}

/** Loads data/curation/*.tsv (or any directory); issues name file, line and field. */
export function loadCurationDir(dir: string, names: ReferenceNames): Result<Curation> {
  let entries: string[];
  try {
    entries = readdirSync(dir)
      .filter((f) => f.endsWith('.tsv'))
      .sort();
  } catch (error) {
    return fail({ file: dir, message: `cannot read curation directory: ${(error as Error).message}` });
  }
  if (!entries.length) return fail({ file: dir, message: 'no curation files (*.tsv)' });
  const files: CurationFile[] = [];
  const issues: Issue[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    const parsed = parseCurationFile(readFileSync(path, 'utf8'), path);
    if (parsed.ok) files.push(parsed.value);
    else issues.push(...parsed.issues);
  }
  const ids = new Set<string>();
  for (const file of files) {
    if (ids.has(file.source.id)) issues.push({ file: dir, message: `duplicate source_id ${file.source.id}` });
    ids.add(file.source.id);
  }
  const statements = curationToStatements(files, names);
  if (!statements.ok) issues.push(...statements.issues);
  if (issues.length || !statements.ok) return fail(...issues);
  return ok({
    sources: files.map((f) => f.source),
    statements: statements.value,
    rows: files.reduce((n, f) => n + f.rows.length, 0),
  });
}
