import {spawnSync} from 'node:child_process';

/**
 * Tests that need a real program (tmux, slapd, gnome-keyring) must run in CI, never skip there:
 * a missing tool fails with the Debian package to install.
 */
export function requireTool(command: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (!found) {
    throw new Error(
      `${command} is not installed; install the Debian package ${debianPackage} ` +
        '(scripts/install-test-packages.sh installs everything the tests need).',
    );
  }
}
