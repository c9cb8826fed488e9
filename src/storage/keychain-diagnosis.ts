/**
 * Plain-language reasons and fixes for an OS keychain that cannot be used. The fixes are whole
 * sentences; callers that extend one drop its final full stop.
 */

const linuxFix =
  'Run mse-bind in a D-Bus session (DBUS_SESSION_BUS_ADDRESS set) with a Secret Service such ' +
  'as gnome-keyring running and its keyring unlocked, and with libsecret installed.';

/** What to do on each platform when the keychain is there but refuses to work. */
export function keychainFix(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return linuxFix;
    case 'win32':
      return (
        'Windows Credential Manager normally works: run mse-bind as a user whose profile is ' +
        'loaded (an interactive or batch logon, not a bare service account).'
      );
    case 'darwin':
      return 'Unlock the login keychain in Keychain Access and allow mse-bind to use it.';
    default:
      return 'Run mse-bind on Linux (Secret Service), Windows (Credential Manager) or macOS.';
  }
}

/** What to do when the keytar module itself is missing or cannot load. */
export function keytarMissingFix(platform: NodeJS.Platform): string {
  const reinstall = 'Reinstall mse-bind with its optional dependencies so keytar is present';
  if (platform === 'linux') {
    return (
      `${reinstall} (building it needs libsecret-1-dev); it then needs a D-Bus session with ` +
      'an unlocked Secret Service such as gnome-keyring.'
    );
  }
  return `${reinstall}.`;
}

/**
 * keytar reports libsecret's own words (see real-services.md §3 for the exact texts); these turn
 * the known ones into a reason an administrator can act on. Unknown texts are passed through.
 */
const knownLinuxFailures: ReadonlyArray<readonly [RegExp, string]> = [
  [/Cannot autolaunch D-Bus/i, 'there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)'],
  [
    /Could not connect/i,
    'the D-Bus session bus named by DBUS_SESSION_BUS_ADDRESS cannot be reached',
  ],
  [
    /not provided by any \.service files/i,
    'no Secret Service (such as gnome-keyring) is running in the D-Bus session',
  ],
  [/locked collection/i, 'the keyring is locked'],
  [/Object does not exist at path/i, 'the default keyring does not exist or is not unlocked'],
];

/** The first line of a library message, kept short for a one-line reason. */
function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

export function describeKeychainFailure(error: unknown, platform: NodeJS.Platform): string {
  const message = error instanceof Error ? error.message : String(error);
  if (platform === 'linux') {
    const known = knownLinuxFailures.find(([pattern]) => pattern.test(message));
    if (known) return known[1];
  }
  return `the keychain reported: ${firstLine(message)}`;
}
