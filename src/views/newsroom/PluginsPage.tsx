import type { SettingInput } from '../../services/plugin-settings.js';
import { Csrf, Field, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

/** A loaded plugin as the Plugins page lists it: what it adds to the site, and its settings form if it has one. */
export interface PluginListing {
  name: string;
  version: string;
  slots: string[];
  fields: { name: string; label: string; type: string }[];
  blocks: string[];
  hooks: string[];
  /** "script-src https://…", one per source the plugin adds to reader pages' policy. */
  csp: string[];
  routes: boolean;
  /** The inputs of its settings form; null for a plugin without settings. */
  form: SettingInput[] | null;
  /** What the form shows: the saved values, or what was typed when a save was refused. */
  values: Record<string, string>;
  /** Messages by setting, after a refused save of this plugin's form. */
  errors: Record<string, string>;
}

const listOr = (items: string[]) => (items.length > 0 ? items.join(', ') : 'none');

const SettingField = ({
  plugin,
  input,
  value,
  error,
}: {
  plugin: string;
  input: SettingInput;
  value: string;
  error: string | undefined;
}) => {
  // Ids are unique on the page, which holds one form per plugin; names are the settings' own.
  const id = `${plugin}-${input.name}`;
  const describedBy = [input.kind === 'lines' ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  const described = {
    ...(describedBy.length > 0 ? { 'aria-describedby': describedBy.join(' ') } : {}),
    ...(error ? { 'aria-invalid': true } : {}),
  };
  if (input.kind === 'boolean') {
    return (
      <div class={error ? 'nr-field nr-field-error' : 'nr-field'}>
        <label>
          <input type="checkbox" id={id} name={input.name} checked={value === 'on'} {...described} /> {input.label}
        </label>
        {error ? (
          <p class="nr-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <Field name={id} label={input.label} error={error} {...(input.kind === 'lines' ? { hint: 'One a line.' } : {})}>
      {input.kind === 'choice' ? (
        <select id={id} name={input.name} {...described}>
          {input.optional ? <option value="">—</option> : null}
          {input.options.map((option) => (
            <option value={option} selected={value === option}>
              {option}
            </option>
          ))}
        </select>
      ) : input.kind === 'lines' ? (
        <textarea id={id} name={input.name} rows={4} {...described}>
          {value}
        </textarea>
      ) : (
        <input
          type={input.kind === 'number' ? 'number' : 'text'}
          {...(input.kind === 'number' ? { step: 'any' } : {})}
          id={id}
          name={input.name}
          value={value}
          {...described}
        />
      )}
    </Field>
  );
};

const PluginSection = ({ chrome, plugin }: { chrome: NewsroomChrome; plugin: PluginListing }) => (
  <section class="nr-plugin" aria-labelledby={`plugin-${plugin.name}`}>
    <h2 id={`plugin-${plugin.name}`}>
      {plugin.name} <span class="nr-hint">version {plugin.version}</span>
    </h2>
    <dl class="nr-facts">
      <dt>Slots</dt>
      <dd>{listOr(plugin.slots)}</dd>
      <dt>Fields</dt>
      <dd>{listOr(plugin.fields.map((f) => `${f.label} (${f.name}, ${f.type})`))}</dd>
      <dt>Blocks</dt>
      <dd>{listOr(plugin.blocks)}</dd>
      <dt>Hooks</dt>
      <dd>{listOr(plugin.hooks)}</dd>
      <dt>Sources in reader pages' policy</dt>
      <dd>{listOr(plugin.csp)}</dd>
      <dt>Routes</dt>
      <dd>{plugin.routes ? `/plugins/${plugin.name}/` : 'none'}</dd>
    </dl>
    {plugin.form === null ? (
      <p>No settings.</p>
    ) : plugin.form.length === 0 ? (
      <p>Its settings have no field the newsroom can show; it uses its defaults.</p>
    ) : (
      <form method="post" action={`/newsroom/settings/plugins/${plugin.name}`} class="nr-form" novalidate>
        <Csrf token={chrome.csrfToken} />
        <FormError text={plugin.errors.form} />
        {plugin.form.map((input) => (
          <SettingField
            plugin={plugin.name}
            input={input}
            value={plugin.values[input.name] ?? ''}
            error={plugin.errors[input.name]}
          />
        ))}
        <button type="submit">Save {plugin.name} settings</button>
      </form>
    )}
  </section>
);

/** Newsroom → Settings → Plugins: every plugin the server loaded (DATELINE_PLUGINS), and their settings. */
export const PluginsPage = ({
  chrome,
  plugins,
  notice,
}: {
  chrome: NewsroomChrome;
  plugins: PluginListing[];
  notice?: string | undefined;
}) => (
  <NewsroomLayout chrome={chrome} title="Plugins">
    <h1>Plugins</h1>
    <p>
      <a href="/newsroom/settings">Site settings</a>. Plugins are listed in the server's DATELINE_PLUGINS and loaded
      when it starts; a saved setting reaches every page within a moment.
    </p>
    <Notice text={notice} />
    {plugins.length === 0 ? <p>No plugins are loaded.</p> : null}
    {plugins.map((plugin) => (
      <PluginSection chrome={chrome} plugin={plugin} />
    ))}
  </NewsroomLayout>
);
