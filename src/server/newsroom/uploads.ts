import formbody from '@fastify/formbody';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../storage/database.js';
import { ImageRejected, MAX_IMAGE_BYTES, storeImage } from '../../services/store-image.js';
import { multipartParser } from '../multipart-parser.js';

/** A file of a newsroom form, read into memory up to the image limit; a larger one is cut short and flagged. */
export interface Upload {
  bytes: Buffer;
  tooLarge: boolean;
  filename: string;
}

const isUpload = (v: unknown): v is Upload =>
  typeof v === 'object' && v !== null && 'bytes' in v && Buffer.isBuffer((v as { bytes: unknown }).bytes);

/** A form's file field in a route schema: an upload, or nothing (an empty file input sends no file). */
export const UploadField = z.custom<Upload>(isUpload, 'Send a file.').optional();

/** True when a file was chosen. */
export const hasFile = (upload: Upload | undefined): upload is Upload =>
  upload !== undefined && upload.bytes.byteLength > 0;

/**
 * The newsroom's body parsers: forms, and multipart forms that may carry a photo. They run only after the
 * onRequest guard has let a request in, so nothing from a signed-out or forged request is buffered here.
 */
export const registerFormParsers = async (scope: FastifyInstance): Promise<void> => {
  await scope.register(formbody, { bodyLimit: 1024 * 1024 });
  await scope.register(multipartParser, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES, files: 2, fields: 40, fieldSize: 1024 * 1024 },
    onFile: async (part: MultipartFile) => {
      const bytes = await part.toBuffer();
      const upload: Upload = { bytes, tooLarge: part.file.truncated, filename: part.filename };
      part.value = upload;
    },
  });
};

/** Stores an uploaded image; an over-size one is refused with the reason. */
export const storeUpload = async (db: Db, upload: Upload, now: Date): Promise<number> => {
  if (upload.tooLarge) throw new ImageRejected('the file is larger than 15 MB');
  return (await storeImage(db, upload.bytes, now)).mediaId;
};
