/** Where Ghost's clients look for the Admin API today; the versioned prefixes of clients before v5 lead here too. */
export const ADMIN_API = '/ghost/api/admin';
/** `/ghost/api/{canary,v2,v3,v4,v5}/admin`, as a whole segment. */
const VERSIONED_PREFIX = /^\/ghost\/api\/(?:canary|v[2-5])\/admin(?=[/?]|$)/;

/**
 * The address under ADMIN_API that a versioned one stands for, or null: the app's rewriteUrl hands such requests to
 * the one registration. Registered under each of the six prefixes, the routes, their catch-all and their 404 handler
 * over every method were a third of a cold start's route registration (0030-cold-start-and-memory.md).
 */
export const adminApiAlias = (url: string): string | null => {
  const versioned = VERSIONED_PREFIX.exec(url);
  return versioned ? ADMIN_API + url.slice(versioned[0].length) : null;
};
