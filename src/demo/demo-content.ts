import type { Block, Body, Inline } from '../domain/body.js';
import { paragraph } from '../domain/body.js';

/**
 * The demo content loaded on first start: a fictional Tokyo-based English-language daily.
 * Every event, person, company, team and quotation below is invented for the demo; only
 * place names are real.
 */

export interface DemoSection {
  slug: string;
  name: string;
  subsections?: { slug: string; name: string }[];
}

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
}

export type IllustrationScene =
  | 'skyline'
  | 'harbour'
  | 'mountains'
  | 'chart'
  | 'stadium'
  | 'rice-field'
  | 'train'
  | 'parliament'
  | 'laboratory'
  | 'festival';

export interface DemoArticle {
  /** Stable unique kebab-case key, also used as the article slug. */
  key: string;
  /** A DemoSection slug. */
  section: string;
  /** Optional subsection slug of that section. */
  subsection?: string;
  headline: string;
  /** One-sentence summary. */
  standfirst: string;
  /** DemoAuthor slugs, in byline order (0-3 authors). */
  authors: string[];
  tags: string[];
  /** Published this many hours before the moment the demo is loaded. */
  hoursAgo: number;
  /** A significant update, fewer hours ago than hoursAgo. */
  updatedHoursAgo?: number;
  photo?: { scene: IllustrationScene; caption: string; credit: string; alt: string };
  /** Editor-pinned into its section's "Top Articles" box. */
  pinned?: boolean;
  /** Position on the home page's top stories (1 = lead). */
  topStory?: number;
  body: Body;
}

export const DEMO_PUBLICATION = { name: 'Dateline News', shortName: 'DN' } as const;

export const DEMO_SECTIONS: DemoSection[] = [
  {
    slug: 'politics',
    name: 'Politics',
    subsections: [
      { slug: 'defense-security', name: 'Defense & Security' },
      { slug: 'diplomacy', name: 'Diplomacy' },
    ],
  },
  { slug: 'business', name: 'Business' },
  { slug: 'society', name: 'Society' },
  { slug: 'science-nature', name: 'Science & Nature' },
  { slug: 'sports', name: 'Sports' },
  { slug: 'culture', name: 'Culture' },
  { slug: 'world', name: 'World' },
];

export const DEMO_AUTHORS: DemoAuthor[] = [
  {
    slug: 'haruka-tanimoto',
    name: 'Haruka Tanimoto',
    bio: "Haruka Tanimoto covers national politics and the prime minister's office from the Tokyo desk. She previously reported from Osaka and Sendai.",
  },
  {
    slug: 'kenji-moriyasu',
    name: 'Kenji Moriyasu',
    bio: 'Kenji Moriyasu writes about defense and security policy. He has reported from Okinawa and spent three years as a correspondent in Washington.',
  },
  {
    slug: 'elena-fairbanks',
    name: 'Elena Fairbanks',
    bio: 'Elena Fairbanks is the business editor, following markets, trade and corporate Japan. She joined the paper after a decade at financial newswires.',
  },
  {
    slug: 'daisuke-ohara',
    name: 'Daisuke Ohara',
    bio: 'Daisuke Ohara is the science and environment correspondent. He trained as a marine biologist before turning to journalism.',
  },
  {
    slug: 'mio-kawabe',
    name: 'Mio Kawabe',
    bio: 'Mio Kawabe covers baseball, sumo and winter sports, and has written about every Summer and Winter Games since she joined the sports desk.',
  },
  {
    slug: 'naomi-whitfield',
    name: 'Naomi Whitfield',
    bio: 'Naomi Whitfield writes about society and the arts, from rural depopulation to the Tokyo stage. She has lived in Japan for 15 years.',
  },
  {
    slug: 'ryo-ishizuka',
    name: 'Ryo Ishizuka',
    bio: 'Ryo Ishizuka is the world affairs correspondent, focusing on Southeast Asia and the Pacific. He is based in Tokyo and travels widely in the region.',
  },
];

// ---------------------------------------------------------------------------------------------
// Small builders for the richer blocks; most paragraphs are plain `paragraph(text)`.

const t = (text: string): Inline => ({ text });
const em = (text: string): Inline => ({ text, marks: [{ type: 'em' }] });
const strong = (text: string): Inline => ({ text, marks: [{ type: 'strong' }] });
const link = (text: string, href: string): Inline => ({ text, marks: [{ type: 'link', href }] });
const rich = (...content: Inline[]): Block => ({ type: 'paragraph', content });
const heading = (text: string, level: 2 | 3 = 2): Block => ({ type: 'heading', level, content: [t(text)] });
const quote = (text: string, cite: string): Block => ({ type: 'quote', content: [t(text)], cite });
const list = (ordered: boolean, items: string[]): Block => ({ type: 'list', ordered, items: items.map((i) => [t(i)]) });
const embed = (url: string, title: string): Block => ({ type: 'embed', url, title });
const paras = (...texts: string[]): Block[] => texts.map(paragraph);

const CREDIT = 'Illustration: Dateline News';

