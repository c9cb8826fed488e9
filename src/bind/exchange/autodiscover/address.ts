/** The address Autodiscover asks about, and the setting it was typed in. */
export type AutodiscoverTarget = {
  readonly address: string;
  readonly setting: 'mailbox' | 'exchangeUser';
};

/** What Autodiscover can ask about when there is no EWS URL, or why it has nothing to ask. */
export type AutodiscoverAddress =
  | ({readonly kind: 'address'} & AutodiscoverTarget)
  | {
      readonly kind: 'problem';
      /** The setting to change. */
      readonly setting: 'mailbox' | 'ewsUrl';
      readonly message: string;
      readonly fix: string;
    };

// Autodiscover asks hosts named after the mail domain (the domain itself, autodiscover.<domain>,
// _autodiscover._tcp.<domain>), so the part after the @ must be a DNS name with a dot:
// svc@localhost or a NetBIOS-style svc@CONTOSO names no mail domain, DOMAIN\user none at all.
const mailAddress = /^[^@\s\\]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;

function isAutodiscoverAddress(name: string): boolean {
  return mailAddress.test(name);
}

/**
 * What Autodiscover asks about: the mailbox to probe when one is given, else the service
 * account in user@domain form. The settings form and the probe both decide with this, so the
 * form refuses exactly what Autodiscover could not use.
 */
export function autodiscoverAddressOf(mailbox: string, user: string): AutodiscoverAddress {
  if (mailbox !== '') {
    if (isAutodiscoverAddress(mailbox)) {
      return {kind: 'address', address: mailbox, setting: 'mailbox'};
    }
    return {
      kind: 'problem',
      setting: 'mailbox',
      message: 'Autodiscover needs the mailbox as an address such as name@example.com.',
      fix: "Enter the mailbox's SMTP address, or the EWS URL.",
    };
  }
  if (isAutodiscoverAddress(user)) return {kind: 'address', address: user, setting: 'exchangeUser'};
  return {
    kind: 'problem',
    setting: 'ewsUrl',
    message: user.includes('@')
      ? `No EWS URL is given, and the service account ${user} names no mail domain for ` +
        'Autodiscover to ask.'
      : 'No EWS URL is given, and no mailbox address to find it with Autodiscover.',
    fix: 'Enter the EWS URL, or a mailbox address such as name@example.com.',
  };
}
