import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTzif, type ZoneRules } from '../domain/tzif.js';

/**
 * The system's time zone database, as libc, Python's zoneinfo and Go read it: TZDIR when set, else the places Linux
 * distributions and macOS install it. Updated with the operating system's tzdata package, which usually ships a new
 * release before the ICU inside Node does.
 */
const FOLDERS = ['/usr/share/zoneinfo', '/usr/lib/zoneinfo', '/usr/share/lib/zoneinfo'];

/** An IANA name ("Asia/Tokyo", "Etc/GMT+9"): nothing that could leave the folder or name it. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * A zone's rules from the system's database; null when it has no such zone or no file this reader can use, and the
 * caller asks ICU (domain/dateline.ts's useZoneSource).
 */
export const readSystemZone = (
  timeZone: string,
  folders: readonly string[] = systemZoneFolders(),
): ZoneRules | null => {
  if (!ZONE_NAME.test(timeZone) || timeZone.length > 64) return null;
  for (const folder of folders) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(folder, timeZone));
    } catch {
      continue;
    }
    return parseTzif(bytes);
  }
  return null;
};

/** Where readSystemZone looks: TZDIR alone when it is set, as libc does. */
export const systemZoneFolders = (env: NodeJS.ProcessEnv = process.env): string[] =>
  env.TZDIR ? [env.TZDIR] : FOLDERS;
