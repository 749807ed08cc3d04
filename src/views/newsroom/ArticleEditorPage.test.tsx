import { describe, expect, it } from 'vitest';
import type { ArticleFormValues } from '../../services/article-form.js';
import { renderDocument } from '../render.js';
import { ArticleEditorPage, type ArticleEditorProps } from './ArticleEditorPage.js';

const values: ArticleFormValues = {
  headline: 'Harbour opens',
  standfirst: '',
  body: '',
  section: '',
  authors: '',
  tags: '',
  slug: '',
  seoDescription: '',
  photoMediaId: '',
  photoCaption: '',
  photoCredit: '',
  photoAlt: '',
  significant: '',
  scheduleAt: '',
  note: '',
  revision: '3',
};

const props: ArticleEditorProps = {
  chrome: {
    publicationName: 'Dateline News',
    cssHref: '/static/newsroom.css',
    account: null,
    csrfToken: 'token',
    siteZone: { timeZone: 'Asia/Tokyo', label: 'JST' },
  },
  articleId: 7,
  status: 'published',
  ownedByActor: false,
  role: 'editor',
  values,
  errors: {},
  sections: [],
  authors: [],
  timeZoneLabel: 'JST',
  reviewNote: null,
  publicPath: null,
  corrections: [{ id: 1, articleId: 7, kind: 'clarification', text: 'The quay is new.', createdAt: new Date(0) }],
  formatTime: (at) => at.toISOString(),
  autosaveMs: 2500,
};

describe('the article editor page', () => {
  it('tells the browser code how often to autosave, on the editor form', () => {
    expect(renderDocument(<ArticleEditorPage {...props} />)).toMatch(
      /<form [^>]*class="nr-form nr-editor"[^>]*data-autosave-ms="2500"/,
    );
  });

  it('names each correction by its kind', () => {
    expect(renderDocument(<ArticleEditorPage {...props} />)).toContain(
      '<li><strong>Clarification:</strong> The quay is new.</li>',
    );
  });
});
