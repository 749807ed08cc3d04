/**
 * Sent with every response. Scripts and styles only from our own origin (no 'unsafe-inline'); JSON-LD
 * blocks are data, not script, so the policy does not need to allow them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Where a plugin's CSP sources go (contract.ts's CspSources, by directive). */
export const PLUGIN_DIRECTIVES = {
  scriptSrc: 'script-src',
  connectSrc: 'connect-src',
  frameSrc: 'frame-src',
  imgSrc: 'img-src',
  styleSrc: 'style-src',
} as const;
/** The sources every loaded plugin declared, per directive (PluginRegistry.csp). */
export type PluginCspSources = Readonly<Record<keyof typeof PLUGIN_DIRECTIVES, readonly string[]>>;

/**
 * The reader pages' policy with the sources the loaded plugins declared (PluginRegistry.csp) added to their
 * directives. Only those sources loosen it: the newsroom keeps CONTENT_SECURITY_POLICY whatever is loaded. A
 * `frame-src` of its own is needed because frames otherwise fall back to `default-src 'self'`.
 */
export const readerContentSecurityPolicy = (csp: PluginCspSources): string => {
  const directives = CONTENT_SECURITY_POLICY.split('; ');
  for (const [key, name] of Object.entries(PLUGIN_DIRECTIVES) as [keyof typeof PLUGIN_DIRECTIVES, string][]) {
    const sources = csp[key];
    if (sources.length === 0) continue;
    const at = directives.findIndex((d) => d === name || d.startsWith(`${name} `));
    if (at === -1) directives.splice(directives.indexOf("object-src 'none'"), 0, `${name} 'self' ${sources.join(' ')}`);
    else directives[at] = `${directives[at]} ${sources.join(' ')}`;
  }
  return directives.join('; ');
};

/**
 * Every reader page's security headers: SECURITY_HEADERS itself (the same object, so the same bytes) when no plugin
 * declared a source, otherwise a copy with the merged policy.
 */
export const readerSecurityHeaders = (csp: PluginCspSources): Readonly<Record<string, string>> => {
  const policy = readerContentSecurityPolicy(csp);
  return policy === CONTENT_SECURITY_POLICY
    ? SECURITY_HEADERS
    : { ...SECURITY_HEADERS, 'content-security-policy': policy };
};
