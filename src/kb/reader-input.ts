/** `miresist read`'s file side: every input file read and parsed before anything is read or queued (all or nothing). */
import { ValidationError, fail, ok, type Issue, type Result } from '../model/index.js';
import { parseDocuments, type ReaderDocument } from '../read/document-input.js';
import type { Reader } from '../read/reader.js';
import type { ReadBatch } from './curation-queue.js';
import { readTextFile } from './text-input.js';

export interface ReaderFile {
  file: string;
  documents: ReaderDocument[];
}

/** Reads and parses every file; issues (binary, empty, not UTF-8, overlong line, bad XML/MEDLINE) name file and line. */
export function loadReaderFiles(paths: string[]): Result<ReaderFile[]> {
  const issues: Issue[] = [];
  const files: ReaderFile[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readTextFile(path, 'reader input').text;
    } catch (error) {
      if (error instanceof ValidationError) {
        issues.push(...error.issues);
        continue;
      }
      throw error;
    }
    // invalid UTF-8 decodes to U+FFFD: a Latin-1 file would otherwise put '�' into every quote it gives
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      const line = text.slice(0, bad).split('\n').length;
      issues.push({
        file: path,
        line,
        message:
          'not valid UTF-8 (or holds U+FFFD replacement characters from a damaged conversion); convert the file to UTF-8 first',
      });
      continue;
    }
    const parsed = parseDocuments(text, path);
    if (parsed.ok) files.push({ file: path, documents: parsed.value });
    else issues.push(...parsed.issues);
  }
  return issues.length ? fail(...issues) : ok(files);
}

export interface ReadReport {
  batches: ReadBatch[];
  documents: number;
  sentences: number;
}

/** Runs the reader over every document; `onDocument` reports progress. */
export function readDocuments(
  reader: Reader,
  files: ReaderFile[],
  onDocument?: (done: number) => void,
): ReadReport {
  const batches: ReadBatch[] = [];
  let documents = 0;
  let sentences = 0;
  for (const { file, documents: docs } of files) {
    for (const doc of docs) {
      const result = reader.read(doc);
      batches.push({ file, result });
      sentences += result.sentences;
      onDocument?.(++documents);
    }
  }
  return { batches, documents, sentences };
}
