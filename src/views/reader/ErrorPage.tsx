import { readerLabels } from '../../domain/edition-labels.js';
import { editionWords } from '../shared/edition-chrome.js';
import { Layout, type PageChrome } from '../shared/Layout.js';

interface ErrorPageProps {
  chrome: PageChrome;
  status: number;
  title: string;
  message: string;
}

const readerLabelsEn = readerLabels('en');

/** 404s, bad requests and the rare server error: always with the site's navigation, never a stack trace. */
export const ErrorPage = ({ chrome, status, title, message }: ErrorPageProps) => {
  const words = editionWords(chrome);
  const { labels } = words;
  // Our errors' titles and messages are English; an edition in another language says "not found" in its own.
  const own = chrome.labels !== undefined && status === 404 && labels !== readerLabelsEn;
  const heading = own ? labels.pageNotFound : title;
  return (
    <Layout
      page={{ kind: 'error' }}
      chrome={chrome}
      title={`${heading} | ${chrome.settings.publicationName}`}
      robots="noindex"
    >
      <div class="error-page">
        <p class="error-status">{labels.errorStatus(status)}</p>
        <h1>{heading}</h1>
        <p>{own ? labels.pageNotFoundMessage : message}</p>
        <p>
          <a href={words.home}>{labels.goHome}</a>
          {labels.orChooseSection}
        </p>
        <ul class="error-sections">
          {chrome.nav.map((item) => (
            <li>
              <a href={item.path}>{item.name}</a>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
};
