/**
 * Worker thread of `miresist scan`: scans batches of genes and formats each row at once, leaving a placeholder where
 * the group number goes (group numbers run across the whole file, so the batch's offset comes later). Holding one
 * compact string per batch, not row objects, keeps the retained heap small.
 */
import { parentPort } from 'node:worker_threads';
import type { MirnaFamily, UtrSet } from '../../seq/targetscan-inputs.js';
import {
  formatTargetScanRow,
  indexFamilies,
  scanUtrSet,
  type FamilyIndex,
} from '../../seq/targetscan-scanner.js';

export type WorkerRequest =
  | { type: 'init'; families: MirnaFamily[] }
  | { type: 'scan'; batch: number; sets: UtrSet[] }
  | { type: 'format'; batch: number; groupOffset: number };

export type WorkerReply =
  | { type: 'scanned'; batch: number; groups: number; byType: Record<string, number> }
  | { type: 'formatted'; batch: number; text: string };

const GROUP = '\u0001';
let index: FamilyIndex | undefined;
const scanned = new Map<number, { text: string; groups: Int32Array }>();

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.type === 'init') {
    index = indexFamilies(request.families);
  } else if (request.type === 'scan') {
    const counter = { value: 0 };
    const byType: Record<string, number> = {};
    const genes: string[] = [];
    const groups: number[] = [];
    for (const set of request.sets) {
      const rows = scanUtrSet(set, index!, counter);
      if (!rows.length) continue;
      const lines = new Array<string>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        groups.push(row.group);
        byType[row.siteType] = (byType[row.siteType] ?? 0) + 1;
        lines[i] = formatTargetScanRow(row, 0, GROUP);
      }
      genes.push(lines.join('\n'));
    }
    scanned.set(request.batch, {
      text: genes.length ? genes.join('\n') + '\n' : '',
      groups: Int32Array.from(groups),
    });
    parentPort!.postMessage({
      type: 'scanned',
      batch: request.batch,
      groups: counter.value,
      byType,
    } satisfies WorkerReply);
  } else {
    const { text, groups } = scanned.get(request.batch)!;
    scanned.delete(request.batch);
    const parts = text.split(GROUP);
    const pieces = new Array<string>(parts.length * 2 - 1);
    for (let i = 0; i < parts.length; i++) {
      pieces[2 * i] = parts[i]!;
      if (i < groups.length) pieces[2 * i + 1] = String(groups[i]! + request.groupOffset);
    }
    parentPort!.postMessage({
      type: 'formatted',
      batch: request.batch,
      text: pieces.join(''),
    } satisfies WorkerReply);
  }
});
