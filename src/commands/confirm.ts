import {createInterface} from 'node:readline/promises';
import {isAbortError} from '../bind/errors.js';

/** What the person at the terminal answered; Ctrl+C and Ctrl+D count as neither yes nor no. */
export type Confirmation = 'yes' | 'no' | 'cancelled';

/**
 * Asks a question on the terminal and waits for a typed "yes". readline rejects a pending
 * question with an AbortError on Ctrl+C or Ctrl+D (and when the signal fires); a closed input
 * that is not a terminal never answers at all, so the close itself counts as cancelling too.
 */
export async function askConfirmation(
  question: string,
  signal: AbortSignal,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<Confirmation> {
  const prompt = createInterface({input, output});
  const closed = new Promise<null>((resolve) => prompt.once('close', () => resolve(null)));
  try {
    const answer = await Promise.race([prompt.question(question, {signal}), closed]);
    if (answer !== null) return answer.trim().toLowerCase() === 'yes' ? 'yes' : 'no';
  } catch (error) {
    if (!isAbortError(error)) throw error;
  } finally {
    prompt.close();
  }

  // The cursor is still after the question; what follows belongs on a line of its own.
  output.write('\n');
  return 'cancelled';
}
