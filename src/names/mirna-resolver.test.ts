import { describe, expect, it } from 'vitest';
import { names } from '../../test/helpers/reference-names.js';

const resolve = (text: string) => names.mirna.resolve(text);
const resolvedName = (text: string) => {
  const r = resolve(text);
  if (r.status !== 'resolved') throw new Error(`${text}: ${r.status} ${r.reason}`);
  return r;
};
const all = (text: string) =>
  names.mirnaMentions
    .resolveAll(text)
    .map((m) => (m.resolution.status === 'resolved' ? m.resolution.mirna.name : `!${m.text}`));

describe('miRNA names (miRBase 22)', () => {
  it('resolves exact mature names with accession, sequence and seed (nt 2–8)', () => {
    const r = resolvedName('hsa-miR-21-5p');
    expect(r.via).toBe('exact');
    expect(r.mirna).toMatchObject({
      kind: 'mature',
      accession: 'MIMAT0000076',
      sequence: 'UAGCUUAUCAGACUGAUGUUGA',
      seed: 'AGCUUAU',
      precursors: ['hsa-mir-21'],
      family: 'mir-21',
    });
    expect(resolvedName('miR-770-5p').mirna.accession).toBe('MIMAT0003948');
  });

  it('keeps arm-unknown names arm-ambiguous and never invents -5p', () => {
    for (const text of [
      'miR-21',
      'microRNA-21',
      'miRNA 21',
      'miRNA-21',
      'miR21',
      'MiR-21',
      'hsa-miR-21',
      'has-miR-21',
    ]) {
      const r = resolvedName(text);
      expect(r.mirna.name, text).toBe('hsa-miR-21');
      expect(r.mirna.kind, text).toBe('arm_unknown');
      expect(r.mirna.accession, text).toBeUndefined();
      expect(r.mirna.members, text).toEqual(['hsa-miR-21-3p', 'hsa-miR-21-5p']);
    }
    // a precursor with a single product in miRBase 22 is still not given an arm
    expect(resolvedName('miR-770').mirna).toMatchObject({ kind: 'arm_unknown', members: ['hsa-miR-770-5p'] });
  });

  it('tells mature, precursor and gene forms apart', () => {
    expect(resolvedName('miR-21').form).toBe('mature');
    expect(resolvedName('mir-21').form).toBe('precursor');
    expect(resolvedName('hsa-mir-21').form).toBe('precursor');
    expect(resolvedName('MIR21').form).toBe('gene');
    expect(resolvedName('MIR125B2').mirna.precursors).toEqual(['hsa-mir-125b-2']);
    expect(resolvedName('MIRLET7A1').mirna.name).toBe('hsa-let-7a-1');
  });

  it('handles the has- typo, Unicode dashes, long forms and missing hyphens', () => {
    expect(resolvedName('has-miR-21-3p').mirna.name).toBe('hsa-miR-21-3p');
    expect(resolvedName('miR\u201121').mirna.name).toBe('hsa-miR-21');
    expect(resolvedName('miR\u2013221\u20133p').mirna.name).toBe('hsa-miR-221-3p');
    expect(resolvedName('MicroRNA (miR)-135b-5p').mirna.name).toBe('hsa-miR-135b-5p');
    expect(resolvedName('microRNA 200c').mirna.name).toBe('hsa-miR-200c');
    expect(resolvedName('miR200c').mirna.name).toBe('hsa-miR-200c');
  });

  it('strips context prefixes and records loss-of-function and sample type', () => {
    expect(resolvedName('ser-miR-21').modifiers).toEqual({ sampleType: 'serum' });
    expect(resolvedName('exo-miR-1246').mirna.name).toBe('hsa-miR-1246');
    expect(resolvedName('circulating miR-155').mirna.name).toBe('hsa-miR-155');
    expect(resolvedName('plasma miR-210').modifiers.sampleType).toBe('plasma');
    expect(resolvedName('anti-miR-21').modifiers.lossOfFunction).toBe('inhibitor');
    expect(resolvedName('antagomir-21').modifiers.lossOfFunction).toBe('antagomir');
    expect(resolvedName('miR-181a inhibitors').modifiers.lossOfFunction).toBe('inhibitor');
  });

  it('maps legacy star names and renamed entries through the name history', () => {
    const star = resolvedName('miR-21*');
    expect(star.mirna.name).toBe('hsa-miR-21-3p');
    expect(star.via).toBe('history');
    expect(resolvedName('miR-451').mirna.name).toBe('hsa-miR-451a');
    const renamed = resolvedName('miR-18');
    expect(renamed.mirna).toMatchObject({ name: 'hsa-miR-18a', kind: 'arm_unknown' });
    expect(renamed.notes.join(' ')).toMatch(/renamed/);
  });

  it('reports dead entries and unknown names with candidates, never a crash or a guess', () => {
    const dead = resolve('miR-220');
    expect(dead.status).toBe('dead');
    if (dead.status !== 'resolved') expect(dead.reason).toMatch(/not in miRBase 22/);
    const unknown = resolve('miR-133b-3p');
    expect(unknown.status).toBe('unresolved');
    if (unknown.status !== 'resolved') expect(unknown.candidates[0]).toBe('hsa-miR-133b');
    for (const junk of ['', 'banana', 'miR-', 'let-8', '12345', 'miR-21-5']) {
      expect(resolve(junk).status, junk).toBe('unresolved');
    }
    const mouse = resolve('mmu-miR-21a-5p');
    expect(mouse.status).toBe('unresolved');
  });

  it('keeps family mentions as families', () => {
    const family = resolvedName('miR-181');
    expect(family.form).toBe('family');
    expect(family.mirna.name).toBe('hsa-miR-181 family');
    expect(family.mirna.members).toContain('hsa-miR-181a-5p');
    expect(family.mirna.members).toContain('hsa-miR-181d-5p');
    expect(resolvedName('miR-200 family').mirna.members).toEqual(
      expect.arrayContaining(['hsa-miR-200a-3p', 'hsa-miR-200b-3p', 'hsa-miR-200c-3p']),
    );
    expect(resolvedName('let-7').mirna.name).toBe('hsa-let-7 family');
    expect(resolvedName('let-7a').mirna.name).toBe('hsa-let-7a');
  });

  it('expands clusters, slash lists and elliptical enumerations', () => {
    expect(all('miR-221/222')).toEqual(['hsa-miR-221', 'hsa-miR-222']);
    expect(all('miR-132/-212')).toEqual(['hsa-miR-212', 'hsa-miR-132']);
    expect(all('miR-106b~25')).toEqual(['hsa-miR-106b', 'hsa-miR-93', 'hsa-miR-25']);
    expect(all('miR-17-92')).toEqual([
      'hsa-miR-17',
      'hsa-miR-18a',
      'hsa-miR-19a',
      'hsa-miR-20a',
      'hsa-miR-19b-1',
      'hsa-miR-92a-1',
    ]);
    expect(all('miR-10b, -21 and -34a')).toEqual(['hsa-miR-10b', 'hsa-miR-21', 'hsa-miR-34a']);
    expect(all('miR-200b/c')).toEqual(['hsa-miR-200b', 'hsa-miR-200c']);
    expect(all('miR-7, miR-127, miR-134')).toEqual(['hsa-miR-7', 'hsa-miR-127', 'hsa-miR-134']);
    expect(all('miR-450b-3p, 520c-3p, miR-520b-5p')).toEqual([
      'hsa-miR-450b-3p',
      'hsa-miR-520c-3p',
      'hsa-miR-520b-5p',
    ]);
    expect(all('miR-15a and miR-16')).toEqual(['hsa-miR-15a', 'hsa-miR-16']);
    expect(all('miR-21 and banana')).toEqual(['hsa-miR-21', '!banana']);
  });

  it('lists every cluster precursor from the bundled miRBase 22 hairpins', () => {
    for (const text of [
      'miR-17-92',
      'miR-106a~363',
      'miR-302~367',
      'miR-371~373',
      'miR-99a/let-7c/125b-2',
      'miR-183~96~182',
    ]) {
      const mentions = names.mirnaMentions.resolveAll(text);
      expect(mentions.length, text).toBeGreaterThan(1);
      expect(
        mentions.every((m) => m.resolution.status === 'resolved'),
        text,
      ).toBe(true);
    }
  });
});
