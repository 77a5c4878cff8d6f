/** A tidy table as an HTML table (first rows only) with a CSV download of all rows. */
import type { TidyTable } from '../../../src/api/contract.js';
import { formatCell, previewTable, titleFromKey } from '../lib/analysis-forms.js';
import { tableToCsv } from '../lib/csv.js';
import { safeFileName, textDataUrl } from '../lib/download.js';

export function DataTable({ name, table, fileStem }: { name: string; table: TidyTable; fileStem: string }) {
  const preview = previewTable(table);
  const caption = titleFromKey(name);
  return (
    <section className="table-block">
      <h3>{caption}</h3>
      <p className="table-tools">
        <span className="muted">
          {table.rows.length} {table.rows.length === 1 ? 'row' : 'rows'}
          {preview.hidden ? `; the first ${preview.rows.length} are shown` : ''}
        </span>{' '}
        <a
          className="button-link"
          href={textDataUrl(tableToCsv(table), 'text/csv')}
          download={safeFileName(`${fileStem}-${name}`, 'csv')}
        >
          Download CSV
        </a>
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${caption} table`}>
        <table data-testid="analysis-table" data-table={name}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                    {formatCell(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An SVG figure shown as an image (scripts in it cannot run) with its download. */
export function SvgFigure({ name, svg, fileStem }: { name: string; svg: string; fileStem: string }) {
  const url = textDataUrl(svg, 'image/svg+xml');
  return (
    <figure className="svg-figure">
      <img data-testid="analysis-figure" data-figure={name} src={url} alt={`Figure: ${titleFromKey(name)}`} />
      <figcaption>
        {titleFromKey(name)} ·{' '}
        <a href={url} download={safeFileName(`${fileStem}-${name}`, 'svg')}>
          Download SVG
        </a>
      </figcaption>
    </figure>
  );
}
