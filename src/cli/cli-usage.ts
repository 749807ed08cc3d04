// The help texts of the commands whose code loads only when they run (dateline.ts imports them with import()): kept
// apart so that `dateline help`, a usage error and every `serve` do not evaluate the importers and the site
// archive's modules to print or hold a few lines (docs/architecture/0030-cold-start-and-memory.md).

export const IMPORT_WORDPRESS_USAGE = `  import wordpress FILE.xml [options]
                                 import a WordPress export (Tools → Export, WXR): posts, pages, authors,
                                 categories, tags, images; old addresses answer 301; run again to update
                                 (--uploads: a copy of wp-content/uploads)`;

export const IMPORT_GHOST_USAGE = `  import ghost FILE.json [options]
                                 import a Ghost export (Settings → Advanced → Import/Export, Ghost 4 to 6):
                                 posts, pages, tags, authors (profiles, never logins), images; members-only
                                 and paid posts become drafts; old addresses answer 301; run again to update
                                 (--uploads: a copy of content/images)
      --url URL                  (ghost) the old site's address, to fetch images the export gives as paths`;

/** The options every importer takes (import-command.ts). */
export const IMPORT_OPTIONS_USAGE = `      --uploads DIR              read images from a local copy of the old site's image folder
      --no-media                 import no images
      --edition LANG             import into the edition in that language
      --dry-run                  say what would change, write nothing
      --json                     print the report as JSON`;

/** `dateline import wordpress|ghost|site …`: the help of the two content importers. */
export const IMPORT_USAGE = `${IMPORT_WORDPRESS_USAGE}
${IMPORT_GHOST_USAGE}
${IMPORT_OPTIONS_USAGE}`;

export const SITE_ARCHIVE_USAGE = `  export --out FILE              the whole site as one archive, from one snapshot, while it serves
  import site FILE               load such an archive into an empty database (checked whole first)`;
