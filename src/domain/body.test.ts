import type { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type BlockSchema, BodySchema, type InlineSchema, type MarkSchema, paragraph, storedBody } from './body.js';
import type { Block, Body, Inline, Mark } from './body-text.js';

describe('the body schema', () => {
  it('describes exactly the hand-written body types (checked by the type checker)', () => {
    expectTypeOf<z.infer<typeof MarkSchema>>().toEqualTypeOf<Mark>();
    expectTypeOf<z.infer<typeof InlineSchema>>().toEqualTypeOf<Inline>();
    expectTypeOf<z.infer<typeof BlockSchema>>().toEqualTypeOf<Block>();
    expectTypeOf<z.infer<typeof BodySchema>>().toEqualTypeOf<Body>();
  });

  it('refuses an image block without alt text', () => {
    expect(BodySchema.safeParse([{ type: 'image', mediaId: 3, alt: '' }]).success).toBe(false);
  });
});

describe('storedBody', () => {
  it('reads a stored body', () => {
    expect(storedBody(JSON.stringify([paragraph('One.')]))).toEqual([paragraph('One.')]);
  });

  it('reads text that is not JSON as an empty body', () => {
    expect(storedBody('[{"type":')).toEqual([]);
  });

  it('reads a body that no longer validates as an empty body', () => {
    expect(storedBody(JSON.stringify([{ type: 'script', src: 'x' }]))).toEqual([]);
  });
});
