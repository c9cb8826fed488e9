export const usage = `mse-bind: bind a Mimecast Synchronization Engine site to its Mimecast account

Usage:
  mse-bind [options]            the full-screen wizard: site settings, credentials, bind,
                                result, activation
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
  --json                status: print JSON
  -h, --help            this text
  -v, --version         the version

Secrets (passwords, the application key) are typed on the screen; they are never read from
the command line.
`;
