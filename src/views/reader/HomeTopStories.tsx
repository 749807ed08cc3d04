import type { HomeTopStoriesProps } from '../shared/Themed.js';
import { ArticleList } from './ArticleList.js';
import { LeadStory } from './LeadStory.js';

/** The default theme's top stories: the lead with a large photo, then the others as teasers. */
export const HomeTopStories = ({ top, settings, labels }: HomeTopStoriesProps) => {
  const [lead, ...others] = top;
  return lead ? (
    <section class="top-stories" aria-labelledby="top-stories">
      <h2 id="top-stories" class="visually-hidden">
        {labels.topStories}
      </h2>
      <LeadStory
        article={lead}
        settings={settings}
        headingLevel={3}
        sizes="(min-width: 64rem) 30rem, (min-width: 60rem) 60vw, 100vw"
        showSection
      />
      <ArticleList articles={others} settings={settings} headingLevel={3} showSection />
    </section>
  ) : (
    <p class="empty">{labels.noArticlesYet}</p>
  );
};
