import { formatIssue } from '../src/model/index.js';
import { loadCurationDir } from '../src/kb/curation-loader.js';
import { loadReferenceNames } from '../src/kb/reference-data.js';
const r = loadCurationDir('data/curation', loadReferenceNames());
if (!r.ok) {
  for (const i of r.issues) console.log(formatIssue(i));
  console.log(r.issues.length, 'issues');
} else console.log(r.value.rows, 'rows', r.value.statements.length, 'statements');
