/** The sections entity pages show, in order, from the API's reports; seed-site evidence for a miRNA's targets. */
import type {
  GeneReport,
  MirnaReport,
  MirnaRole,
  PredictedSite,
  TherapyReport,
} from '../../../src/api/contract.js';

type Statement = MirnaReport['targets'][number];

export interface StatementSection {
  id: string;
  title: string;
  statements: Statement[];
  /** what an empty section says */
  empty: string;
}

/** A miRNA report's statement sections: targets, resistance, sensitisation, expression, biomarkers, other. */
export function mirnaSections(report: MirnaReport): StatementSection[] {
  return [
    { id: 'targets', title: 'Targets', statements: report.targets, empty: 'No curated targets.' },
    {
      id: 'resistance',
      title: 'Confers resistance',
      statements: report.resistance,
      empty: 'No resistance roles.',
    },
    {
      id: 'sensitisation',
      title: 'Sensitises',
      statements: report.sensitisation,
      empty: 'No sensitising roles.',
    },
    {
      id: 'expression',
      title: 'Expression in resistant cells',
      statements: report.expression,
      empty: 'No expression changes.',
    },
    { id: 'biomarker', title: 'Biomarker roles', statements: report.biomarker, empty: 'No biomarker roles.' },
    { id: 'other', title: 'Other statements', statements: report.other, empty: 'Nothing else.' },
  ];
}

/** A gene report's sections. */
export function geneSections(report: GeneReport): StatementSection[] {
  return [
    {
      id: 'targeted-by',
      title: 'Targeted by miRNAs',
      statements: report.targetedBy,
      empty: 'No curated miRNA targets it.',
    },
    {
      id: 'therapy-roles',
      title: 'Therapy roles of its miRNAs',
      statements: report.therapyRoles,
      empty: 'Its miRNAs have no therapy role.',
    },
    {
      id: 'therapies',
      title: 'Therapies acting on it',
      statements: report.therapies,
      empty: 'No therapy acts on it.',
    },
    {
      id: 'signalling',
      title: 'Signalling',
      statements: report.signalling,
      empty: 'No signalling statements.',
    },
    {
      id: 'expression',
      title: 'Expression in resistant cells',
      statements: report.expression,
      empty: 'No expression changes.',
    },
  ];
}

export interface RoleSection {
  id: string;
  title: string;
  roles: MirnaRole[];
  empty: string;
}

/** A therapy report's role groups: each is per miRNA, with its statements and mechanisms. */
export function therapyRoleSections(report: TherapyReport): RoleSection[] {
  return [
    {
      id: 'resistance',
      title: 'Confer resistance',
      roles: report.resistance,
      empty: 'No miRNA confers resistance.',
    },
    { id: 'sensitisation', title: 'Sensitise', roles: report.sensitisation, empty: 'No miRNA sensitises.' },
    {
      id: 'expression',
      title: 'Expression in resistant cells',
      roles: report.expression,
      empty: 'No expression changes.',
    },
    {
      id: 'biomarker',
      title: 'Biomarkers of response',
      roles: report.biomarker,
      empty: 'No biomarker roles.',
    },
  ];
}

export type SiteEvidence =
  | { state: 'no-utrs' }
  | { state: 'no-site'; utrSources: string[] }
  | { state: 'sites'; sites: PredictedSite[]; text: string };

/** Seed sites of the miRNA in a target gene's loaded 3′UTRs: "no UTRs loaded", none found, or the sites. */
export function siteEvidenceFor(
  report: Pick<MirnaReport, 'siteEvidence' | 'utrSources'>,
  gene: string,
): SiteEvidence {
  if (!report.utrSources.length) return { state: 'no-utrs' };
  const sites = report.siteEvidence[gene] ?? [];
  if (!sites.length) return { state: 'no-site', utrSources: report.utrSources };
  const text = sites
    .map(
      (s) =>
        `${s.site_type} at ${s.utr_start}–${s.utr_end}${s.utr_id !== gene ? ` in ${s.utr_id}` : ''} (${s.source})`,
    )
    .join('; ');
  return { state: 'sites', sites, text };
}

/** The number of distinct miRNAs and statements behind a therapy role section, for its heading. */
export function roleCounts(roles: readonly MirnaRole[]): { mirnas: number; statements: number } {
  return { mirnas: roles.length, statements: roles.reduce((n, r) => n + r.statements.length, 0) };
}
