import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parsePageNumber } from '../../domain/reader-path.js';
import { imageLibraryPage, previewUrls } from '../../services/image-library.js';
import { ImageRejected } from '../../services/store-image.js';
import { MediaLibraryPage } from '../../views/newsroom/MediaLibraryPage.js';
import { HttpError, invalidPageNumber } from '../errors.js';
import { formBody, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, siteTimeFormat, wantsJson } from './request-context.js';
import { hasFile, storeUpload, UploadField } from './uploads.js';

const LIBRARY_PAGE_SIZE = 24;
const USES_IMAGES = { access: { may: 'article.create' as const } };
const noFile = () => new HttpError(400, 'no_file', 'No file', 'Choose an image file.');

/** The image library: a page for people (without JavaScript), JSON for the rich editor's Image dialog. */
export const registerNewsroomMediaRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  app.get(
    '/media',
    { config: USES_IMAGES, schema: { querystring: z.object({ page: z.string().optional() }) } },
    async (req, reply) => {
      const page = parsePageNumber(req.query.page);
      if (page === 'invalid') throw invalidPageNumber();
      const library = await imageLibraryPage(deps.db, page, LIBRARY_PAGE_SIZE);
      if (wantsJson(req)) return reply.send({ images: library.images, hasOlder: library.hasOlder });
      return sendPage(
        reply,
        200,
        <MediaLibraryPage
          chrome={chromeOf(deps, req, reply)}
          images={library.images}
          page={page}
          hasOlder={library.hasOlder}
          formatTime={siteTimeFormat(deps)}
        />,
      );
    },
  );

  /** The rich editor's Image button: stores one image and answers with its id and a preview address. */
  app.post(
    '/media',
    { config: { ...USES_IMAGES, jsonOnly: true }, schema: { body: formBody({ file: UploadField }) } },
    async (req, reply) => {
      const { file } = req.body;
      if (!hasFile(file)) throw noFile();
      try {
        const mediaId = await storeUpload(deps.db, file, deps.clock());
        return reply.send({ id: mediaId, preview: (await previewUrls(deps.db, [mediaId])).get(mediaId) });
      } catch (error) {
        if (!(error instanceof ImageRejected) || !file.tooLarge) throw error;
        throw new HttpError(413, 'image_rejected', 'Image too large', `The image was not accepted: ${error.message}.`);
      }
    },
  );
};
