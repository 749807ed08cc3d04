import { ArticleTable, type ArticleRowView } from './ArticleTable.js';
import { NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';
import { SourceUpdatedBox, type SourceUpdatedRowView } from './SourceUpdatedBox.js';

export interface ReadingNow {
  headline: string;
  id: number;
  views: number;
  /** Views per hour over the last 24 hours, oldest first. */
  hourly: number[];
}

/** A 24-bar chart drawn with inline SVG: no script, no external library. */
const Sparkline = ({ values, label }: { values: number[]; label: string }) => {
  const max = Math.max(1, ...values);
  return (
    <svg
      class="nr-spark"
      viewBox={`0 0 ${values.length * 4} 20`}
      width={values.length * 4}
      height={20}
      role="img"
      aria-label={label}
    >
      {values.map((v, i) => (
        <rect x={i * 4} y={20 - (v / max) * 20} width={3} height={(v / max) * 20} />
      ))}
    </svg>
  );
};

export const DeskPage = ({
  chrome,
  review,
  scheduled,
  recent,
  reading,
  sourceUpdated = [],
}: {
  chrome: NewsroomChrome;
  review: ArticleRowView[];
  scheduled: ArticleRowView[];
  recent: ArticleRowView[];
  reading: ReadingNow[];
  /** Translations whose source had a significant update (issue 13); the box shows only when there are some. */
  sourceUpdated?: SourceUpdatedRowView[];
}) => (
  <NewsroomLayout chrome={chrome} title="Desk">
    <h1>Desk</h1>
    <div class="nr-desk">
      {sourceUpdated.length > 0 ? <SourceUpdatedBox rows={sourceUpdated} csrfToken={chrome.csrfToken} /> : null}
      <section aria-labelledby="in-review">
        <h2 id="in-review">In review</h2>
        <ArticleTable rows={review} empty="Nothing is waiting for review." />
      </section>
      <section aria-labelledby="scheduled">
        <h2 id="scheduled">Scheduled</h2>
        <ArticleTable rows={scheduled} empty="Nothing is scheduled." />
      </section>
      <section aria-labelledby="reading">
        <h2 id="reading">Reading now (24 hours)</h2>
        {reading.length === 0 ? (
          <p class="empty">No views counted in the last 24 hours.</p>
        ) : (
          <ol class="nr-reading">
            {reading.map((r) => (
              <li>
                <a href={`/newsroom/articles/${r.id}`}>{r.headline}</a> <span>{r.views} views</span>
                <Sparkline values={r.hourly} label={`Views per hour for ${r.headline}`} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">Recent changes</h2>
        <ArticleTable rows={recent} empty="No articles yet." />
      </section>
    </div>
  </NewsroomLayout>
);

export const NewsroomErrorPage = ({
  chrome,
  status,
  title,
  message,
}: {
  chrome: NewsroomChrome;
  status: number;
  title: string;
  message: string;
}) => (
  <NewsroomLayout chrome={chrome} title={title}>
    <p class="error-status">Error {status}</p>
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a href="/newsroom">Back to the desk</a>
    </p>
  </NewsroomLayout>
);

export interface ActivityRowView {
  when: string;
  by: string | null;
  did: string;
  articleId: number;
  headline: string;
}

/** Who did what, newest first: the newsroom's record of who published, scheduled, sent back or corrected. */
export const ActivityPage = ({ chrome, rows }: { chrome: NewsroomChrome; rows: ActivityRowView[] }) => (
  <NewsroomLayout chrome={chrome} title="Activity">
    <h1>Activity</h1>
    {rows.length === 0 ? (
      <p class="empty">Nothing has happened yet.</p>
    ) : (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Did</th>
            <th scope="col">Article</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td data-label="When">{r.when}</td>
              <td data-label="Who">{r.by ?? '—'}</td>
              <td data-label="Did">{r.did}</td>
              <td data-label="Article">
                <a href={`/newsroom/articles/${r.articleId}`}>{r.headline || 'Untitled'}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </NewsroomLayout>
);
