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
  mse-bind run                  the engine's health cycle, headless (service / systemd unit)
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
  -h, --help            this text
  -v, --version         the version

Secrets (passwords, the application key) are typed on the screen; they are never read from
the command line.
`;
