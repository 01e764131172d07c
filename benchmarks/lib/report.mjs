// @ts-check
/**
 * The short markdown summary of a benchmark run (results/latest.md): one line per run, then one
 * line per target with its measured ratio and PASS/FAIL.
 */

const cell = (value) => (value === null || value === undefined ? '–' : String(value));

/** @param {any} results the object written to latest.json */
export function markdownReport(results) {
  const lines = [
    `# Lateral benchmarks — ${results.startedAt}`,
    '',
    `Command: \`${results.command}\` · ${results.machine.cpus}× ${results.machine.cpuModel} · Node ${results.machine.node} · ${results.quick ? 'quick sizes' : 'full sizes'} · total ${results.totalSeconds} s`,
    '',
    '| scenario | run | rows | s | rows/s | requests | 429s | rows/req | max conc. | CPU µs/row | peak RSS MB | missing / dup |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of results.scenarios) {
    for (const run of scenario.runs) {
      const name = run.runner === 'lateral' && run.execution && run.execution !== 'auto' ? `${run.id}` : run.id;
      lines.push(
        `| ${scenario.name} | ${name}${run.exitCode === 0 ? '' : ` (exit ${run.exitCode})`} | ${run.rows} | ${cell(run.seconds)} | ${cell(run.rowsPerSecond)} | ${cell(run.requests)} | ${cell(run.http429)} | ${cell(run.rowsPerRequest)} | ${cell(run.maxConcurrency)} | ${cell(run.cpuUsPerRow)} | ${cell(run.peakRssMb)} | ${run.missing} / ${run.duplicated} |`,
      );
    }
  }
  lines.push('', '| scenario | target | measured | result |', '|---|---|---:|---|');
  for (const scenario of results.scenarios) {
    for (const t of scenario.targets) lines.push(`| ${scenario.name} | ${t.target} | ${cell(t.value)} | ${t.informational ? '(info)' : t.pass ? 'PASS' : '**FAIL**'} |`);
  }
  if (results.localModels) {
    for (const t of results.localModels.targets) lines.push(`| local-models | ${t.target} | ${cell(t.value)} | ${t.pass ? 'PASS' : '**FAIL**'} |`);
    lines.push('', '| local model | measure | value |', '|---|---|---:|');
    for (const [key, value] of Object.entries(results.localModels.summary)) lines.push(`| ${key.split('.')[0]} | ${key.split('.').slice(1).join('.')} | ${cell(value)} |`);
  }
  lines.push('', 'rows/s: output rows ÷ wall-clock seconds of the whole process (startup included). The fake counts requests, 429s and rows per request; CPU is user+system of the client process (all threads); peak RSS is its maxRSS.', '');
  return lines.join('\n');
}
