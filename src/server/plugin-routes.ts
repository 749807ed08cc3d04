import type { FastifyInstance } from 'fastify';
import type { PluginRegistry } from '../plugins/registry.js';

/** Where a plugin's routes live: its own folder of the site's addresses, named after it. */
export const pluginRoutePrefix = (name: string): string => `/plugins/${name}`;

/**
 * Mounts each plugin's `routes(app)` as a Fastify plugin of its own, prefixed with `/plugins/{name}`: whatever
 * address it declares lands under that prefix, so it cannot answer elsewhere. The scope is encapsulated inside
 * the app, so the app's onRequest hooks (security headers, the request log) and its error handler (our error page
 * or JSON envelope, never a stack trace) apply; hooks the plugin adds apply to its own routes only. A plugin whose
 * `routes` throws while registering stops the start (app.ready()), as a plugin that fails to load does.
 */
export const registerPluginRoutes = (app: FastifyInstance, plugins: PluginRegistry): void => {
  for (const plugin of plugins.plugins) {
    const routes = plugin.routes;
    if (!routes) continue;
    void app.register(
      async (scope) => {
        try {
          await routes(scope);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`plugin "${plugin.name}": its routes failed to register: ${reason}`, { cause: error });
        }
      },
      { prefix: pluginRoutePrefix(plugin.name) },
    );
  }
};
