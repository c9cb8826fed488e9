import type {CommandName} from './command-options.js';

export const usage = `mse-bind: bind a Mimecast Synchronization Engine site to its Mimecast account

Usage:
  mse-bind [options]            the full-screen wizard: site settings, credentials, bind,
                                result, activation
  mse-bind rebind               after a password rotation: which password changed, the new
                                password, Enter; everything else from the saved binding
  mse-bind bind --non-interactive     the bind without the screen, for scripts
  mse-bind rebind --non-interactive   a rotation without the screen (--changed WHICH)
  mse-bind unbind [--yes] [--local-only]
                                log the binding out at Mimecast and forget it here; a
                                damaged local binding is removed here only
  mse-bind run [--start]        the engine's health cycle, headless (service / systemd unit)
  mse-bind demo                 the wizard against loopback simulators started in-process
  mse-bind simulate             start the simulators alone and print their details as JSON
  mse-bind status [--json]      what is bound (no secrets)
  mse-bind help                 this text

Options:
  --state-dir DIR       where the encrypted binding is kept (also MSE_BIND_STATE_DIR);
                        default: the platform's config directory
  --allow-key-file      when no OS keychain is available, keep the data key in a file beside
                        the binding (mode 0600; weaker than a keychain)
  --config FILE         pre-fill the site settings from a JSON settings file (no secrets)
  --interval SECONDS    how often the engine checks its health (default 60; demo 5)
  --write-config FILE   simulate: also write a settings file pointing at the simulators
  --json                status, bind/rebind --non-interactive: JSON output
  --yes, -y             unbind: do not ask for confirmation
  --local-only          unbind: forget the binding here without logging it out at Mimecast
  --start               run: turn the play control on first (a site bound by a script)

Non-interactive bind and rebind:
  --password-stdin      read secrets from stdin, one a line, in this order: Mimecast
                        administrator password, directory password, Exchange password,
                        Mimecast application key, Exchange Online OAuth client secret (an
                        empty or missing line falls back to the variable, then to the
                        saved binding)
  MSE_BIND_PASSWORD, MSE_BIND_DIRECTORY_PASSWORD, MSE_BIND_EXCHANGE_PASSWORD,
  MSE_BIND_APP_KEY, MSE_BIND_EXCHANGE_CLIENT_SECRET
                        the same secrets from the environment
  --email ADDRESS       the Mimecast administrator (default: who bound the saved site)
  --changed WHICH       rebind: mimecast (default), directory or exchange; the new password
                        is the first stdin line or that secret's variable
  --site-name, --discovery-url, --app-id, --directory-type (active-directory|ldap|domino),
  --directory-host, --directory-port, --directory-tls (ldaps|starttls|none), --base-dn,
  --directory-user, --ews-url (empty: autodiscover), --exchange-auth
  (basic|ntlm|auto|oauth), --exchange-user, --exchange-access
  (own|delegate|impersonation), --mailbox, --tenant, --client-id, --authority-url,
  --ca-file, --proxy (http://host:port)
                        site settings, over --config and the saved binding
  -h, --help            this text; mse-bind COMMAND --help for one command's
  -v, --version         the version

Secrets (passwords, the application key) are typed on the screen; they are never read from
the command line.
`;

const stateOptions = `  --state-dir DIR       where the encrypted binding is kept (also MSE_BIND_STATE_DIR);
                        default: the platform's config directory
  --allow-key-file      when no OS keychain is available, keep the data key in a file beside
                        the binding (mode 0600; weaker than a keychain)`;

const secretsFromStdin = `  --password-stdin      read secrets from stdin, one a line, in this order: Mimecast
                        administrator password, directory password, Exchange password,
                        Mimecast application key, Exchange Online OAuth client secret (an
                        empty or missing line falls back to the variable, then to the
                        saved binding)
  MSE_BIND_PASSWORD, MSE_BIND_DIRECTORY_PASSWORD, MSE_BIND_EXCHANGE_PASSWORD,
  MSE_BIND_APP_KEY, MSE_BIND_EXCHANGE_CLIENT_SECRET
                        the same secrets from the environment
  --email ADDRESS       the Mimecast administrator (default: who bound the saved site)
  --config FILE         the site settings from a JSON settings file (no secrets)
  --json                one JSON object per step, then a summary`;

