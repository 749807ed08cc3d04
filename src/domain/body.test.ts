import { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type BlockSchema,
  BodySchema,
  bodyProblemOf,
  CoreBodySchema,
  bodySchemaWith,
  type InlineSchema,
  isPluginBlock,
  pluginTypeOf,
  type MarkSchema,
  paragraph,
  storedBody,
} from './body.js';
import type { Block, Body, Inline, Mark } from './body-text.js';

describe('the body schema', () => {
  it('describes exactly the hand-written body types (checked by the type checker)', () => {
    expectTypeOf<z.infer<typeof MarkSchema>>().toEqualTypeOf<Mark>();
    expectTypeOf<z.infer<typeof InlineSchema>>().toEqualTypeOf<Inline>();
    expectTypeOf<z.infer<typeof BlockSchema>>().toEqualTypeOf<Block>();
    expectTypeOf<z.infer<typeof CoreBodySchema>>().toEqualTypeOf<Block[]>();
    expectTypeOf<z.infer<typeof BodySchema>>().toEqualTypeOf<Body>();
  });

  it('refuses an image block without alt text', () => {
    expect(BodySchema.safeParse([{ type: 'image', mediaId: 3, alt: '' }]).success).toBe(false);
  });

  it('holds only core blocks for publication pages', () => {
    expect(CoreBodySchema.safeParse([{ type: 'poll', question: 'x' }]).success).toBe(false);
    expect(BodySchema.safeParse([{ type: 'poll', question: 'x' }]).success).toBe(true);
  });
});

describe('storedBody', () => {
  it('reads a stored body', () => {
    expect(storedBody(JSON.stringify([paragraph('One.')]))).toEqual([paragraph('One.')]);
  });

  it('reads text that is not JSON as an empty body', () => {
    expect(storedBody('[{"type":')).toEqual([]);
  });

  it('reads a body whose core block no longer validates as an empty body', () => {
    expect(storedBody(JSON.stringify([paragraph('One.'), { type: 'image', mediaId: 3, alt: '' }]))).toEqual([]);
  });

  it('reads a body with a block type no plugin could have as an empty body', () => {
    expect(storedBody(JSON.stringify([{ type: '<script>', src: 'x' }]))).toEqual([]);
    expect(storedBody(JSON.stringify([{ type: 'Poll', question: 'x' }]))).toEqual([]);
  });

  it("keeps a plugin's block as it was stored, whether or not its plugin is loaded", () => {
    const stored = [paragraph('One.'), { type: 'poll', question: 'Which bridge?', options: ['North', 'South'] }];
    const body = storedBody(JSON.stringify(stored));
    expect(body).toEqual(stored);
    const [, poll] = body;
    expect(poll && isPluginBlock(poll) && pluginTypeOf(poll)).toBe('poll');
  });
});

describe('the body a save may store (bodySchemaWith)', () => {
  const types = new Map([
    [
      'poll',
      {
        schema: z.object({ question: z.string().min(1), options: z.array(z.string()).min(2) }),
        editor: { label: 'Reader poll' },
      },
    ],
    ['fact-box', { schema: z.object({ title: z.string(), total: z.number().default(0) }) }],
  ]);
  const parse = (body: unknown[], kept: Body = []) => bodySchemaWith(types, kept).safeParse(body);
  const problem = (body: unknown[], kept: Body = []) => {
    const result = parse(body, kept);
    return result.success ? null : bodyProblemOf(result.error);
  };

  it("takes a plugin block whose data passes its plugin's schema, as the schema gives it back", () => {
    const result = parse([paragraph('One.'), { type: 'fact-box', title: 'Turnout', stray: 1 }]);
    expect(result.success && result.data).toEqual([
      paragraph('One.'),
      { type: 'fact-box', title: 'Turnout', total: 0 },
    ]);
  });

  it('refuses a plugin block whose data does not pass, naming the block and the field', () => {
    expect(problem([{ type: 'poll', question: 'Which bridge?', options: ['North'] }])).toMatch(
      /^The "Reader poll" block is not complete: options: .+\.$/,
    );
    expect(problem([{ type: 'fact-box', title: 3 }])).toMatch(/^The "fact-box" block is not complete: title: /);
  });

  it('refuses a block of a type no loaded plugin defines, naming it', () => {
    expect(problem([paragraph('One.'), { type: 'map', lat: 1 }])).toBe(
      'The body has a "map" block, which no loaded plugin defines: remove it, or ask for the plugin that adds it.',
    );
    expect(problem([{ type: 'Map!' }])).toBe('The body has a block of unknown type "Map!".');
  });

  it('keeps a block of a plugin no longer loaded when the stored body had it unchanged, in any key order', () => {
    const kept = storedBody(JSON.stringify([{ type: 'map', lat: 1, lng: 2, label: { en: 'Port' } }]));
    const edited = [paragraph('New words.'), { lng: 2, label: { en: 'Port' }, type: 'map', lat: 1 }];
    expect(parse(edited, kept).success).toBe(true);
    expect(problem([{ type: 'map', lat: 5, lng: 2, label: { en: 'Port' } }], kept)).toMatch(
      /"map" block, which no loaded/,
    );
  });

  it('still refuses a core block that does not validate', () => {
    expect(problem([{ type: 'image', mediaId: 3, alt: '' }])).toBe(
      'The body could not be read; check links and lists.',
    );
  });

  it('refuses a plugin schema that does not give an object back', () => {
    const odd = new Map([
      [
        'odd',
        {
          schema: z
            .string()
            .or(z.object({}))
            .transform(() => 'text'),
        },
      ],
    ]);
    const result = bodySchemaWith(odd).safeParse([{ type: 'odd' }]);
    expect(!result.success && bodyProblemOf(result.error)).toBe(
      `The "odd" block's plugin schema must describe an object.`,
    );
  });
});
