/**
 * The part of ldapjs 3.0.7 (which ships no types) that the LDAP simulator uses: a server with
 * bind, search and unbind handlers, and the paged results control. ldapjs is CommonJS; its
 * default export is `module.exports`.
 */
declare module 'ldapjs' {
  import type {AddressInfo, Server as NetServer, Socket} from 'node:net';

  export interface LdapDn {
    toString(): string;
  }

  export interface LdapFilter {
    /** `strictAttrCase` false: attribute names match case-insensitively. */
    matches(entry: Record<string, string | string[]>, strictAttrCase?: boolean): boolean;
    toString(): string;
  }

  /** A request or response control, as @ldapjs/controls parses it. */
  export interface LdapControl {
    readonly type: string;
    readonly criticality: boolean;
    readonly value: unknown;
  }

  export interface LdapResponse {
    /** Sent as the result's diagnostic text (what AD puts its `data <code>` sub-code in). */
    diagnosticMessage: string;
    matchedDN: string;
    end(status?: number): void;
    addControl(control: LdapControl): void;
  }

  export interface SearchResultEntry {
    readonly dn: string;
    readonly attributes: Record<string, string | string[]>;
  }

  export interface SearchResponse extends LdapResponse {
    /** The attribute names the client asked for, as ldapjs filters sent entries by them. */
    attributes: string[];
    send(entry: SearchResultEntry, noFiltering?: boolean): void;
  }

  export interface BindRequest {
    readonly dn: LdapDn | string;
    readonly credentials: string;
    readonly connection: Socket;
  }

  export interface SearchRequest {
    readonly dn: LdapDn;
    readonly scopeName: 'base' | 'single' | 'subtree';
    readonly filter: LdapFilter;
    readonly attributes: string[];
    readonly sizeLimit: number;
    /** Seconds; 0 means no limit. */
    readonly timeLimit: number;
    readonly controls: LdapControl[];
    readonly connection: Socket;
  }

  export interface UnbindRequest {
    readonly connection: Socket;
  }

  export type Next = (error?: Error) => void;

  export interface Server {
    readonly server: NetServer;
    bind(base: string, handler: (req: BindRequest, res: LdapResponse, next: Next) => void): Server;
    search(
      base: string,
      handler: (req: SearchRequest, res: SearchResponse, next: Next) => void,
    ): Server;
    unbind(handler: (req: UnbindRequest, res: LdapResponse, next: Next) => void): Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    address(): AddressInfo;
    on(event: 'error', listener: (error: Error) => void): Server;
  }

  const ldap: {
    createServer(options?: Record<string, unknown>): Server;
    /** The @ldapjs/messages class of incoming bind requests. */
    BindRequest: {prototype: object};
    PagedResultsControl: new (options: {value: {size: number; cookie: Buffer}}) => LdapControl;
  };
  export default ldap;
}
