import { seedDemoContent } from '../../../src/services/seed-demo.js';
import type { Db } from '../../../src/storage/database.js';
import { demoSeedOptions } from '../../support/demo-photos.js';

/** A demo article with a photo, two bylines' worth of profile, tags and a subsection: the richest page there is. */
export const RICHEST_DEMO_HEADLINE = 'Defense Ministry to Form Joint Unit Watching Waters Around Southwestern Islands';

/** The demo newspaper, as a new site starts with it; answers the id of its richest article (the one tests open). */
export const loadDemoSite = async (db: Db): Promise<number> => {
  await seedDemoContent(db, new Date(), demoSeedOptions);
  const row = await db
    .selectFrom('article')
    .select('id')
    .where('headline', '=', RICHEST_DEMO_HEADLINE)
    .executeTakeFirstOrThrow();
  return row.id;
};