export const DEMO_ARTICLES: DemoArticle[] = [
  // -------------------------------------------------------------------------------------------
  // Politics
  {
    key: 'defense-ministry-joint-unit-southwestern-islands',
    section: 'politics',
    subsection: 'defense-security',
    headline: 'Defense Ministry to Form Joint Unit Watching Waters Around Southwestern Islands',
    standfirst:
      'The new unit would bring ground, maritime and air personnel under a single command to track ships and aircraft near the Nansei island chain, officials said.',
    authors: ['kenji-moriyasu'],
    tags: ['defense', 'self-defense forces', 'okinawa', 'budget'],
    hoursAgo: 3,
    photo: {
      scene: 'harbour',
      caption: 'Patrol vessels and cargo ships share a port in the southwestern island chain.',
      credit: CREDIT,
      alt: 'Flat illustration of a harbour with cranes on the quay and a container ship on calm water.',
    },
    pinned: true,
    topStory: 1,
    body: paras(
      `The Defense Ministry plans to set up a joint surveillance unit next fiscal year that will monitor ships and aircraft around Japan's southwestern islands from a single command post, according to government officials. The unit, expected to number about 700 personnel, would draw staff from the Ground, Maritime and Air Self-Defense Forces. The ministry intends to include the related costs in its budget request due at the end of August.`,
      `Officials said the move is meant to close gaps that arise when each service tracks activity with its own radar and reporting lines. Under the current arrangement, information gathered at an air defense radar site can pass through several offices before it reaches a destroyer operating in the same waters. A senior ministry official said the new structure would let commanders "look at one picture instead of three."`,
      `The unit is to be headquartered at an existing base on the main island of Okinawa, with smaller detachments on outlying islands. The ministry is also considering sending additional mobile radar vehicles and long-endurance drones to the detachments, according to people familiar with the plan. Final locations will be decided after consultations with local governments.`,
      `Defense Minister Tetsuo Kamishiro told reporters on Tuesday that the security environment around the islands had "changed in both speed and scale." He declined to discuss specific figures but said the government would explain the plan carefully to residents. "Their understanding is the foundation of any deployment," Kamishiro said.`,
      `The plan follows a rise in the number of times fighter jets were scrambled in the region over the past year, according to ministry data. Foreign survey vessels and naval ships have also been observed more often in nearby waters, officials said. The ministry did not identify any country by name in its briefing.`,
      `Some local leaders have voiced unease about the growing military presence. The mayor of one island town said residents wanted clear evacuation plans before any new facilities were built. "We are not against defense, but we need to know what happens to our families in an emergency," the mayor said in a statement.`,
      `The ruling coalition is expected to back the proposal, though some lawmakers have asked how the ministry will find enough personnel as the pool of young applicants shrinks. Recruitment has fallen short of targets in recent years. Ministry officials said the unit would rely partly on reservists and civilian analysts.`,
      `The government aims to have the unit fully operational by the end of fiscal 2027. Officials said they would also seek closer data-sharing with allied forces in the area. A formal decision is expected when the Cabinet approves the budget request later this year.`,
    ),
  },
  {
    key: 'opposition-presses-government-childcare-funding',
    section: 'politics',
    headline: 'Opposition Presses Government Over Childcare Funding Gap in Upper House Debate',
    standfirst:
      'Lawmakers questioned how the government will pay for expanded child allowances without what they called a hidden tax on paychecks.',
    authors: ['haruka-tanimoto'],
    tags: ['diet', 'childcare', 'budget', 'opposition'],
    hoursAgo: 9,
    updatedHoursAgo: 6,
    photo: {
      scene: 'parliament',
      caption: 'Lawmakers debated the childcare financing plan for more than four hours on Wednesday.',
      credit: CREDIT,
      alt: 'Flat illustration of a stone parliament building with a central stepped tower, lawns and trees.',
    },
    topStory: 4,
    body: paras(
      `Opposition lawmakers on Wednesday pressed the government to explain how it would fund a planned expansion of child allowances, arguing that the financing plan leaves a shortfall of several hundred billion yen. The exchange came during a session of the House of Councillors budget committee that ran more than an hour past schedule.`,
      `"The numbers do not add up, and families deserve to know who will pay," said Mariko Shinjo, a lawmaker from the largest opposition party. She cited a committee estimate showing that planned spending cuts would cover only part of the cost.`,
      `Finance Minister Hideaki Unno said the government would close the gap through administrative savings and a new support levy collected alongside health insurance premiums. He said the levy would average a few hundred yen per person per month and insisted it was not a tax increase.`,
      `Opposition parties rejected that description. "If it comes out of every paycheck, people will call it a tax, whatever name the government gives it," another opposition member said during the session.`,
      `The expanded allowances are scheduled to begin in October. The ruling bloc holds majorities in both chambers, and the related bills are expected to pass before the Diet session closes next month, according to parliamentary officials.`,
      `Late Wednesday, committee directors from the ruling and opposition camps agreed to hold an additional hearing next week at which childcare providers and local government officials will testify.`,
    ),
  },
  {
    key: 'foreign-minister-southeast-asia-tour-ports-power',
    section: 'politics',
    subsection: 'diplomacy',
    headline: 'Foreign Minister Begins Southeast Asia Tour Focused on Ports and Power Grids',
    standfirst:
      'The four-nation trip is aimed at expanding infrastructure financing and coordinating maritime policy with partners in the region.',
    authors: ['ryo-ishizuka', 'kenji-moriyasu'],
    tags: ['diplomacy', 'southeast asia', 'infrastructure'],
    hoursAgo: 20,
    photo: {
      scene: 'skyline',
      caption: 'The foreign minister is due to visit four capitals in six days.',
      credit: CREDIT,
      alt: 'Flat illustration of a city skyline beside a river, with lit windows in the towers.',
    },
    body: paras(
      `Foreign Minister Naoko Higure left Tokyo on Thursday for a six-day visit to Vietnam, Indonesia, Malaysia and the Philippines, with talks expected to center on port upgrades, electricity networks and maritime cooperation. It is her first trip to the region since taking office in the spring.`,
      `Foreign Ministry officials said Higure would present a package of yen loans and technical assistance for projects to modernize container terminals and link national power grids across borders. The package is designed to be "practical and visible to ordinary people," one official said.`,
      `In Jakarta, Higure is scheduled to hold talks with her Indonesian counterpart on coast guard training and the joint development of facilities to maintain patrol boats. Similar discussions are planned in Manila, according to the ministry.`,
      `Japan has sought to deepen ties with Southeast Asian nations as competition for influence in the region intensifies. Diplomats say infrastructure offers a way to build relationships that outlast changes of government.`,
      `Higure is also expected to meet business leaders in Kuala Lumpur to discuss semiconductor supply chains. Several Japanese electronics makers have expanded production in Malaysia in recent years.`,
      `Speaking to reporters at Haneda Airport before her departure, Higure said she intended to "listen first and offer second." She is due back in Tokyo on Wednesday.`,
    ),
  },
  {
    key: 'cabinet-approval-slips-poll-prices',
    section: 'politics',
    headline: 'Cabinet Approval Slips to 34 Percent as Voters Cite Rising Prices, Poll Finds',
    standfirst:
      'A Dateline News survey found support for the Cabinet down four points from last month, its lowest level so far.',
    authors: ['haruka-tanimoto'],
    tags: ['opinion poll', 'cabinet', 'prices'],
    hoursAgo: 31,
    photo: {
      scene: 'chart',
      caption: 'Cabinet support has declined in each of the past three monthly surveys.',
      credit: CREDIT,
      alt: 'Flat illustration of dashboard cards with a bar chart, a line graph and a donut chart.',
    },
    pinned: true,
    body: [
      paragraph(
        `Support for the Cabinet fell to 34 percent in the latest Dateline News nationwide survey, down four percentage points from last month and the lowest level since the government took office. The disapproval rate rose to 51 percent.`,
      ),
      paragraph(
        `Among respondents who said they did not support the Cabinet, the most common reason was dissatisfaction with its economic policies. Many cited food and energy prices, which have risen faster than wages for much of the past two years.`,
      ),
      paragraph(
        `Asked which issues the government should prioritize, respondents gave the following answers, with multiple answers allowed:`,
      ),
      list(false, [
        'Prices and the cost of living: 62 percent',
        'Pensions and social security: 48 percent',
        'Childcare and the declining birthrate: 35 percent',
        'Diplomacy and national security: 27 percent',
        'Disaster preparedness: 19 percent',
      ]),
      rich(
        t(
          'Support for the main ruling party stood at 29 percent, while the largest opposition party was backed by 9 percent. Respondents who said they supported no party accounted for ',
        ),
        strong('41 percent'),
        t(', the highest share this year.'),
      ),
      rich(
        t('A senior ruling party lawmaker called the result '),
        em('a warning we cannot afford to ignore'),
        t(' and urged the government to bring forward an economic package before the summer.'),
      ),
      paragraph(
        `The survey was conducted over the weekend by telephone and online among voters aged 18 and over. Valid responses were received from 1,126 people.`,
      ),
    ],
  },
  {
    key: 'sdf-cyber-recruitment-mid-career',
    section: 'politics',
    subsection: 'defense-security',
    headline: 'Self-Defense Forces Widen Cyber Recruitment to Mid-Career Applicants Up to Age 45',
    standfirst:
      'The Defense Ministry is raising its age cap by more than a decade to fill specialist posts in network security.',
    authors: ['kenji-moriyasu'],
    tags: ['defense', 'cybersecurity', 'recruitment'],
    hoursAgo: 55,
    body: paras(
      `The Defense Ministry will accept mid-career applicants up to age 45 for cyber defense posts starting next spring, raising the previous cap by more than a decade as it struggles to fill specialist roles, ministry officials said Monday.`,
      `Successful applicants with private-sector experience in network security could enter at ranks equivalent to mid-level officers, with salaries adjusted to reflect their skills. The ministry will also allow some of them to work partly from home on tasks that do not involve classified systems.`,
      `The Self-Defense Forces aim to expand their cyber personnel substantially within five years, according to the ministry. Officials acknowledged that competition with technology companies for qualified engineers was fierce.`,
      `"We cannot win on salary alone, so we will offer missions no company can," said a senior official in charge of personnel. The ministry plans to hold recruitment events in Tokyo, Osaka and Fukuoka this summer.`,
    ),
  },
  {
    key: 'japan-canada-fisheries-data-north-pacific',
    section: 'politics',
    subsection: 'diplomacy',
    headline: 'Japan and Canada Agree to Share Fisheries Data to Curb Illegal Catches in North Pacific',
    standfirst:
      'The two governments will exchange satellite and vessel-tracking information on boats that go dark at sea.',
    authors: ['ryo-ishizuka'],
    tags: ['diplomacy', 'fisheries', 'canada', 'hokkaido'],
    hoursAgo: 98,
    body: paras(
      `Japan and Canada agreed on Friday to share satellite and vessel-tracking data to help detect illegal fishing in the North Pacific, according to a joint statement released after talks between senior officials in Ottawa.`,
      `Under the arrangement, fisheries authorities in both countries will exchange information on suspicious vessels that switch off their location transponders for long periods. The two sides will also hold joint training for inspectors who board ships at sea.`,
      `Catches of several migratory species have declined in recent years, hurting fishing communities in Hokkaido and the Tohoku region. Industry groups in Japan have long argued that unreported catches on the high seas make the problem worse.`,
      `A Japanese official involved in the talks described the agreement as "modest in cost but large in effect." The two governments plan to review the arrangement after two years.`,
    ),
  },
  {
    key: 'lower-house-panel-online-local-assemblies',
    section: 'politics',
    headline: 'Lower House Panel Approves Bill Allowing Local Assemblies to Meet Online',
    standfirst:
      'Supporters say remote votes could help small towns that struggle to find candidates for their councils.',
    authors: ['haruka-tanimoto'],
    tags: ['diet', 'local government', 'depopulation'],
    hoursAgo: 140,
    photo: {
      scene: 'parliament',
      caption: 'The bill would let each assembly decide by ordinance whether to allow remote votes.',
      credit: CREDIT,
      alt: 'Flat illustration of a government building with columns and a tower behind a tree-lined forecourt.',
    },
    body: paras(
      `A House of Representatives committee on Tuesday approved a bill that would allow prefectural and municipal assemblies to hold plenary sessions online, a change supporters say could help small towns that struggle to find candidates.`,
      `Under current rules, assembly members may take part in some committee meetings remotely, but votes in plenary sessions require them to be present in the chamber. The bill would let each assembly decide by ordinance whether to permit remote participation in plenary votes.`,
      `Advocates argue the change would make it easier for people with young children, jobs in other cities or disabilities to serve as local lawmakers. In a number of rural towns, recent elections went uncontested because not enough candidates came forward.`,
      `Critics have raised concerns about security and transparency, saying it may be harder for residents to follow debates and for assemblies to confirm that members are voting free of outside pressure. The bill requires assemblies that adopt online sessions to stream them publicly.`,
      `The bill is expected to clear the full lower house this week and be sent to the upper house.`,
    ),
  },

  // -------------------------------------------------------------------------------------------
  // Business
  {
    key: 'kanade-semiconductor-hokkaido-wafer-plant',
    section: 'business',
    headline: 'Kanade Semiconductor to Invest 480 Billion Yen in New Wafer Plant in Hokkaido',
    standfirst:
      'The chipmaker expects to hire about 1,200 people at the Tomakomai site, which will make power semiconductors from 2028.',
    authors: ['elena-fairbanks', 'daisuke-ohara', 'haruka-tanimoto'],
    tags: ['semiconductors', 'hokkaido', 'investment', 'kanade semiconductor'],
    hoursAgo: 6,
    photo: {
      scene: 'laboratory',
      caption: 'Kanade Semiconductor plans to relocate engineers from its existing plants in Kyushu.',
      credit: CREDIT,
      alt: 'Flat illustration of a laboratory bench with flasks, test tubes and a molecule diagram on the wall.',
    },
    pinned: true,
    topStory: 3,
    body: paras(
      `Kanade Semiconductor Corp. will invest 480 billion yen to build a chip wafer plant in Tomakomai, Hokkaido, the company said Thursday, in one of the largest private manufacturing investments in the prefecture in decades.`,
      `The plant, scheduled to begin operations in 2028, will produce power semiconductors used in electric vehicles, railway systems and renewable energy equipment. Kanade said it expects to hire about 1,200 people, including engineers relocated from its existing plants in Kyushu.`,
      `"Hokkaido offers clean power, land and water, and a workforce that wants to stay close to home," President Kazuhiro Amagi said at a news conference in Sapporo. He said the company chose the site partly because of plans to expand wind power generation along the coast.`,
      `The government is expected to cover up to a third of the cost through subsidies aimed at strengthening domestic chip supply, according to people familiar with the matter. The Economy, Trade and Industry Ministry declined to comment on the amount.`,
      `Local officials welcomed the announcement but acknowledged concerns over housing and water use. The city plans to set up a task force with the company to deal with traffic and accommodation for construction workers.`,
      `Kanade shares rose 6.2 percent in Tokyo trading after the announcement.`,
    ),
  },
  {
    key: 'tokyo-stocks-close-higher-weak-yen-exporters',
    section: 'business',
    headline: 'Tokyo Stocks Close Higher as Weaker Yen Lifts Exporters and Chip Shares',
    standfirst: 'Automakers led the gains, while retailers fell on worries that import costs would squeeze margins.',
    authors: ['elena-fairbanks'],
    tags: ['markets', 'stocks', 'yen'],
    hoursAgo: 4,
    photo: {
      scene: 'chart',
      caption: 'Advancing issues outnumbered decliners by roughly two to one.',
      credit: CREDIT,
      alt: 'Flat illustration of financial charts on white cards against a soft coloured background.',
    },
    body: paras(
      `Tokyo stocks ended higher on Thursday as a weaker yen boosted shares of automakers and other exporters, while chip-related issues extended gains following a rally in overseas markets.`,
      `The benchmark index rose 1.1 percent, with advancing issues outnumbering decliners by roughly two to one on the main board. Trading volume was slightly above the recent average.`,
      `The dollar traded in the upper 150-yen range in the afternoon, as investors bet that the gap between Japanese and U.S. interest rates would persist for some time. A weaker yen raises the value of overseas earnings when they are converted back into yen.`,
      `Among individual stocks, Kanade Semiconductor jumped after announcing a large investment in Hokkaido, while shares of some retailers fell. "The market is rewarding companies that earn abroad and punishing those that buy abroad," said a strategist at a Tokyo-based brokerage.`,
    ),
  },
  {
    key: 'harukaze-logistics-overnight-freight-trains',
    section: 'business',
    headline: 'Harukaze Logistics Turns to Overnight Freight Trains as Truck Driver Shortage Bites',
    standfirst:
      'The parcel carrier will shift part of its long-distance cargo to rail, keeping trucks for the first and last legs.',
    authors: ['elena-fairbanks', 'naomi-whitfield'],
    tags: ['logistics', 'rail', 'labor shortage', 'harukaze logistics'],
    hoursAgo: 27,
    updatedHoursAgo: 20,
    photo: {
      scene: 'train',
      caption: 'Harukaze plans to move about 15 percent of its Tokyo-Osaka cargo onto rail.',
      credit: CREDIT,
      alt: 'Flat illustration of a streamlined train on a viaduct with a snow-capped mountain behind.',
    },
    body: [
      paragraph(
        `Harukaze Logistics Co. will shift a portion of its long-distance parcel traffic from trucks to overnight freight trains, the company said Wednesday, as limits on drivers' overtime and a shrinking workforce make it harder to move goods across the country.`,
      ),
      paragraph(
        `The Nagoya-based carrier said it would begin by moving about 15 percent of its cargo between the Tokyo and Osaka areas onto rail. Trucks will continue to handle the first and last legs of each delivery.`,
      ),
      paragraph(`The company outlined the shift in three phases:`),
      list(true, [
        'Rail containers on the Tokyo-Osaka corridor from this autumn',
        'Expansion to routes linking the Kanto region with Kyushu and Tohoku next year',
        'A dedicated rail-to-truck transfer terminal near Nagoya by fiscal 2028',
      ]),
      paragraph(
        `Overtime caps for truck drivers have forced the logistics industry to rethink how it moves freight over long distances. Industry groups have warned that without changes, a significant share of parcels could arrive late by the end of the decade.`,
      ),
      paragraph(
        `"Drivers should be able to sleep at home," said Harukaze President Sachiko Morioka. "Trains run at night while people rest, and that is the whole idea."`,
      ),
      paragraph(
        `Rail freight operators said Thursday they would add container cars to overnight services to handle the extra cargo, though they cautioned that capacity during the year-end peak remains limited.`,
      ),
    ],
  },
  {
    key: 'yuzuriha-foods-raises-packaged-rice-prices',
    section: 'business',
    headline: 'Yuzuriha Foods Raises Prices of Packaged Rice Products for Second Time This Year',
    standfirst:
      'The food maker cited higher costs for rice, packaging and electricity for increases of 8 to 15 percent.',
    authors: ['elena-fairbanks'],
    tags: ['food', 'prices', 'rice', 'yuzuriha foods'],
    hoursAgo: 76,
    photo: {
      scene: 'rice-field',
      caption: 'Wholesale prices for domestic rice have climbed since last autumn, the company said.',
      credit: CREDIT,
      alt: 'Flat illustration of terraced rice paddies, some flooded, with hills and a farmhouse.',
    },
    body: paras(
      `Yuzuriha Foods Co. said Monday it would raise the retail prices of its microwaveable rice packs and rice crackers by 8 to 15 percent from next month, the second increase this year, citing higher costs for rice, packaging and electricity.`,
      `The Saitama-based company said the price it pays for domestic rice had risen sharply since last autumn's harvest. It said it had absorbed part of the increase by streamlining production but could no longer do so without hurting quality.`,
      `Supermarket operators said shoppers have become more sensitive to price changes on staple foods. Some chains have expanded their private-brand rice products to offer cheaper alternatives.`,
      `Rival food makers are expected to review their own prices in the coming weeks, according to industry sources.`,
    ),
  },
  {
    key: 'sorano-air-five-routes-kansai',
    section: 'business',
    headline: 'Budget Carrier Sorano Air to Add Five Routes From Kansai Airport Next Spring',
    standfirst: 'The low-cost airline is betting on continued growth in inbound tourism to the Osaka region.',
    authors: [],
    tags: ['airlines', 'tourism', 'osaka', 'sorano air'],
    hoursAgo: 120,
    body: paras(
      `Low-cost carrier Sorano Air will launch five new international routes from Kansai International Airport next spring, the airline said Friday, betting on continued growth in inbound tourism to the Osaka region.`,
      `The new routes will connect Kansai with Cebu, Da Nang, Kaohsiung, Chiang Mai and Jeju, with three to seven flights a week depending on the destination. The airline will lease four additional narrow-body aircraft to operate the services.`,
      `Sorano Air said it would also offer discounted weekday fares to Japanese travelers to encourage outbound demand, which has recovered more slowly than inbound travel. Tickets go on sale next month.`,
    ),
  },

  // -------------------------------------------------------------------------------------------
  // Society
  {
    key: 'tokyo-schools-shorten-classes-heat-wave',
    section: 'society',
    headline: 'Tokyo-Area Schools Shorten Afternoon Classes as Early Heat Wave Grips Capital',
    standfirst:
      'Students were sent home before the hottest part of the day as temperatures passed 35 C for a third straight day.',
    authors: ['naomi-whitfield'],
    tags: ['heat wave', 'schools', 'tokyo', 'weather'],
    hoursAgo: 2,
    photo: {
      scene: 'skyline',
      caption: 'Parts of the capital recorded temperatures above 35 C for a third consecutive day.',
      credit: CREDIT,
      alt: 'Flat illustration of tower blocks under a hazy sky, reflected in a river.',
    },
    body: paras(
      `Several municipalities in the Tokyo area ordered public elementary and junior high schools to end classes early on Monday as temperatures in parts of the capital topped 35 C for the third straight day, according to local education boards.`,
      `Students were sent home before the hottest part of the afternoon, and outdoor club activities were canceled. Some schools moved physical education classes indoors or replaced them with lessons on preventing heatstroke.`,
      `Weather officials issued heatstroke alerts for much of eastern Japan and urged residents to use air conditioning, drink water regularly and check on elderly neighbors.`,
      `Emergency services in the capital said they had taken dozens of people to hospitals with suspected heatstroke since Saturday. Most were elderly, though several were students who fell ill during weekend sports practice.`,
      `Education officials said they would decide day by day whether to continue the shortened schedule. "We would rather lose an hour of math than risk a child's health," an official in one ward said.`,
    ),
  },
  {
    key: 'kiriyama-vacant-homes-one-yen-families',
    section: 'society',
    headline: 'Mountain Town Offers Vacant Homes for 1 Yen to Families Pledging to Stay a Decade',
    standfirst:
      'Kiriyama in Nagano Prefecture hopes cheap houses and renovation subsidies will reverse a decline that has closed two of its schools.',
    authors: ['naomi-whitfield'],
    tags: ['vacant homes', 'depopulation', 'nagano', 'housing'],
    hoursAgo: 22,
    photo: {
      scene: 'mountains',
      caption: 'Kiriyama sits in a valley surrounded by forested ridges.',
      credit: CREDIT,
      alt: 'Flat illustration of layered forested ridges below a snow-capped peak, with pine trees in front.',
    },
    pinned: true,
    body: [
      paragraph(
        `The town of Kiriyama in Nagano Prefecture will offer vacant houses for 1 yen to families with children who agree to live there for at least 10 years, town officials said, in an effort to halt a population decline that has closed two of its three elementary schools.`,
      ),
      paragraph(
        `The town has identified 14 unoccupied houses whose owners have agreed to a symbolic sale. Kiriyama will also subsidize up to 3 million yen in renovation costs per home.`,
      ),
      paragraph(`Applicants must meet the following conditions:`),
      list(false, [
        'At least one child of junior high school age or younger',
        'Registration of the family as residents within six months of purchase',
        'Membership in the local neighborhood association',
        'Repayment of the renovation subsidy if the family leaves within 10 years',
      ]),
      rich(
        t('Details are posted on '),
        link("the town's relocation page", 'https://example.com/kiriyama/relocation'),
        t(', and applications open on the first of next month.'),
      ),
      paragraph(
        `Vacant homes have become a nationwide problem as the population ages and shrinks. In many rural areas, houses stand empty after elderly owners move into care facilities or die, and heirs living in cities often have no use for them.`,
      ),
      paragraph(
        `"We are not selling houses, we are looking for neighbors," Mayor Takumi Yaegashi said. The town received more than 300 inquiries within two days of announcing the plan.`,
      ),
    ],
  },
  {
    key: 'overnight-highway-bus-driver-rest-rules',
    section: 'society',
    headline: 'Transport Ministry Tightens Rest Rules for Overnight Highway Bus Drivers',
    standfirst:
      'Operators will need a second driver on long routes and must test drivers for alertness before each departure.',
    authors: [],
    tags: ['transport', 'buses', 'safety'],
    hoursAgo: 45,
    body: paras(
      `The transport ministry will lengthen the minimum rest period for drivers of overnight highway buses and require a second driver on routes longer than 500 kilometers, officials said Tuesday, following a series of accidents blamed on fatigue.`,
      `The new rules, which take effect in April, also require operators to check drivers with devices that measure reaction times before each departure. Companies that violate the rules could have their business licenses suspended.`,
      `Bus operators said they supported the goal but warned that the extra staffing costs could push up fares. An industry association official said some smaller companies might withdraw from late-night routes altogether.`,
      `The ministry said it would subsidize alertness-testing equipment during a two-year transition period.`,
    ),
  },
  {
    key: 'osaka-volunteers-teach-elderly-scams',
    section: 'society',
    headline: 'Osaka Volunteers Teach Elderly Residents How to Spot Phone and Online Scams',
    standfirst:
      'A group founded by a retired bank clerk now runs role-play classes in seven neighborhoods across the city.',
    authors: ['naomi-whitfield'],
    tags: ['fraud', 'elderly', 'osaka', 'volunteers'],
    hoursAgo: 88,
    body: paras(
      `In a community center in Osaka's Ikuno Ward, a group of retirees spent Thursday afternoon practicing how to hang up on a caller. The exercise was part of a volunteer-run class that teaches elderly residents to recognize fraud by phone, text message and social media.`,
      `The classes were started last year by Fumiko Tsuruoka, a 71-year-old former bank clerk, after a neighbor lost 4 million yen to a caller posing as her grandson. About 20 volunteers now hold sessions in seven neighborhoods across the city.`,
      `Participants act out common scenarios, such as a caller claiming to be a police officer or a message warning that an online account will be closed. Volunteers also help residents switch on call-blocking features on their phones.`,
      `Police say fraud aimed at older people has shifted from cash handed over in person toward transfers through banking apps and prepaid cards. "The tricks change every few months, so we change the lessons every few months," Tsuruoka said.`,
      `The city plans to support the group with funds for printed materials and venues from the next fiscal year, according to ward officials.`,
    ),
  },
  {
    key: 'hokkaido-towns-snow-removal-workers',
    section: 'society',
    headline: 'Hokkaido Towns Struggle to Find Workers for Snow Removal as Population Ages',
    standfirst: 'The contractors who clear rural roads are getting older, and few young people are taking their place.',
    authors: [],
    tags: ['hokkaido', 'snow', 'labor shortage', 'aging'],
    hoursAgo: 165,
    photo: {
      scene: 'mountains',
      caption: 'Overnight plowing shifts in heavy snowfall can last more than 10 hours.',
      credit: CREDIT,
      alt: 'Flat illustration of snowy peaks and misty ridges with dark pine trees in the foreground.',
    },
    body: paras(
      `Towns in northern Hokkaido are struggling to secure enough workers to clear snow from roads this winter, as the contractors who operate plows age and few young people take their place, according to local officials.`,
      `In one town near Nayoro, the average age of snowplow operators has passed 60, and the local construction company that handles most of the work said it could lose a third of its drivers within five years. Overnight shifts during heavy snowfall can last more than 10 hours.`,
      `Some municipalities have begun testing plows that use satellite positioning to guide operators on narrow roads, and others are offering housing support to attract drivers from outside the region. Officials say neither measure alone will be enough.`,
      `"If the roads are not cleared by six in the morning, the whole town stops," a town official said.`,
    ),
  },

  // -------------------------------------------------------------------------------------------
  // Science & Nature
  {
    key: 'deep-sea-microbe-breaks-down-plastic',
    section: 'science-nature',
    headline: 'Researchers Find Deep-Sea Microbe That Slowly Breaks Down Common Plastic',
    standfirst:
      'The bacterium, found in sediment off the Izu Islands, digested a small share of PET film over two months in the laboratory.',
    authors: ['daisuke-ohara'],
    tags: ['marine science', 'plastic', 'microbiology', 'izu islands'],
    hoursAgo: 12,
    photo: {
      scene: 'laboratory',
      caption: 'The team tested the bacterium on thin plastic films kept at deep-sea temperatures.',
      credit: CREDIT,
      alt: 'Flat illustration of glassware with coloured liquids on a laboratory bench.',
    },
    pinned: true,
    body: [
      paragraph(
        `A team of Japanese marine scientists has identified a bacterium living near the seafloor off the Izu Islands that can slowly break down polyethylene terephthalate, the plastic used in drink bottles, according to a study published this week.`,
      ),
      rich(
        t('The microbe, which the researchers named '),
        em('Abyssobacter lentus'),
        t(
          ', was found in sediment collected at a depth of about 2,800 meters by a research vessel of the Marine Frontier Research Institute, a public laboratory based in Yokosuka.',
        ),
      ),
      heading('Slow but steady'),
      paragraph(
        `In laboratory tests, colonies of the bacterium reduced the mass of thin plastic films by about 9 percent over 60 days at temperatures close to those of the deep sea. That is far slower than industrial recycling, but the researchers say the enzymes involved may be made more efficient once they are better understood.`,
      ),
      quote(
        'We did not expect to find an appetite for plastic somewhere so cold and so dark. It suggests that life down there is already adjusting to what we leave behind.',
        'Rika Nagatomo, lead author, Marine Frontier Research Institute',
      ),
      paragraph(
        `Other scientists cautioned against treating the discovery as a solution to ocean pollution. "A microbe that eats a little plastic very slowly at the bottom of the sea will not clean up the surface," said a biochemist at a university in Kyoto who was not involved in the study. "But its enzymes could become useful tools."`,
      ),
      paragraph(
        `The team plans to sequence the bacterium's full genome and test whether its enzymes stay active at room temperature. The institute released a short video of the dive during which the sediment was collected.`,
      ),
      embed(
        'https://example.com/video/deep-sea-sampling-dive',
        'Sampling dive off the Izu Islands (Marine Frontier Research Institute)',
      ),
    ],
  },
  {
    key: 'warm-winter-cherry-blossom-forecast-earlier',
    section: 'science-nature',
    headline: 'Warm Winter Pushes Cherry Blossom Forecast Earlier Across Western Japan',
    standfirst: 'A private forecaster expects buds to open about five days ahead of average in Fukuoka.',
    authors: ['daisuke-ohara'],
    tags: ['weather', 'cherry blossoms', 'climate'],
    hoursAgo: 34,
    body: paras(
      `Cherry blossoms are expected to open earlier than usual across much of western Japan this spring after an unusually mild winter, according to a forecast released Wednesday by the private weather service Hanabiyori.`,
      `The company predicted that the first blossoms in Fukuoka would appear about five days ahead of the average, with Kochi, Hiroshima and Osaka also running early. In Tokyo, the forecast date was close to the long-term average.`,
      `Blooming depends on both cold and warm spells, since buds need a period of winter chill to wake from dormancy before rising spring temperatures push them open. Forecasters said a lack of cold days in some southern areas could make blooming uneven.`,
      `Tourism operators have begun adjusting their schedules. A travel agency in Osaka said it had moved several of its blossom-viewing tours forward by a week.`,
    ),
  },
  {
    key: 'hoshizora-orbital-radar-satellite-launch',
    section: 'science-nature',
    headline: 'Tokyo Startup Readies Small Earth-Observation Satellite for Launch Next Month',
    standfirst: 'Hoshizora Orbital plans a constellation of 12 radar satellites to help authorities assess disasters.',
    authors: ['daisuke-ohara', 'ryo-ishizuka'],
    tags: ['space', 'satellites', 'startups', 'disaster prevention'],
    hoursAgo: 60,
    body: paras(
      `Hoshizora Orbital, a Tokyo-based startup founded by former university researchers, said Monday that its first Earth-observation satellite had completed final testing and would be launched next month aboard a foreign commercial rocket.`,
      `The satellite, about the size of a microwave oven, carries a radar sensor that can image the ground through clouds and at night. The company plans to sell the data to insurers, local governments and agricultural cooperatives.`,
      `Hoshizora aims to put a constellation of 12 satellites into orbit by 2029, which would allow it to photograph any spot in Japan several times a day. Chief Executive Yuto Minegishi said the images could help authorities assess landslides and flooding in the hours after a disaster.`,
      `Japan's space industry has drawn growing private investment, though several startups have faced launch delays and failures. Hoshizora said it had insured the satellite and had a second unit under construction.`,
      `"We want satellite data to become as ordinary and as trusted as the weather forecast," Minegishi said.`,
    ),
  },
  {
    key: 'crested-ibis-nesting-niigata-mainland',
    section: 'science-nature',
    headline: 'Crested Ibis Pair Found Nesting on Niigata Mainland, Conservation Group Says',
    standfirst: 'Volunteers spotted the birds carrying twigs to a cedar near rice paddies east of Niigata City.',
    authors: ['daisuke-ohara'],
    tags: ['wildlife', 'birds', 'niigata', 'conservation'],
    hoursAgo: 110,
    photo: {
      scene: 'rice-field',
      caption: 'Farmers near the nesting site have cut back on pesticides to attract wildlife.',
      credit: CREDIT,
      alt: 'Flat illustration of flooded rice terraces reflecting the sky, with forest and distant mountains.',
    },
    body: paras(
      `A pair of Japanese crested ibises has been observed nesting in a forest on the Niigata Prefecture mainland, a conservation group said Saturday, calling it a hopeful sign that the once nearly extinct bird is spreading beyond Sado Island.`,
      `Members of the Echigo Wetland Network spotted the birds carrying twigs to a tall cedar near rice paddies in the hills east of Niigata City. The group said it would not publicize the exact location to avoid disturbing the pair.`,
      `The ibis, known as toki in Japanese, feeds on loaches, frogs and insects in paddies and wetlands. Farmers near the site have reduced pesticide use in recent years as part of a local program to attract wildlife.`,
      `The group asked photographers and bird-watchers to keep at least 200 meters from the nest during the breeding season.`,
    ),
  },
  {
    key: 'smartphone-sensors-earthquake-warning-trial',
    section: 'science-nature',
    headline: 'Kobe Researchers Test Smartphone Sensors as Backup Earthquake Warning Network',
    standfirst:
      'About 5,000 volunteers in the Kansai region have installed an app that listens for shaking while their phones lie still.',
    authors: ['daisuke-ohara'],
    tags: ['earthquakes', 'disaster prevention', 'kobe', 'smartphones'],
    hoursAgo: 178,
    body: paras(
      `Researchers at the Rokko Institute of Technology in Kobe have begun a yearlong trial that uses the motion sensors in volunteers' smartphones to detect earthquakes, a system they hope could supplement the national seismometer network.`,
      `About 5,000 volunteers in the Kansai region have installed an app that records vibrations when the phone is lying still, typically at night. When many phones in the same area register shaking at once, the system flags a possible quake within seconds.`,
      `The team stressed that the system is not meant to replace official warnings but to provide extra data where seismometers are sparse or could be damaged. Location data is reduced to the neighborhood level before it leaves the phone, the researchers said.`,
      `"Every pocket can become a small observatory," project leader Makoto Fujigaya said. The team plans to publish its first results next spring.`,
    ),
  },

  // -------------------------------------------------------------------------------------------
  // Sports
  {
    key: 'osaka-comets-rally-ninth-beat-tokyo-ravens',
    section: 'sports',
    headline: 'Osaka Comets Rally in Ninth Inning to Take Series Opener From Tokyo Ravens',
    standfirst:
      'Kaito Segawa lined a two-run double with two outs as the league leaders met at the top of the standings.',
    authors: ['mio-kawabe'],
    tags: ['baseball', 'osaka comets', 'tokyo ravens'],
    hoursAgo: 0.5,
    photo: {
      scene: 'stadium',
      caption: 'More than 36,000 fans watched the opener of the three-game series.',
      credit: CREDIT,
      alt: 'Flat illustration of a floodlit stadium at night with a striped green pitch and crowded stands.',
    },
    body: paras(
      `Shortstop Kaito Segawa lined a two-run double in the ninth inning as the Osaka Comets came from behind to beat the Tokyo Ravens 5-4 on Friday night, opening a three-game series between the league's top two teams.`,
      `The Ravens led 4-1 after six innings behind starter Ryusei Kagami, who allowed one run on four hits before leaving with a blister on his pitching hand. The Comets chipped away at the Tokyo bullpen with a solo homer in the seventh and a sacrifice fly in the eighth.`,
      `With two outs and runners on first and second in the ninth, Segawa drove a fastball into the left-center gap to bring both runners home. The crowd of more than 36,000 rose to its feet as the winning run slid across the plate.`,
      `"I was just trying not to be the last out," Segawa said. "He gave me something I could hit, and I did not miss it."`,
      `The Comets moved within half a game of the Ravens for first place. The teams meet again on Saturday afternoon.`,
    ),
  },
  {
    key: 'oribe-wins-kagura-coast-marathon-record',
    section: 'sports',
    headline: 'Oribe Wins Hometown Marathon in Course Record, Earns Spot on National Team',
    standfirst: 'The 26-year-old broke away at 30 kilometers and finished nearly a minute inside the old record.',
    authors: ['mio-kawabe'],
    tags: ['athletics', 'marathon', 'miyazaki'],
    hoursAgo: 26,
    photo: {
      scene: 'skyline',
      caption: 'The course finishes along the seafront in the city center.',
      credit: CREDIT,
      alt: 'Flat illustration of a city waterfront with buildings in morning light.',
    },
    body: paras(
      `Sayaka Oribe won the women's race at the Kagura Coast Marathon in Miyazaki Prefecture on Sunday in a course record of 2 hours, 22 minutes, 41 seconds, securing a place on the national team for this year's world championships.`,
      `The 26-year-old, who grew up a few kilometers from the course, broke away from a lead group of five at the 30-kilometer mark and ran the final stretch alone along the seafront. Her time was nearly a minute faster than the previous record, set six years ago.`,
      `"I have run on these roads since elementary school, so I knew exactly where the wind would hit," Oribe said. "Today it was at my back when I needed it."`,
      `In the men's race, Daichi Mukaino of the corporate team Kisaragi Motors pulled away over the last 2 kilometers to win in 2:08:15.`,
      `The national federation is expected to confirm its team selection next week.`,
    ),
  },
  {
    key: 'hoshinada-sole-lead-day-11-kirinzan',
    section: 'sports',
    headline: 'Ozeki Hoshinada Takes Sole Lead on Day 11 With Throw Over Rival Kirinzan',
    standfirst: 'The 27-year-old improved to 10-1 and moved a step closer to a second championship.',
    authors: ['mio-kawabe'],
    tags: ['sumo', 'hoshinada', 'kirinzan'],
    hoursAgo: 50,
    updatedHoursAgo: 47,
    photo: {
      scene: 'stadium',
      caption: 'The bout between the two ozeki lasted nearly 40 seconds.',
      credit: CREDIT,
      alt: 'Flat illustration of a packed arena under bright lights at dusk.',
    },
    pinned: true,
    body: paras(
      `Ozeki Hoshinada took sole possession of the lead at the summer grand sumo tournament on Wednesday, throwing fellow ozeki Kirinzan with an overarm throw on the 11th day to improve to 10-1.`,
      `The two wrestlers locked grips on each other's belts at the center of the ring for nearly 40 seconds before Hoshinada shifted his weight and twisted Kirinzan to the clay. Kirinzan, who entered the day tied for the lead, fell to 9-2.`,
      `Hoshinada, 27, is seeking his second championship. A strong finish could put him in contention for promotion to yokozuna, sumo's highest rank, according to tournament officials.`,
      `"I felt his strength the whole time, but I kept my hips low," Hoshinada said in the dressing room. Three wrestlers, including Kirinzan, trail by one win.`,
      `Kirinzan's stablemaster said Thursday morning that the ozeki had slightly strained his left knee in the bout but would continue to compete.`,
    ),
  },
  {
    key: 'sapporo-northwind-appoint-ishiguro-coach',
    section: 'sports',
    headline: 'Sapporo Northwind Appoint Former Defender Keita Ishiguro as Head Coach',
    standfirst: 'The club turned to its youth coach after a run of six games without a win.',
    authors: [],
    tags: ['football', 'sapporo northwind'],
    hoursAgo: 80,
    body: paras(
      `Sapporo Northwind, the top-flight football club, on Monday named former national team defender Keita Ishiguro as head coach, replacing Marco Albuquerque, who was dismissed last week after six games without a win.`,
      `Ishiguro, 44, spent the past three seasons in charge of the club's under-18 team, which won two youth titles under his leadership. He signed a contract through the end of next season.`,
      `"I know these players, and I know this city," Ishiguro said at his first news conference in the role. "We will defend first, and the goals will follow." The Northwind sit 16th in the 20-team league and play at home on Saturday.`,
    ),
  },
  {
    key: 'teen-ski-jumper-ashikaga-first-podium',
    section: 'sports',
    headline: 'Teen Ski Jumper From Hokkaido Claims First World Cup Podium in Norway',
    standfirst: 'Hina Ashikaga, 17, climbed from sixth to third with a second-round jump of 131.5 meters.',
    authors: ['mio-kawabe'],
    tags: ['ski jumping', 'winter sports', 'hokkaido'],
    hoursAgo: 130,
    photo: {
      scene: 'mountains',
      caption: 'Ashikaga learned to jump on a small hill near her family home in northern Hokkaido.',
      credit: CREDIT,
      alt: 'Flat illustration of snow-capped mountains above wooded ridges.',
    },
    body: paras(
      `Seventeen-year-old Hina Ashikaga finished third in a women's ski jumping World Cup event in Norway on Saturday, becoming one of the youngest Japanese jumpers to reach the podium on the circuit.`,
      `Ashikaga, who grew up jumping on a small hill near her family's home in northern Hokkaido, moved up from sixth place after the first round with a second jump of 131.5 meters.`,
      `"I was so nervous that I could not feel my legs on the bar," she said. "When I landed, I heard my coach shouting and knew it was a good one."`,
      `Her coach said the result would give her confidence ahead of the national championships next month.`,
    ),
  },

  // -------------------------------------------------------------------------------------------
  // Culture
  {
    key: 'kabuki-troupe-stages-starlight-ferry-manga',
    section: 'culture',
    headline: 'Kabuki Troupe Stages Adaptation of Cult Science Fiction Manga to Sold-Out Crowds',
    standfirst: 'Tickets for the monthlong run of "Starlight Ferry" in Ginza sold out within hours.',
    authors: ['naomi-whitfield'],
    tags: ['kabuki', 'manga', 'theater', 'tokyo'],
    hoursAgo: 15,
    photo: {
      scene: 'festival',
      caption: 'The production mixes painted backdrops with projected galaxies.',
      credit: CREDIT,
      alt: 'Flat illustration of paper lanterns and fireworks over a row of lit stalls at night.',
    },
    pinned: true,
    body: [
      rich(
        t('A kabuki adaptation of '),
        em('Starlight Ferry'),
        t(
          ", a science fiction manga first serialized in the 1980s, opened at a theater in Tokyo's Ginza district this week, with tickets for the entire monthlong run sold out within hours of going on sale.",
        ),
      ),
      paragraph(
        `The production follows a ferry captain who carries the souls of the dead between planets, a premise that director Kyohei Minase said fit naturally with kabuki's long tradition of ghost stories and journeys between worlds. Actors fly over the audience on wires in the second act, and the sets combine painted backdrops with projections of galaxies.`,
      ),
      quote(
        'Kabuki was always the popular entertainment of its day. If it only looks backward, it stops being kabuki.',
        'Kyohei Minase, director',
      ),
      paragraph(
        `The manga's creator, who publishes under the pen name Tsukiyo, attended the opening night and joined the cast on stage for the curtain call.`,
      ),
      paragraph(
        `Some longtime fans of the classical repertoire have questioned whether such productions dilute the art form. Theater officials said about 40 percent of those who bought tickets for the run had never bought a kabuki ticket before.`,
      ),
      paragraph(`The production will tour Osaka and Fukuoka in the autumn.`),
    ],
  },
  {
    key: 'restored-float-returns-kyoto-festival',
    section: 'culture',
    headline: 'Restored 200-Year-Old Float to Return to Kyoto Neighborhood Festival This Summer',
    standfirst: 'Craftspeople spent four years replacing the axles and repairing the tapestries thread by thread.',
    authors: [],
    tags: ['festivals', 'kyoto', 'crafts', 'restoration'],
    hoursAgo: 40,
    photo: {
      scene: 'festival',
      caption: 'The procession will take place on the last Sunday of July.',
      credit: CREDIT,
      alt: 'Flat illustration of festival stalls with striped awnings under strings of lanterns at dusk.',
    },
    body: paras(
      `A festival float built more than two centuries ago will return to the streets of a Kyoto neighborhood this summer after a four-year restoration, residents and city officials said.`,
      `The float, which stands about 8 meters tall and is decorated with woven tapestries and lacquered carvings, had not been pulled since its wooden wheels cracked during a procession. Craftspeople replaced the axles with zelkova wood and repaired the textiles thread by thread.`,
      `The restoration cost about 90 million yen, paid for by the city, private donations and a crowdfunding campaign that drew support from more than 2,000 people, many of them overseas.`,
      `"My grandfather pulled this float, and now my grandson will," said a 78-year-old member of the neighborhood association that maintains it. The procession will take place on the last Sunday of July.`,
    ),
  },
  {
    key: 'tachibana-low-tide-lanterns-wins-top-prize',
    section: 'culture',
    headline: "Director Emi Tachibana's Fishing Village Drama Wins Top Prize at Nordic Festival",
    standfirst: '"Low Tide Lanterns" follows three generations of women in a community rebuilding after a storm.',
    authors: ['naomi-whitfield'],
    tags: ['film', 'awards', 'ishikawa'],
    hoursAgo: 70,
    photo: {
      scene: 'harbour',
      caption: 'Several residents of the village appear in the film as themselves.',
      credit: CREDIT,
      alt: 'Flat illustration of a calm harbour at dusk with a ship and cranes.',
    },
    body: paras(
      `"Low Tide Lanterns," a drama about three generations of women in a fishing village in Ishikawa Prefecture, won the top prize at the Nordic Light Film Festival on Sunday, the first Japanese film to do so.`,
      `Director Emi Tachibana, 38, shot the film over two years with a cast that included several residents of the village playing themselves. The jury praised its "patience and tenderness" and its portrayal of a community rebuilding after a storm.`,
      `"I wanted to film the sea as a neighbor, not as a postcard," Tachibana said in her acceptance speech.`,
      `The film is scheduled for release in Japanese theaters in the autumn.`,
    ),
  },
  {
    key: 'kurenai-museum-woodblock-prints-online',
    section: 'culture',
    headline: 'Tokyo Museum Puts 12,000 Woodblock Prints Online in High Resolution',
    standfirst: 'The images, free for noncommercial use, let viewers zoom in on the grain of the wood.',
    authors: [],
    tags: ['museums', 'ukiyo-e', 'digital archives'],
    hoursAgo: 150,
    body: [
      paragraph(
        `The Kurenai Museum of Art in Tokyo has published high-resolution images of about 12,000 woodblock prints from its collection online, allowing anyone to zoom in on details such as the grain of the wood and individual strands of hair.`,
      ),
      paragraph(
        `The collection includes landscapes, portraits of kabuki actors and rare illustrated books from the 18th and 19th centuries. All images are free to download and use for noncommercial purposes, the museum said.`,
      ),
      rich(
        t('Visitors can browse the prints by artist, subject or period in '),
        link("the museum's digital archive", 'https://example.com/kurenai/archive'),
        t('. The remaining 3,000 works in the collection are to be added by the end of next year.'),
      ),
      rich(
        t('A curator said the project had already produced surprises: a scan of one print revealed a '),
        strong('hidden signature'),
        t(' beneath a layer of pigment. More exhibitions are listed on our '),
        link('culture pages', '/culture'),
        t('.'),
      ),
    ],
  },

  // -------------------------------------------------------------------------------------------
  // World
  {
    key: 'typhoon-landfall-northern-philippines-evacuations',
    section: 'world',
    headline: 'Typhoon Makes Landfall in Northern Philippines, Forcing Tens of Thousands to Evacuate',
    standfirst: 'Winds of up to 180 kph cut power across several provinces and landslides blocked mountain roads.',
    authors: ['ryo-ishizuka'],
    tags: ['typhoon', 'philippines', 'disasters'],
    hoursAgo: 4.5,
    updatedHoursAgo: 1.5,
    photo: {
      scene: 'harbour',
      caption: 'Ports along the northern coast were closed as waves reached several meters.',
      credit: CREDIT,
      alt: 'Flat illustration of a port with gantry cranes and a cargo ship under a pale sky.',
    },
    pinned: true,
    topStory: 2,
    body: paras(
      `A powerful typhoon made landfall on the northern tip of Luzon in the Philippines early Friday, bringing torrential rain and winds of up to 180 kph and forcing more than 60,000 people to leave their homes, according to local disaster officials.`,
      `Power was cut across several provinces, and landslides blocked mountain roads connecting farming towns to the coast. Authorities suspended ferry services and closed ports along the northern coast as waves reached several meters.`,
      `There were no immediate reports of deaths, but officials said communication with some remote villages had been lost. Rescue teams were waiting for the winds to ease before trying to reach them.`,
      `The storm is forecast to weaken slightly as it moves northwest across the South China Sea over the weekend. Forecasters in Japan said it was not expected to affect Okinawa directly but warned of high waves around the Sakishima Islands.`,
      `The Japanese Embassy in Manila said it was checking on the safety of Japanese nationals in the affected areas and had received no reports of injuries so far.`,
      `Later on Friday, national authorities declared a state of calamity in three northern provinces, allowing local governments to release emergency funds and control the prices of basic goods.`,
    ),
  },
  {
    key: 'singapore-floating-solar-desalination-pilot',
    section: 'world',
    headline: 'Singapore Utility Links Floating Solar Array to Desalination Plant in Pilot Project',
    standfirst:
      "About 40,000 panels on sheltered coastal water can meet a fifth of the plant's power needs on a sunny day.",
    authors: ['ryo-ishizuka'],
    tags: ['singapore', 'solar power', 'water'],
    hoursAgo: 36,
    body: paras(
      `A Singapore utility has begun operating a floating solar array that directly powers part of a nearby desalination plant, a pilot project designed to cut the energy cost of turning seawater into drinking water, the company said Tuesday.`,
      `The array, built on a sheltered stretch of coastal water, has about 40,000 panels and can supply roughly a fifth of the plant's electricity on a sunny day. The operator, Straits Blue Utilities, said batteries would smooth out supply during cloudy periods.`,
      `Desalination uses large amounts of energy, and land-scarce Singapore has turned to reservoirs and the sea to find room for solar panels. Engineers from a Japanese plant maker, Shiokaze Engineering, helped design the floating platforms to withstand tropical storms.`,
      `The company said it would decide within two years whether to extend the system to its other plants.`,
    ),
  },
  {
    key: 'european-night-train-pass-asian-tourists',
    section: 'world',
    headline: 'European Rail Operators Launch Joint Night Train Pass Aimed at Asian Tourists',
    standfirst:
      'The 15-day pass covers sleeper services across eight countries, with booking pages in Japanese from the start.',
    authors: [],
    tags: ['europe', 'rail', 'tourism'],
    hoursAgo: 64,
    photo: {
      scene: 'train',
      caption: 'Passengers can pay extra for private compartments on the sleeper services.',
      credit: CREDIT,
      alt: 'Flat illustration of a high-speed train crossing a viaduct through green countryside.',
    },
    body: paras(
      `A group of European rail operators on Wednesday launched a pass allowing unlimited travel on overnight trains across eight countries for up to 15 days, with marketing aimed at travelers from Japan, South Korea and other Asian markets.`,
      `The pass, sold through an alliance called Nocturne Rail, covers sleeper services linking cities such as Vienna, Amsterdam, Milan and Prague. Passengers pay extra for private compartments.`,
      `Alliance officials said Japanese visitors tend to stay longer and spend more per trip than average, and are increasingly interested in slower, lower-carbon ways to travel. Booking pages and customer support will be offered in Japanese from the start.`,
      `Travel agencies in Tokyo said early inquiries had come mainly from retirees and university students.`,
    ),
  },
  {
    key: 'drones-map-patagonia-glaciers-chile-japan',
    section: 'world',
    headline: 'Chilean and Japanese Scientists Use Drones to Map Shrinking Glaciers in Patagonia',
    standfirst: 'One of three glaciers surveyed has retreated about 1.2 kilometers in a decade, the researchers said.',
    authors: ['ryo-ishizuka', 'daisuke-ohara'],
    tags: ['glaciers', 'climate', 'chile', 'drones'],
    hoursAgo: 190,
    photo: {
      scene: 'mountains',
      caption: 'Meltwater from the glaciers feeds rivers used for hydropower and farming.',
      credit: CREDIT,
      alt: 'Flat illustration of an icy peak above layers of ridges fading into haze.',
    },
    body: paras(
      `A joint team of Chilean and Japanese glaciologists has completed a detailed drone survey of three glaciers in southern Patagonia, finding that one of them has retreated about 1.2 kilometers in a decade, the researchers said.`,
      `The team, led by scientists from a university in Santiago and the Institute for Polar and Alpine Studies in Sapporo, flew drones over the ice for six weeks and combined the images with satellite data to build three-dimensional models.`,
      `"The ice is losing thickness faster than it is losing area, which means the worst of it is hidden from the air," said Shun Kaneshiro, a member of the Japanese team. Meltwater from the glaciers feeds rivers used for hydropower and farming downstream.`,
      `The researchers plan to return next year to install instruments measuring how quickly the ice flows toward the lakes at its edge.`,
    ),
  },
];
