import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps a long import's resident memory bounded. V8 lets garbage pile up while memory looks plentiful (measured:
 * the import's RSS swung between ~170 and ~260 MB between major collections over 100,000 claims, with a live heap
 * far below that). After each batch, when RSS is above `thresholdBytes`, a full collection is run: a few tens of
 * milliseconds against a batch of 1,000 records, and only when needed.
 */
export function memoryGuard(thresholdBytes: number): () => void {
  v8.setFlagsFromString('--expose-gc');
  const collect = vm.runInNewContext('gc') as () => void;
  return () => {
    if (process.memoryUsage.rss() > thresholdBytes) collect();
  };
}

/** The guard's default threshold: the process's idle size (~100 MB with every module loaded) plus room for a batch. */
export const IMPORT_RSS_THRESHOLD = 176 * 1024 * 1024;
