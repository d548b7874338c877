// Selecting experiments by tags and leaving files out by glob.
import { describe, expect, it } from 'vitest';
import { excludedByGlob, selectedByTags, tagSelection } from '../../src/experiment/selection.js';

describe('tags', () => {
  it('select an experiment carrying any of the tags, or all of them with match all', () => {
    expect(selectedByTags(['pr', 'db'], tagSelection(['pr', 'nightly'], 'any'))).toBe(true);
    expect(selectedByTags(['db'], tagSelection(['pr', 'nightly'], 'any'))).toBe(false);
    expect(selectedByTags(['pr', 'db'], tagSelection(['pr', 'db'], 'all'))).toBe(true);
    expect(selectedByTags(['pr'], tagSelection(['pr', 'db'], 'all'))).toBe(false);
  });

  it('leave out an experiment carrying a !tag, whatever else it carries; none given selects every experiment', () => {
    expect(selectedByTags(['pr', 'slow'], tagSelection(['pr', '!slow'], 'any'))).toBe(false);
    expect(selectedByTags(['pr'], tagSelection(['!slow'], 'any'))).toBe(true);
    expect(selectedByTags(undefined, tagSelection([], 'any'))).toBe(true);
    expect(selectedByTags('pr', tagSelection(['pr'], 'any'))).toBe(false);
  });
});

describe('exclude', () => {
  it('matches paths relative to the working folder', () => {
    expect(excludedByGlob('/work/x/experiments/nightly/a.json', ['experiments/nightly/**'], '/work/x')).toBe(true);
    expect(excludedByGlob('experiments/pr/a.json', ['experiments/nightly/**'], '/work/x')).toBe(false);
    expect(excludedByGlob('experiments/pr/a.yaml', ['**/*.yaml'], '/work/x')).toBe(true);
  });
});
