import { For } from "solid-js";

export type ReportColumn = {
  header: string;
  /** Counts and times align right. */
  number?: boolean;
  /** The cell that names the row, for a screen reader reading across it. */
  rowHeader?: boolean;
};

type Props = { id: string; title: string; columns: ReportColumn[]; rows: string[][]; empty: string };

/** One of the report's tables under its heading; a row of words when it has nothing to show. */
export function ReportTable(props: Props) {
  return (
    <section class="reasons-section" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      <table class="report-table" aria-labelledby={props.id}>
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) => (
                <th scope="col" class={column.number ? "number" : undefined}>
                  {column.header}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.rows}
            fallback={
              <tr>
                <td colSpan={props.columns.length}>{props.empty}</td>
              </tr>
            }
          >
            {(row) => (
              <tr>
                <For each={row}>
                  {(cell, i) => {
                    const column = props.columns[i()]!;
                    const number = column.number ? "number" : undefined;
                    return column.rowHeader ? (
                      <th scope="row" class={number}>
                        {cell}
                      </th>
                    ) : (
                      <td class={number}>{cell}</td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
