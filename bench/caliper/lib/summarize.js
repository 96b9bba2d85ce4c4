'use strict';
// A machine-readable summary of Caliper's HTML report: one record per round with its offered load, so the
// throughput can be charted against it. Caliper's "Throughput" counts failed transactions too, so the summary
// adds `succeededTps`, succeeded transactions per second over the same span (throughput × succeeded ÷ all).
// Usage: node lib/summarize.js REPORT_HTML BENCHMARK_JSON ENGINE BENCHMARK OUT_DIR; writes OUT_DIR/summary.json and
// OUT_DIR/summary.csv.
const fs = require('fs');
const path = require('path');

const COLUMNS = {
  Name: 'label',
  Succ: 'succeeded',
  Fail: 'failed',
  'Send Rate (TPS)': 'sendRateTps',
  'Max Latency (s)': 'latencyMaxS',
  'Min Latency (s)': 'latencyMinS',
  'Avg Latency (s)': 'latencyAvgS',
  'Throughput (TPS)': 'throughputTps',
};

function cells(row, tag) {
  return [...row.matchAll(new RegExp(`<${tag}>(.*?)</${tag}>`, 'gs'))].map((m) => m[1].trim());
}

/** The report's summary table ("Summary of performance metrics") as one object per round. */
function summaryTable(html) {
  const start = html.indexOf('id="benchmarksummary"');
  const end = html.indexOf('</table>', start);
  if (start < 0 || end < 0) throw new Error('the report has no summary table');
  const rows = html.slice(start, end).split('<tr>').slice(1);
  const head = cells(rows[0], 'th');
  return rows.slice(1).map((row) => {
    const record = {};
    cells(row, 'td').forEach((value, i) => {
      const key = COLUMNS[head[i]];
      if (!key) throw new Error(`unknown column "${head[i]}" in the report`);
      record[key] = key === 'label' ? value : (value === '-' ? null : Number(value));
    });
    return record;
  });
}

function offeredLoad(round) {
  const { type, opts = {} } = round.rateControl;
  if (type === 'fixed-rate') return { rateControl: type, offeredTps: opts.tps, inFlight: null };
  if (type === 'fixed-load') return { rateControl: type, offeredTps: null, inFlight: opts.transactionLoad };
  return { rateControl: type, offeredTps: null, inFlight: null };
}

function summarize(reportFile, benchmarkFile, engine, benchmarkName) {
  const rounds = JSON.parse(fs.readFileSync(benchmarkFile, 'utf8')).test.rounds;
  return summaryTable(fs.readFileSync(reportFile, 'utf8')).map((result) => {
    const round = rounds.find((r) => r.label === result.label);
    if (!round) throw new Error(`round ${result.label} of the report is not in ${benchmarkFile}`);
    const all = result.succeeded + result.failed;
    return {
      engine,
      benchmark: benchmarkName,
      label: result.label,
      workload: path.basename(round.workload.module, '.js'),
      ...offeredLoad(round),
      txNumber: round.txNumber || null,
      txDurationS: round.txDuration || null,
      ...result,
      succeededTps: all === 0 ? 0 : Number(((result.throughputTps * result.succeeded) / all).toFixed(1)),
    };
  });
}

function csv(records) {
  const fields = Object.keys(records[0]);
  const line = (values) => values.map((v) => (v === null ? '' : String(v))).join(',');
  return `${[line(fields), ...records.map((r) => line(fields.map((f) => r[f])))].join('\n')}\n`;
}

const [reportFile, benchmarkFile, engine, benchmarkName, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node lib/summarize.js REPORT_HTML BENCHMARK_JSON ENGINE BENCHMARK OUT_DIR');
  process.exit(2);
}
try {
  const records = summarize(reportFile, benchmarkFile, engine, benchmarkName);
  if (records.length === 0) throw new Error('the report holds no round');
  fs.writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify({ rounds: records }, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'summary.csv'), csv(records));
} catch (error) {
  console.error(`caliper: no summary of ${reportFile}: ${error.message}`);
  process.exit(1);
}
