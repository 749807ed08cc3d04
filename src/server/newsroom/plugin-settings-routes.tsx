import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DatelinePlugin } from '../../plugins/contract.js';
import { InvalidInput, type FieldErrors } from '../../services/errors.js';
import { formValueOf, savePluginSettings, settingsFormOf } from '../../services/plugin-settings.js';
import { PluginsPage, type PluginListing } from '../../views/newsroom/PluginsPage.js';
import { pageNotFound } from '../errors.js';
import { DynamicForm, SavedQuery, typed } from '../route-schemas.js';
import { PLUGIN_DIRECTIVES } from '../security-headers.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage } from './request-context.js';

const PluginParams = z.object({ name: z.string() });

/**
 * Newsroom → Settings → Plugins (admins: settings.manage): every loaded plugin, and a form for the settings of each
 * that has some. A save is stored as the `plugin.{name}` setting and moves the content version, so every process
 * applies it (site-state.ts) and renders its pages again.
 */
export const registerPluginSettingsRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);
  const SETTINGS = { access: { may: 'settings.manage' as const } };

  /** A plugin as the Plugins page lists it, with its form showing `typed` (a refused save) or its settings now. */
  const pluginListing = (
    plugin: DatelinePlugin,
    refused?: { typed: Record<string, unknown>; errors: Record<string, string> },
  ): PluginListing => {
    const form = plugin.settings ? settingsFormOf(plugin) : null;
    const current = deps.plugins.settingsOf(plugin.name);
    return {
      name: plugin.name,
      version: plugin.version,
      slots: Object.keys(plugin.slots ?? {}),
      fields: (plugin.fields ?? []).map((f) => ({ name: f.name, label: f.label, type: f.type })),
      blocks: (plugin.blocks ?? []).map((b) => b.type),
      hooks: Object.keys(plugin.hooks ?? {}),
      // The registry took only these keys (plugins/registry.ts), each named here as its directive.
      csp: (Object.entries(plugin.csp ?? {}) as [keyof typeof PLUGIN_DIRECTIVES, string[] | undefined][]).flatMap(
        ([key, sources]) => (sources ?? []).map((s) => `${PLUGIN_DIRECTIVES[key]} ${s}`),
      ),
      routes: plugin.routes !== undefined,
      form,
      values: Object.fromEntries(
        (form ?? []).map((input) => [
          input.name,
          refused
            ? typeof refused.typed[input.name] === 'string'
              ? (refused.typed[input.name] as string)
              : ''
            : formValueOf(input, current[input.name]),
        ]),
      ),
      errors: refused?.errors ?? {},
    };
  };
  const renderPlugins = (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    view: { notice?: string; refused?: { plugin: string; typed: Record<string, unknown>; errors: FieldErrors } } = {},
  ) =>
    sendPage(
      reply,
      status,
      <PluginsPage
        chrome={chromeOf(deps, req, reply)}
        plugins={deps.plugins.plugins.map((p) =>
          pluginListing(p, view.refused?.plugin === p.name ? view.refused : undefined),
        )}
        notice={view.notice}
      />,
    );
  app.get('/settings/plugins', { config: SETTINGS, schema: { querystring: SavedQuery } }, async (req, reply) =>
    // Only a loaded plugin's name is said back: the address is not a place for any text to appear on the page.
    renderPlugins(
      req,
      reply,
      200,
      deps.plugins.plugins.some((p) => p.name === req.query.saved)
        ? { notice: `Saved the settings of ${req.query.saved}.` }
        : {},
    ),
  );
  app.post(
    '/settings/plugins/:name',
    { config: SETTINGS, schema: { params: PluginParams, body: DynamicForm } },
    async (req, reply) => {
      const plugin = deps.plugins.plugins.find((p) => p.name === req.params.name && p.settings);
      if (!plugin) throw pageNotFound();
      try {
        await savePluginSettings(deps.db, plugin, req.body);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return renderPlugins(req, reply, 400, {
          refused: { plugin: plugin.name, typed: req.body, errors: error.fields },
        });
      }
      // This process at once; the others with their next content poll (site-state.ts applies the saved row).
      await deps.site.refresh();
      return reply.redirect(`/newsroom/settings/plugins?saved=${plugin.name}`, 303);
    },
  );
};
