import { describe, expect, it } from 'vitest';
import { splitSeed } from './seed.js';

describe('splitSeed', () => {
  it('splits hsa-miR-770-5p (MIMAT0003948) at nt 2–8', () => {
    expect(splitSeed('UCCAGUACCACGUGUCAGGGCCA', 'CCAGUAC')).toEqual({
      before: 'U',
      seed: 'CCAGUAC',
      after: 'CACGUGUCAGGGCCA',
    });
  });

  it('splits hsa-miR-21-5p without a stated seed', () => {
    const split = splitSeed('UAGCUUAUCAGACUGAUGUUGA');
    expect(split?.seed).toBe('AGCUUAU');
    expect(split && split.before + split.seed + split.after).toBe('UAGCUUAUCAGACUGAUGUUGA');
  });

  it('gives nothing for short sequences or a seed that disagrees', () => {
    expect(splitSeed('UAGCUUA')).toBeUndefined();
    expect(splitSeed(undefined)).toBeUndefined();
    expect(splitSeed('UAGCUUAUCAGACUGAUGUUGA', 'CCAGUAC')).toBeUndefined();
  });
});
