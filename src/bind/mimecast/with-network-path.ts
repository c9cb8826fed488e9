import {createNetworkPath, type NetworkPath} from '../http/dispatcher.js';
import type {TransportOptions} from './call-mimecast.js';

/**
 * Runs `work` with the caller's network path, or with one opened from `network` for this call
 * alone and closed afterwards. Closing lets requests in flight finish (a cleanup logout after
 * a cancel does); a cancelled request's own socket was already destroyed by its signal.
 */
export async function withNetworkPath<T>(
  args: TransportOptions,
  work: (path: NetworkPath) => Promise<T>,
): Promise<T> {
  if (args.networkPath !== undefined) return work(args.networkPath);
  const path = await createNetworkPath(args.network ?? {caFile: ''}, args.signal, {
    env: args.networkEnv,
  });
  try {
    return await work(path);
  } finally {
    const closing = path.close();
    if (args.signal.aborted) void closing.catch(() => undefined);
    else await closing;
  }
}
