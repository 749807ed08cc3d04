import { createConsentPlugin } from './consent-plugin.js';

/** `DATELINE_PLUGINS=dateline/plugins/consent`: the bundled consent plugin (docs/extending.md). */
export default createConsentPlugin();
