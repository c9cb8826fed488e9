/** The build an Exchange server reports in its ServerVersionInfo SOAP header. */
export type ServerVersion = {
  readonly major: number;
  readonly minor: number;
  readonly majorBuild: number;
  readonly minorBuild: number;
};

/** Dotted build number as Exchange administrators read it, e.g. `15.2.1544.4`. */
export function formatBuildNumber(version: ServerVersion): string {
  return `${version.major}.${version.minor}.${version.majorBuild}.${version.minorBuild}`;
}

/** E.g. `Exchange 15.2 (build 1544.4)`. */
export function describeServerVersion(version: ServerVersion | null): string {
  if (version === null) return 'Exchange (version not reported)';
  const {major, minor, majorBuild, minorBuild} = version;
  return `Exchange ${major}.${minor} (build ${majorBuild}.${minorBuild})`;
}