const settingOptions = `  --site-name, --discovery-url, --app-id, --directory-type (active-directory|ldap|domino),
  --directory-host, --directory-port, --directory-tls (ldaps|starttls|none), --base-dn,
  --directory-user, --ews-url (empty: autodiscover), --exchange-auth
  (basic|ntlm|auto|oauth), --exchange-user, --exchange-access
  (own|delegate|impersonation), --mailbox, --tenant, --client-id, --authority-url,
  --ca-file, --proxy (http://host:port)
                        site settings, over --config and the saved binding`;

/** `mse-bind COMMAND --help`: what one command does and the options it acts on. */
export const commandUsage: Readonly<Record<CommandName, string>> = {
  wizard: `Usage: mse-bind [options]

The full-screen wizard: site settings, credentials, the five bind steps, the result and the
engine's play control. A bound site opens on its engine.

${stateOptions}
  --config FILE         pre-fill the site settings from a JSON settings file (no secrets)
  --interval SECONDS    how often the engine checks its health (default 60)
`,
  bind: `Usage: mse-bind bind [options]
       mse-bind bind --non-interactive [options]

Without --non-interactive, the full-screen wizard (see mse-bind --help). With it, the same
five steps without the screen, one line per step, and an exit code per error class.

${stateOptions}
${secretsFromStdin}
${settingOptions}
`,
  rebind: `Usage: mse-bind rebind [options]
       mse-bind rebind --non-interactive [--changed WHICH] [options]

After a password rotation: which password changed, the new password, Enter; everything else
from the saved binding. The binding at Mimecast is refreshed, not duplicated.

${stateOptions}
  --interval SECONDS    how often the engine checks its health (default 60)
  --changed WHICH       --non-interactive: mimecast (default), directory or exchange
  --password-stdin      read the new password from stdin: one line (for an Exchange that
                        signs in with OAuth, the app's new client secret)
  MSE_BIND_PASSWORD, MSE_BIND_DIRECTORY_PASSWORD, MSE_BIND_EXCHANGE_PASSWORD,
  MSE_BIND_EXCHANGE_CLIENT_SECRET
                        the new secret from the variable of the one that changed
  --email ADDRESS       the Mimecast administrator (default: who bound the saved site)
  --config FILE         the site settings from a JSON settings file (no secrets)
  --json                one JSON object per step, then a summary
${settingOptions}
`,
  unbind: `Usage: mse-bind unbind [--yes] [--local-only] [options]

Logs the binding out at Mimecast and forgets it here. When Mimecast cannot be reached the
local binding is kept. A damaged local binding is removed here only.

${stateOptions}
  --yes, -y             do not ask for confirmation (needed without a terminal)
  --local-only          forget the binding here without logging it out at Mimecast
  --ca-file FILE        for the logout: a CA file in place of the saved one
  --proxy URL           for the logout: a proxy (http://host:port) in place of the saved one
`,
  run: `Usage: mse-bind run [options]

The engine's health cycle without the screen, for a Windows service or a systemd unit: the
binding, the directory and Exchange checked on an interval, one line per cycle. It runs while
the play control is on and waits while it is paused.

${stateOptions}
  --interval SECONDS    how often to check (default 60)
  --start               turn the play control on first, as Enter on the engine screen does
`,
  demo: `Usage: mse-bind demo [--interval SECONDS]

The wizard against loopback simulators of Mimecast, Exchange and a directory, started in this
process. Its state is kept in a temporary directory, removed on exit.

  --interval SECONDS    how often the engine checks its health (default 5)
`,
  simulate: `Usage: mse-bind simulate [--write-config FILE]

Starts the simulators alone, prints one JSON line with their addresses and the demo
credentials, and serves until interrupted.

  --write-config FILE   also write a site settings file (no secrets) pointing at them
`,
  status: `Usage: mse-bind status [--json] [options]

What is bound: site, account, region, bound by and when, expiry, directory and Exchange
targets, engine state. Never a secret. Exit 1 when nothing is bound.

${stateOptions}
  --json                one JSON object
`,
  help: `Usage: mse-bind help [COMMAND]

The program's help, or one command's.
`,
};
