// Preloaded into every bench scenario by bench/run.ts: reports the process's peak RSS at exit.
process.on('exit', () => {
  process.stderr.write(`\n__PEAK_RSS_MB__=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
