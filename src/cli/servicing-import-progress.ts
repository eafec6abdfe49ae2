import cliProgress from 'cli-progress';
import type { ImportCounts, ImportProgress } from './servicing-import.js';

/**
 * The import's progress bar on standard error (only on a terminal): bytes of the file done, records so far, their
 * rate and the time left (extrapolated from the bytes).
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): ImportProgress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({
    stream,
    format: ' {bar} {percentage}% | {records} records, {failed} failed | {rate} records/s | {eta_formatted} left',
    barsize: 30,
    etaBuffer: 50,
    fps: 5,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let started = 0;
  let recordsAtStart = 0;
  const payload = (counts: ImportCounts) => {
    const seconds = (performance.now() - started) / 1000;
    return { records: counts.records.toLocaleString('en-US'), failed: counts.failed.toLocaleString('en-US'), rate: seconds > 0 ? Math.round((counts.records - recordsAtStart) / seconds).toLocaleString('en-US') : '…' };
  };
  return {
    start(totalBytes, doneBytes, counts) {
      started = performance.now();
      recordsAtStart = counts.records;
      bar.start(Math.max(totalBytes, 1), doneBytes, payload(counts));
    },
    update(doneBytes, counts) {
      bar.update(doneBytes, payload(counts));
    },
    stop() {
      bar.stop();
    },
  };
}
