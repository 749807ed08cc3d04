import { rawHtml } from '../shared/raw-html.js';
import type { SectionFrontBodyProps } from '../shared/Themed.js';
import { ArticleList } from './ArticleList.js';
import { LeadStory } from './LeadStory.js';
import { Pagination } from './Pagination.js';

/** The default theme's section front: its header and subsections, the lead, the list and the page links. */
export const SectionFrontBody = ({
  section,
  parent,
  subsections,
  lead,
  articles: rest,
  page,
  totalPages,
  path,
  afterLead,
  settings,
  labels,
}: SectionFrontBodyProps) => (
  <div class="front">
    <header class="front-header">
      {parent ? (
        <p class="kicker">
          <a href={parent.path}>{parent.name}</a>
        </p>
      ) : null}
      <h1>{section.name}</h1>
      {subsections.length > 0 ? (
        <nav aria-label={labels.subsectionsOf(section.name)} class="subsection-nav">
          <ul>
            {subsections.map((s) => (
              <li>
                <a href={s.path}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
    {lead ? (
      <LeadStory
        article={lead}
        settings={settings}
        headingLevel={2}
        sizes="(min-width: 72rem) 40rem, (min-width: 48rem) 55vw, 100vw"
      />
    ) : null}
    {/* Where the lead is; a later page, which has none, has it above its list. */}
    {afterLead ? rawHtml(afterLead) : null}
    {rest.length > 0 ? (
      <ArticleList articles={rest} settings={settings} headingLevel={2} />
    ) : lead ? null : (
      <p class="empty">{labels.nothingInSectionYet(section.name)}</p>
    )}
    <Pagination path={path} page={page} totalPages={totalPages} labels={labels} />
  </div>
);
