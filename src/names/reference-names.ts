/** One object holding every resolver, built from the bundled reference files' text. */
import { ValidationError } from '../model/index.js';
import { GeneResolver, parseGeneTable, parseProteinNames } from './gene-resolver.js';
import { parseMirbase, type MirbaseFiles } from './mirbase-parser.js';
import { MirnaMentionResolver, parseClusterTable } from './mirna-mentions.js';
import { MirnaResolver } from './mirna-resolver.js';
import { parsePathwayTable, PathwayResolver } from './pathway-resolver.js';
import { parseTherapyTable, TherapyResolver } from './therapy-resolver.js';

export interface ReferenceTexts {
  mirbase: MirbaseFiles;
  clusters: string;
  genes: string;
  proteinNames: string;
  therapies: string;
  pathways: string;
}

export interface ReferenceNames {
  mirna: MirnaResolver;
  mirnaMentions: MirnaMentionResolver;
  gene: GeneResolver;
  therapy: TherapyResolver;
  pathway: PathwayResolver;
}

/** Builds the resolvers; a malformed reference file throws a ValidationError naming file and line. */
export function createReferenceNames(texts: ReferenceTexts): ReferenceNames {
  const mirbase = parseMirbase(texts.mirbase);
  if (!mirbase.ok) throw new ValidationError(mirbase.issues);
  const therapies = parseTherapyTable(texts.therapies);
  if (!therapies.ok) throw new ValidationError(therapies.issues);
  const mirna = new MirnaResolver(mirbase.value);
  return {
    mirna,
    mirnaMentions: new MirnaMentionResolver(mirna, parseClusterTable(texts.clusters)),
    gene: new GeneResolver(parseGeneTable(texts.genes), parseProteinNames(texts.proteinNames)),
    therapy: new TherapyResolver(therapies.value),
    pathway: new PathwayResolver(parsePathwayTable(texts.pathways)),
  };
}
