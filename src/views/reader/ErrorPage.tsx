import { Layout, type PageChrome } from '../shared/Layout.js';

interface ErrorPageProps {
  chrome: PageChrome;
  status: number;
  title: string;
  message: string;
}

/** 404s, bad requests and the rare server error: always with the site's navigation, never a stack trace. */
export const ErrorPage = ({ chrome, status, title, message }: ErrorPageProps) => (
  <Layout chrome={chrome} title={`${title} | ${chrome.settings.publicationName}`} robots="noindex">
    <div class="error-page">
      <p class="error-status">Error {status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the home page</a>, or choose a section below.
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
