import { readerLabels } from '../../domain/edition-labels.js';
import { editionWords } from '../shared/edition-chrome.js';
import { Layout, type PageChrome } from '../shared/Layout.js';
import { Themed } from '../shared/Themed.js';
import { ErrorBody } from './ErrorBody.js';

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
      <Themed
        name="ErrorPage"
        Default={ErrorBody}
        props={{
          status,
          heading,
          message: own ? labels.pageNotFoundMessage : message,
          home: words.home,
          nav: chrome.nav,
          labels,
        }}
      />
    </Layout>
  );
};
