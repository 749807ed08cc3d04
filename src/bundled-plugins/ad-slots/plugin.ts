import { createAdSlotsPlugin } from './ad-slots-plugin.js';

/** `DATELINE_PLUGINS=dateline/plugins/consent,dateline/plugins/ad-slots` with DATELINE_AD_SCRIPT_URL set. */
export default createAdSlotsPlugin(process.env);
