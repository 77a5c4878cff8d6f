/** Test helper: the resolvers over the bundled data (read from disk here, outside the pure cores). */
import { loadReferenceNames } from '../../src/kb/reference-data.js';

export const names = loadReferenceNames();
