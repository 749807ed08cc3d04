import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { openSearchDescription, openSearchShortName, type OpenSearchSite } from './opensearch-description.js';

const site: OpenSearchSite = {
  publicationName: 'The Ledger',
  shortName: 'Ledger',
  tagline: 'News from the harbour',
  language: 'en',
  baseUrl: 'https://news.example',
  searchPath: '/search',
  descriptionPath: '/opensearch.xml',
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (n) => ['Url', 'Image'].includes(n),
});
const read = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).OpenSearchDescription as Record<string, unknown> & {
    Url: Record<string, string>[];
    Image: Record<string, string>[];
  };
};

describe('openSearchDescription', () => {
  it('describes the search page as an OpenSearch 1.1 engine taking UTF-8 terms', () => {
    const doc = read(openSearchDescription(site));
    expect(doc.xmlns).toBe('http://a9.com/-/spec/opensearch/1.1/');
    expect(doc.ShortName).toBe('The Ledger');
    expect(doc.Description).toBe('The Ledger: News from the harbour');
    expect(doc.InputEncoding).toBe('UTF-8');
    expect(doc.Language).toBe('en');
    expect(doc.Url).toEqual([
      { type: 'text/html', method: 'get', template: 'https://news.example/search?q={searchTerms}' },
      { type: 'application/opensearchdescription+xml', rel: 'self', template: 'https://news.example/opensearch.xml' },
    ]);
    expect(doc.Image.map((i) => [i['#text'], i.type, i.width, i.height])).toEqual([
      ['https://news.example/favicon.ico', 'image/x-icon', '16', '16'],
      ['https://news.example/icon-192.png', 'image/png', '192', '192'],
    ]);
  });

  it("points an edition's description at the edition's search", () => {
    const doc = read(
      openSearchDescription({
        ...site,
        publicationName: 'デイトライン新聞',
        tagline: '',
        language: 'ja',
        searchPath: '/ja/search',
        descriptionPath: '/ja/opensearch.xml',
      }),
    );
    expect(doc.ShortName).toBe('デイトライン新聞');
    expect(doc.Description).toBe('デイトライン新聞');
    expect(doc.Url[0]!.template).toBe('https://news.example/ja/search?q={searchTerms}');
    expect(doc.Url[1]!.template).toBe('https://news.example/ja/opensearch.xml');
  });

  it('escapes names that hold markup and drops what XML cannot carry, staying well-formed', () => {
    const xml = openSearchDescription({ ...site, publicationName: 'A & B <News>', tagline: '"Quotes"\u0001' });
    expect(xml).toContain('<ShortName>A &amp; B &lt;News&gt;</ShortName>');
    const doc = read(xml);
    expect(doc.ShortName).toBe('A & B <News>');
    expect(doc.Description).toBe('A & B <News>: "Quotes"');
  });
});

describe('openSearchShortName', () => {
  it('takes the short name when the publication name is over 16 characters', () => {
    expect(openSearchShortName({ publicationName: 'The Harbour Town Evening Ledger', shortName: 'HT Ledger' })).toBe(
      'HT Ledger',
    );
  });

  it('cuts a short name over 16 characters, without splitting a character', () => {
    expect(
      openSearchShortName({ publicationName: 'The Harbour Town Evening Ledger', shortName: 'Harbour Town 😀 Ledger' }),
    ).toBe('Harbour Town 😀 L');
    expect([...openSearchShortName({ publicationName: 'x'.repeat(40), shortName: '😀'.repeat(20) })]).toHaveLength(16);
  });
});
