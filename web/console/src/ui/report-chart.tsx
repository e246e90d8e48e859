import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { createEffect, For, onCleanup, onMount } from "solid-js";

// Only what these charts draw: Chart.js's other controllers, scales and plugins stay out of the chunk.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
);

const COLOR = "#0a58ca";

type Props = {
  /** Bars (horizontal: names are long) for counts by a category, a line for counts over time. */
  kind: "bar" | "line";
  /** The chart's title, and the name of its table. */
  title: string;
  /** The header of the table's first column (what is counted by) and of its second. */
  labelHeader: string;
  valueHeader: string;
  labels: string[];
  values: number[];
  /** What a value reads as in the table; the number itself by default. */
  format?: (value: number) => string;
  /** What the table shows when there is nothing to count. */
  empty: string;
  /** Read to screen readers instead of the canvas, which says nothing to them. */
  description: string;
};

let charts = 0;

// What fits the axis of a chart a third of the page wide before Chart.js cuts its start off.
const LABEL_CHARACTERS = 22;
const shortLabel = (label: string) =>
  label.length > LABEL_CHARACTERS ? `${label.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…` : label;

/**
 * A Chart.js chart with its data as a table beneath: the canvas is a picture (`role="img"`
 * named by the chart's description), and the table is what a screen reader, a keyboard user
 * or a test reads.
 */
export function ReportChart(props: Props) {
  const id = `report-chart-${++charts}`;
  let canvas!: HTMLCanvasElement;
  let chart: Chart | undefined;

  onMount(() => {
    chart = new Chart(canvas, {
      type: props.kind,
      data: {
        labels: [],
        datasets: [{ label: props.valueHeader, data: [], backgroundColor: COLOR, borderColor: COLOR }],
      },
      options: {
        indexAxis: props.kind === "bar" ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales:
          props.kind === "bar"
            ? {
                x: { beginAtZero: true, ticks: { precision: 0 } },
                // A long name would be cut at the canvas's edge: the axis shows its start, the tooltip and the table all of it.
                y: {
                  ticks: {
                    callback(value) {
                      return shortLabel(this.getLabelForValue(Number(value)));
                    },
                  },
                },
              }
            : { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  });

  createEffect(() => {
    const labels = props.labels;
    const values = props.values;
    if (!chart) return;
    chart.data.labels = labels;
    chart.data.datasets[0]!.data = values;
    chart.update();
  });

  onCleanup(() => chart?.destroy());

  // Bars get room each, so twenty escenarios still read; a line keeps one height.
  const height = () => (props.kind === "bar" ? Math.max(120, 28 * props.labels.length + 40) : 220);

  return (
    <figure class="report-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{props.title}</figcaption>
      <div class="report-chart-canvas" style={{ height: `${height()}px` }}>
        <canvas ref={canvas} role="img" aria-label={props.description} />
      </div>
      <table class="report-table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{props.labelHeader}</th>
            <th scope="col" class="number">
              {props.valueHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.labels}
            fallback={
              <tr>
                <td colSpan={2}>{props.empty}</td>
              </tr>
            }
          >
            {(label, i) => (
              <tr>
                <th scope="row">{label}</th>
                <td class="number">{(props.format ?? String)(props.values[i()] ?? 0)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
