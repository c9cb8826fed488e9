/**
 * Ink decides once, when it is first loaded, whether it runs under CI, and then draws nothing
 * until exit. An administrator's shell with a stray CI variable must still get a screen, so on
 * a real terminal the variables Ink reads are neutralised before Ink is imported.
 */
export function neutraliseCiDetection(env: NodeJS.ProcessEnv = process.env): void {
  if (!process.stdout.isTTY) return;
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (name in env) env[name] = 'false';
  }
}
