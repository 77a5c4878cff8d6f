/**
 * RDML 1.x (Lefever et al. 2009, Nucleic Acids Res 37:2065; schema at rdml.org): a zip holding `rdml_data.xml`,
 * or the XML itself. Reads samples (type, `group` annotation), targets (type ref/toi) and each run's reacts
 * (well = react id on the run's `pcrFormat` grid) with their `cq` (absent or −1 = no amplification).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import type { Result } from '../../model/index.js';
import { fail } from '../../model/index.js';
import type { QpcrPlate } from './qpcr-measurement.js';
import { resolveReactions, type RawReaction, type SampleMap } from './reaction-resolver.js';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['sample', 'target', 'experiment', 'run', 'react', 'data', 'annotation', 'dye']);

/** Parses an RDML file (zip bytes, or XML text) into a plate; the sample map fills missing groups. */
export function parseRdml(
  input: Uint8Array | string,
  file: string,
  sampleMap?: SampleMap,
): Result<QpcrPlate> {
  const xml = rdmlXml(input, file);
  if (!xml.ok) return xml;
  const valid = XMLValidator.validate(xml.value);
  if (valid !== true)
    return fail({
      file,
      line: valid.err.line,
      field: 'XML',
      message: `not well-formed RDML: ${valid.err.msg}`,
    });
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  }).parse(xml.value) as Node;
  const root = doc.rdml as Node | undefined;
  if (!root) return fail({ file, line: 1, field: 'rdml', message: 'no <rdml> root element' });
  const reactLines = elementLines(xml.value, 'react');
  const samples = new Map<string, { type: string; group?: string }>();
  for (const s of list(root.sample)) {
    const group = list(s.annotation).find((a) =>
      /^(group|condition|biological ?group)$/i.test(textOf(a.property)),
    );
    samples.set(String(s['@id']), {
      type: textOf(s.type) || 'unkn',
      group: group ? textOf(group.value) : undefined,
    });
  }
  const referenceTargets = list(root.target)
    .filter((t) => textOf(t.type) === 'ref')
    .map((t) => String(t['@id']));
  const raw: RawReaction[] = [];
  const metadata: Record<string, string> = { rdmlVersion: String(root['@version'] ?? '') };
  if (referenceTargets.length) metadata.referenceTargets = referenceTargets.join(',');
  let reactIndex = 0;
  const runs = list(root.experiment).flatMap((e) => list(e.run).map((run) => ({ e, run })));
  for (const { e, run } of runs) {
    const format = (run.pcrFormat ?? {}) as Node;
    const columns = Number(textOf(format.columns)) || 12;
    const instrument = textOf(run.instrument);
    if (instrument) metadata.instrument = instrument;
    const runKey = runs.length > 1 ? `${String(e['@id'])}/${String(run['@id'])}:` : '';
    for (const react of list(run.react)) {
      const line = reactLines[reactIndex++] ?? 1;
      const id = Number(react['@id']);
      const well = Number.isInteger(id) && id >= 1 ? wellName(id, columns) : undefined;
      const sampleId = String(list(react.sample)[0]?.['@id'] ?? '');
      const sample = samples.get(sampleId);
      for (const data of list(react.data)) {
        const target = String((data.tar as Node | undefined)?.['@id'] ?? '');
        const cqText = textOf(data.cq);
        const cq = cqText === '' ? NaN : Number(cqText);
        const excluded = textOf(data.excl);
        raw.push({
          line,
          well,
          fluor: `${runKey}${target}`,
          sample: sampleId || undefined,
          group: sample?.group,
          target: target || undefined,
          ct: Number.isFinite(cq) && cq >= 0 ? cq : NaN,
          rawCt: cqText,
          control: excluded ? `excluded in the RDML file (${excluded})` : controlOf(sample?.type ?? 'unkn'),
        });
      }
    }
  }
  if (raw.length === 0)
    return fail({ file, line: 1, field: 'react', message: 'no <react> with <data> in any run' });
  return resolveReactions(raw, { file, format: 'rdml', wellField: 'react', sampleMap, metadata });
}

function rdmlXml(input: Uint8Array | string, file: string): Result<string> {
  if (typeof input === 'string') return { ok: true, value: input.replace(/^\uFEFF/, '') };
  if (input[0] === 0x50 && input[1] === 0x4b) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(input);
    } catch (error) {
      return fail({ file, field: 'zip', message: `not a readable RDML zip (${(error as Error).message})` });
    }
    const names = Object.keys(entries);
    const name = names.find((n) => /(^|\/)rdml_data\.xml$/i.test(n)) ?? names.find((n) => /\.xml$/i.test(n));
    if (name === undefined)
      return fail({ file, field: 'rdml_data.xml', message: 'the RDML zip holds no rdml_data.xml' });
    return { ok: true, value: strFromU8(entries[name]!).replace(/^\uFEFF/, '') };
  }
  return { ok: true, value: strFromU8(input).replace(/^\uFEFF/, '') };
}

/** 1-based line of each opening `<name` element in document order. */
function elementLines(xml: string, name: string): number[] {
  const lines: number[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`, 'g');
  let line = 1;
  let from = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = from; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

function wellName(id: number, columns: number): string {
  const row = Math.floor((id - 1) / columns);
  const letters = row < 26 ? String.fromCharCode(65 + row) : `A${String.fromCharCode(65 + row - 26)}`;
  return `${letters}${((id - 1) % columns) + 1}`;
}

function controlOf(type: string): string | undefined {
  switch (type) {
    case 'unkn':
      return undefined;
    case 'ntc':
    case 'nac':
    case 'neg':
      return `negative control (${type})`;
    case 'std':
      return `standard (${type})`;
    case 'pos':
      return `positive control (${type})`;
    default:
      return `not an unknown sample (${type})`;
  }
}

function list(v: unknown): Node[] {
  return Array.isArray(v) ? (v as Node[]) : v === undefined || v === null ? [] : [v as Node];
}

function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return textOf((v as Node)['#text']);
  return String(v).trim();
}
