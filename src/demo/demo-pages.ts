import type { Block, Inline } from '../domain/body.js';
import { paragraph } from '../domain/body.js';

/**
 * The demo newspaper's own pages, written for the demo: who it is, how to reach it, what it does with readers'
 * data, how it corrects itself. The newsroom, its addresses and its people are as invented as its news.
 */
export interface DemoPage {
  slug: string;
  title: string;
  body: Block[];
}

const t = (text: string): Inline => ({ text });
const link = (text: string, href: string): Inline => ({ text, marks: [{ type: 'link', href }] });
const strong = (text: string): Inline => ({ text, marks: [{ type: 'strong' }] });
const rich = (...content: Inline[]): Block => ({ type: 'paragraph', content });
const heading = (text: string): Block => ({ type: 'heading', level: 2, content: [t(text)] });
const list = (...items: Inline[][]): Block => ({ type: 'list', ordered: false, items });

/** In footer order. */
export const DEMO_PAGES: DemoPage[] = [
  {
    slug: 'about',
    title: 'About Dateline News',
    body: [
      paragraph(
        'Dateline News is an English-language daily written in Tokyo for people who live in Japan, who do business ' +
          'with it, or who simply follow it from afar. We publish around the clock, seven days a week.',
      ),
      paragraph(
        'Our reporters cover politics, the economy, business, technology, science, sport and culture, with a ' +
          'particular eye on the regions outside the capital that national coverage tends to pass by.',
      ),
      heading('What we stand for'),
      list(
        [t('Facts first: we say how we know what we report, and name our sources wherever we can.')],
        [t('Fairness: people we write about are given the chance to answer before we publish.')],
        [t('Independence: advertisers and owners have no say in what our newsroom covers.')],
        [t('Openness about mistakes: every correction is listed on the article and on our corrections page.')],
      ),
      heading('Who we are'),
      paragraph(
        'The newsroom is a team of some forty journalists, editors and photographers, most of them based in our ' +
          'Tokyo office and a handful in Osaka, Sapporo and Fukuoka.',
      ),
      rich(t('Questions, tips and complaints are welcome: see '), link('how to contact us', '/contact/'), t('.')),
    ],
  },
  {
    slug: 'contact',
    title: 'Contact us',
    body: [
      paragraph('We read everything readers send us, though we cannot always answer each message in person.'),
      heading('The newsroom'),
      list(
        [strong('News tips: '), link('tips@dateline.example', 'mailto:tips@dateline.example')],
        [strong('Letters to the editor: '), link('letters@dateline.example', 'mailto:letters@dateline.example')],
        [strong('Corrections: '), link('corrections@dateline.example', 'mailto:corrections@dateline.example')],
      ),
      paragraph(
        'If you have sensitive information, tell us first how you would like to be reached, and we will suggest a ' +
          'safer way to talk.',
      ),
      heading('Everything else'),
      list(
        [strong('Advertising: '), link('ads@dateline.example', 'mailto:ads@dateline.example')],
        [strong('Reprints and licensing: '), link('rights@dateline.example', 'mailto:rights@dateline.example')],
      ),
      paragraph('Our office is in Chiyoda, Tokyo. Visits are by appointment only.'),
    ],
  },
  {
    slug: 'privacy',
    title: 'Privacy',
    body: [
      paragraph(
        'You can read Dateline News without an account, and we keep what we learn about readers to the minimum ' +
          'it takes to run the site.',
      ),
      heading('What we collect'),
      list(
        [
          t(
            'A count of how often each article is read, to build our most-read lists. It is not tied to a name or ' +
              'an account.',
          ),
        ],
        [t('The ordinary records any web server keeps, for a short time, to keep the site safe and working.')],
        [t('What you choose to send us, such as an email to the newsroom.')],
      ),
      heading('What we do not do'),
      list(
        [t('We do not run third-party trackers or advertising scripts on our pages.')],
        [t('We do not sell or share information about our readers.')],
        [t('Our share links are plain links: nothing is sent to a social network unless you follow one.')],
      ),
      heading('Your choices'),
      rich(
        t('To ask what we hold about you, or to have it removed, write to '),
        link('privacy@dateline.example', 'mailto:privacy@dateline.example'),
        t('. We answer within thirty days.'),
      ),
    ],
  },
  {
    slug: 'corrections-policy',
    title: 'Corrections policy',
    body: [
      paragraph('We work hard to get things right, and when we get something wrong we say so, plainly and promptly.'),
      heading('How we correct'),
      list(
        [
          strong('Corrections '),
          t('fix a factual error. The article is changed and a note says what was wrong and when it was fixed.'),
        ],
        [strong('Clarifications '), t('add context when an article was accurate but could be misread.')],
        [strong("Editor's notes "), t('explain a larger problem, such as a source that turned out to be unreliable.')],
      ),
      paragraph(
        'We do not quietly rewrite published articles to hide a mistake, and we do not remove articles because ' +
          'someone finds them unwelcome.',
      ),
      heading('Where to find them'),
      rich(
        t('Every note appears at the foot of its article and on our '),
        link('corrections page', '/corrections/'),
        t(', newest first.'),
      ),
      rich(
        t('Seen something wrong? Write to '),
        link('corrections@dateline.example', 'mailto:corrections@dateline.example'),
        t(' with the article and what needs fixing.'),
      ),
    ],
  },
];
