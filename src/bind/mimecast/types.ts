/** The Mimecast account a site is bound to, as get-account names it. */
export type MimecastAccount = {
  readonly code: string;
  readonly name: string;
  /** Regional API base URL from discovery, e.g. `https://eu-api.mimecast.com`. */
  readonly regionApi: string;
};

/** Basic realm the Mimecast user authenticates with (cloud password or domain password). */
export type MimecastRealm = 'Basic-Cloud' | 'Basic-AD';

/**
 * A binding: the access key / secret key pair that login returns for one application. The
 * secret key is base64 as Mimecast returns it.
 */
export type MimecastBinding = {
  readonly appId: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** Email of the administrator who bound the site. */
  readonly boundBy: string;
  /** ISO 8601. */
  readonly boundAt: string;
  /** ISO 8601, or null when the authentication profile says "never expire". */
  readonly expiresAt: string | null;
};
