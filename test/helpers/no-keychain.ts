/**
 * An environment in which the program finds no Secret Service: a D-Bus address that leads
 * nowhere, so the keychain reports itself unavailable and only a key file can hold the key.
 */
export const noKeychain = {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mse-bind-test-bus'};
