import type { LibraryImage } from '../../services/image-library.js';
import { NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';

/**
 * The image library without JavaScript: each image with the line that places it in a body, to copy into
 * the editor's textarea (the rich editor offers the same images in its Image dialog).
 */
export const MediaLibraryPage = ({
  chrome,
  images,
  page,
  hasOlder,
  formatTime,
}: {
  chrome: NewsroomChrome;
  images: LibraryImage[];
  page: number;
  hasOlder: boolean;
  formatTime: (at: Date) => string;
}) => (
  <NewsroomLayout chrome={chrome} title="Image library">
    <h1>Image library</h1>
    <p>
      To place an image in a body, copy its line into the body where it belongs and replace the words in brackets with
      what the image shows.
    </p>
    {images.length === 0 ? (
      <p class="empty">No images uploaded yet.</p>
    ) : (
      <ul class="nr-library">
        {images.map((m) => (
          <li>
            <img src={m.preview} alt="" width={200} height={Math.round((200 * m.height) / m.width)} />
            <p>
              <code>![Describe the image](media:{m.id})</code>
            </p>
            <p class="nr-hint">
              {m.width} × {m.height} · uploaded {formatTime(m.uploadedAt)}
            </p>
          </li>
        ))}
      </ul>
    )}
    {page > 1 || hasOlder ? (
      <nav aria-label="Pages" class="nr-pages">
        {page > 1 ? (
          <a href={page === 2 ? '/newsroom/media' : `/newsroom/media?page=${page - 1}`} rel="prev">
            Newer
          </a>
        ) : null}
        <span>Page {page}</span>
        {hasOlder ? (
          <a href={`/newsroom/media?page=${page + 1}`} rel="next">
            Older
          </a>
        ) : null}
      </nav>
    ) : null}
  </NewsroomLayout>
);
