import { uploadMemory } from './_upload-memory.js';

/** `npm run bench -- uploads`: whether uploads stream to disk (issue 16), measured inside the service's process. Env: BENCH_UPLOADS (runs per size, default 3). */
export default async function uploadsBench(): Promise<void> {
  await uploadMemory(Number(process.env.BENCH_UPLOADS ?? 3));
}
